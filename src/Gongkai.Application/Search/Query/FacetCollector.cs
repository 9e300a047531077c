using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Gongkai.Application.Search;

/// <summary>
/// Counts, for every hit, the value of each facet field from its sorted doc values: an ordinal
/// lookup per field per hit, counted per segment and named once per segment — on the thread that
/// counted it (<see cref="FinishSegment"/>): Lucene gives each thread its own doc-values readers of
/// a segment, each reading through its own position in the file, so a reader used on another thread
/// races with its owner (ConcurrentSearchTests).
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<string> fields) : ICollector
{
    private readonly Dictionary<string, Dictionary<string, int>> _counts =
        fields.ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);

    private SortedDocValues?[] _values = [];
    private int[]?[] _ords = [];
    private int[][] _segmentCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        FinishSegment();
        _values = fields.Select(f => context.AtomicReader.GetSortedDocValues(f)).ToArray();
        _ords = fields.Select((f, i) => SegmentArrays.Ordinals(context.AtomicReader, f, _values[i])).ToArray();
        _segmentCounts = _values.Select(v => new int[v?.ValueCount ?? 0]).ToArray();
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _ords.Length; i++)
        {
            var ords = _ords[i];
            if (ords is null)
            {
                continue;
            }
            var ord = ords[doc];
            if (ord >= 0)
            {
                _segmentCounts[i][ord]++;
            }
        }
    }

    /// <summary>The counts of several collectors (one per segment) added together.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Merge(IReadOnlyList<FacetCollector> collectors)
    {
        ArgumentNullException.ThrowIfNull(collectors);
        if (collectors.Count == 0)
        {
            return new FacetCollector(SearchFields.Facets).Result();
        }
        var first = collectors[0];
        first.EnsureFinished();
        foreach (var other in collectors.Skip(1))
        {
            other.EnsureFinished();
            foreach (var (field, counts) in other._counts)
            {
                var target = first._counts[field];
                foreach (var (value, count) in counts)
                {
                    target[value] = target.GetValueOrDefault(value) + count;
                }
            }
        }
        return first.Result();
    }

    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Result()
    {
        EnsureFinished();
        return _counts.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<FacetCount>)kv.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => new FacetCount(v.Key, v.Value)).ToList(),
            StringComparer.Ordinal);
    }

    /// <summary>Names the values counted in the current segment. Call it at the end of the segment, on the thread that counted it.</summary>
    public void FinishSegment()
    {
        var bytes = new BytesRef();
        for (var i = 0; i < _values.Length; i++)
        {
            var values = _values[i];
            if (values is null)
            {
                continue;
            }
            var counts = _counts[fields[i]];
            var segment = _segmentCounts[i];
            for (var ord = 0; ord < segment.Length; ord++)
            {
                if (segment[ord] > 0)
                {
                    values.LookupOrd(ord, bytes);
                    var key = bytes.Utf8ToString();
                    counts[key] = counts.GetValueOrDefault(key) + segment[ord];
                }
            }
        }
        // Counted once: a second call adds nothing.
        _values = [];
        _ords = [];
        _segmentCounts = [];
    }

    private void EnsureFinished()
    {
        if (_values.Length > 0)
        {
            throw new InvalidOperationException("A segment's facet counts are named by the thread that counted them: call FinishSegment at the end of each segment.");
        }
    }
}

/// <summary>
/// Doc values of a segment read once into plain arrays (doc → value) and kept as long as the
/// segment lives: reading a hit's value is then an array read instead of decoding packed doc
/// values, which made facet counting and sorting a large share of a query that matches many
/// records. Facet ordinals take 4 bytes per record and field (28 MB for seven fields at a million
/// records), publication moments 8.
/// </summary>
internal static class SegmentArrays
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, System.Collections.Concurrent.ConcurrentDictionary<string, Array>> Cache = [];

    /// <summary>The ordinals of a sorted doc-values field (null when the segment has none).</summary>
    public static int[]? Ordinals(AtomicReader reader, string field, SortedDocValues? values) =>
        values is null ? null : (int[])Get(reader, "ord:" + field, () =>
        {
            var ords = new int[reader.MaxDoc];
            for (var doc = 0; doc < ords.Length; doc++)
            {
                ords[doc] = values.GetOrd(doc);
            }
            return ords;
        });

    /// <summary>The values of a numeric doc-values field (0 where missing).</summary>
    public static long[] Numbers(AtomicReader reader, string field) =>
        (long[])Get(reader, "num:" + field, () =>
        {
            var values = reader.GetNumericDocValues(field);
            var numbers = new long[reader.MaxDoc];
            for (var doc = 0; values is not null && doc < numbers.Length; doc++)
            {
                numbers[doc] = values.Get(doc);
            }
            return numbers;
        });

    /// <summary>
    /// The segment's documents ordered by publication moment, newest first, then by record id (the
    /// catalog's order), deleted ones included: 4 bytes per record, sorted once per segment.
    /// </summary>
    public static int[] NewestFirst(AtomicReader reader) =>
        (int[])Get(reader, "newestFirst", () =>
        {
            var at = Numbers(reader, SearchFields.PublishedAt);
            var ids = Numbers(reader, SearchFields.Id);
            var docs = new int[reader.MaxDoc];
            var keys = new (long At, long Id)[docs.Length];
            for (var doc = 0; doc < docs.Length; doc++)
            {
                docs[doc] = doc;
                keys[doc] = (-at[doc], -ids[doc]);
            }
            Array.Sort(keys, docs);
            return docs;
        });

    private static Array Get(AtomicReader reader, string key, Func<Array> read) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, Array>(StringComparer.Ordinal))
            .GetOrAdd(key, _ => read());
}

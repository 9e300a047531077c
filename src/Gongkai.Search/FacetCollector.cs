using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Gongkai.Search;

/// <summary>
/// Counts, for every hit, the value of each facet field from its sorted doc values: an ordinal
/// lookup per field per hit, counted per segment and named once per segment.
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<string> fields) : ICollector
{
    private readonly Dictionary<string, Dictionary<string, int>> _counts =
        fields.ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal), StringComparer.Ordinal);

    private SortedDocValues?[] _values = [];
    private int[][] _segmentCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _values = fields.Select(f => context.AtomicReader.GetSortedDocValues(f)).ToArray();
        _segmentCounts = _values.Select(v => new int[v?.ValueCount ?? 0]).ToArray();
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            var values = _values[i];
            if (values is null)
            {
                continue;
            }
            var ord = values.GetOrd(doc);
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
        first.Flush();
        foreach (var other in collectors.Skip(1))
        {
            other.Flush();
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
        Flush();
        return _counts.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<FacetCount>)kv.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => new FacetCount(v.Key, v.Value)).ToList(),
            StringComparer.Ordinal);
    }

    private void Flush()
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
        // Counted once: a second Flush (or Result) adds nothing.
        _values = [];
        _segmentCounts = [];
    }
}

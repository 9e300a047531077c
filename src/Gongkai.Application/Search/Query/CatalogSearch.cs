using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Gongkai.Application.Search;

/// <summary>A catalog browse as the index takes it: ids, as <see cref="SearchDocument"/> carries them.</summary>
/// <param name="SiteIds">a site and its sub-sites, or every site</param>
/// <param name="ThemeIds">a theme and the themes under it; null: any</param>
public sealed record CatalogFilter(IReadOnlyCollection<int> SiteIds, IReadOnlyCollection<int>? ThemeIds, int? GenreId, int? PublisherId, int? Year)
{
    /// <summary>The section column, as <see cref="SearchDocument.ColumnKey"/> names it: the catalog unless said otherwise.</summary>
    public string Column { get; init; } = SearchDocument.CatalogColumn;
}

/// <summary>
/// One page of the catalog: record ids newest first, the total, and the facets by id (years by
/// number), each counted with every other filter applied: a count is what the reader gets by clicking it.
/// </summary>
/// <param name="SegmentsCounted">how many of the index's segments were counted for this page rather than taken from the counts kept (diagnostics, for tests)</param>
public sealed record CatalogHits(
    IReadOnlyList<long> Ids, int Total,
    IReadOnlyDictionary<int, int> Themes, IReadOnlyDictionary<int, int> Genres,
    IReadOnlyDictionary<int, int> Publishers, IReadOnlyDictionary<int, int> Years,
    int SegmentsCounted = 0);

/// <summary>
/// The catalog from the search index instead of the database. A segment is counted by one pass over
/// its doc-value arrays (<see cref="SegmentArrays"/>), which decides for each public record of the
/// column and the chosen sites which filters it passes; it counts towards the page and every facet
/// when it passes all, and towards one facet when it fails only that facet's own filter. The page's
/// records come from the segment's newest-first order, walked until enough have passed.
/// <para>
/// What a pass finds is kept with the segment, per filter (<see cref="SegmentCache"/>): a segment
/// never changes (new records make new segments; a revision or a withdrawal adds deletions to one,
/// and the counts kept for its earlier deletions are dropped: <see cref="SegmentKeep"/>), so the counts stay
/// true for as long as the clock does not reach the next scheduled publication in it. A request
/// then counts only the segments new since the last request with the same filter — after a
/// publication, the small segment that holds it — and the cost of a page does not grow with the
/// index, nor with its depth (the newest-first list is kept as far as it was walked). The first
/// request of a filter pays a pass over every segment: linear in the records, 8–10 ms at a million
/// on two cores (docs/benchmarks.md). The memory is bounded per segment (<see cref="SegmentCache.MaxFilters"/>,
/// <see cref="SegmentCache.MaxKeptDocs"/>), least recently used first out.
/// </para>
/// </summary>
public static class CatalogSearch
{
    private static readonly ConditionalWeakTable<object, SegmentKeep> Keeps = [];

    public static CatalogHits Browse(SearchIndex index, CatalogFilter filter, DateTime nowUtc, int skip, int take)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var key = Key(filter);
        var nowTicks = nowUtc.Ticks;
        return index.Search(searcher =>
        {
            var leaves = searcher.IndexReader.Leaves;
            var counts = new SegmentCounts[leaves.Count];
            var lists = new NewestList[leaves.Count];
            var counted = 0;
            Parallel.For(0, leaves.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var reader = leaves[i].AtomicReader;
                var cache = Keeps.GetValue(reader.CoreCacheKey, _ => new SegmentKeep()).For(reader);
                var segment = cache?.Get(key, nowTicks);
                if (segment is null)
                {
                    segment = SegmentCounts.Count(reader, filter, nowTicks, skip + take);
                    cache?.Put(key, segment);
                    Interlocked.Increment(ref counted);
                }
                counts[i] = segment;
                lists[i] = segment.Newest(reader, filter, nowTicks, skip + take, cache);
            });
            return new CatalogHits(Newest(lists, skip, take), counts.Sum(c => c.Total),
                Merge(counts.Select(c => c.Themes)), Merge(counts.Select(c => c.Genres)),
                Merge(counts.Select(c => c.Publishers)), Merge(counts.Select(c => c.Years)), counted);
        });
    }

    /// <summary>The filter as one string: the key of its counts in each segment.</summary>
    private static string Key(CatalogFilter filter)
    {
        static string Ids(IEnumerable<int>? ids) =>
            ids is null ? "*" : string.Join(',', ids.Order().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return string.Join('|', filter.Column, Ids(filter.SiteIds), Ids(filter.ThemeIds),
            Ids(filter.GenreId is int g ? [g] : null), Ids(filter.PublisherId is int p ? [p] : null), Ids(filter.Year is int y ? [y] : null));
    }

    /// <summary>Positions skip to skip + take of the segments' newest-first lists, merged.</summary>
    private static List<long> Newest(NewestList[] segments, int skip, int take)
    {
        var result = new List<long>(take);
        var next = new int[segments.Length];
        var queue = new PriorityQueue<int, (long At, long Id)>(Comparer<(long At, long Id)>.Create((a, b) => b.CompareTo(a)));
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Count > 0)
            {
                queue.Enqueue(i, segments[i].Item(0));
            }
        }
        for (var rank = 0; rank < skip + take && queue.TryDequeue(out var segment, out var item); rank++)
        {
            if (rank >= skip)
            {
                result.Add(item.Id);
            }
            if (++next[segment] < segments[segment].Count)
            {
                queue.Enqueue(segment, segments[segment].Item(next[segment]));
            }
        }
        return result;
    }

    private static Dictionary<int, int> Merge(IEnumerable<IReadOnlyDictionary<int, int>> counts)
    {
        var merged = new Dictionary<int, int>();
        foreach (var segment in counts)
        {
            foreach (var (value, count) in segment)
            {
                merged[value] = merged.GetValueOrDefault(value) + count;
            }
        }
        return merged;
    }

    /// <summary>The first <see cref="Count"/> documents of a segment's newest-first list for a filter, with their publication moments and ids.</summary>
    private readonly record struct NewestList(int[] Docs, int Count, long[] At, long[] Ids)
    {
        public (long At, long Id) Item(int i) => (At[Docs[i]], Ids[Docs[i]]);
    }

    /// <summary>
    /// What is kept of a segment, for its latest deletions. A segment's documents never change; only
    /// deletions (a revision, a withdrawal) are added to it, so its readers' live-document counts
    /// fall one state after another and a count names one state: the keep follows the newest, and a
    /// reader of an older state (a search begun before the deletion) is counted without keeping.
    /// (Keyed by the segment's core rather than by its reader: a reader is made anew for a segment
    /// with deletions at every reopen of the index, after each change, though its deletions are the
    /// same.)
    /// </summary>
    private sealed class SegmentKeep
    {
        private readonly System.Threading.Lock _lock = new();
        private int _live = int.MaxValue;
        private SegmentCache _cache = new();

        public SegmentCache? For(AtomicReader reader)
        {
            var live = reader.NumDocs;
            lock (_lock)
            {
                if (live < _live)
                {
                    _live = live;
                    _cache = new SegmentCache();
                }
                return live == _live ? _cache : null;
            }
        }
    }

    /// <summary>
    /// The counts of one filter in one segment kept while the segment lives: at most
    /// <see cref="MaxFilters"/> filters and <see cref="MaxKeptDocs"/> documents of their newest-first
    /// lists (4 bytes each), the least recently used going first. At most about 1.5 MB per segment,
    /// some 40 MB over the 25 segments of a million records.
    /// </summary>
    private sealed class SegmentCache
    {
        public const int MaxFilters = 128;
        public const int MaxKeptDocs = 256 * 1024;
        private static long _clock;
        private readonly Dictionary<string, SegmentCounts> _entries = new(StringComparer.Ordinal);
        private readonly System.Threading.Lock _lock = new();
        private int _keptDocs;

        public SegmentCounts? Get(string key, long nowTicks)
        {
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var entry) && entry.HoldsAt(nowTicks))
                {
                    entry.LastUsed = Interlocked.Increment(ref _clock);
                    return entry;
                }
                return null;
            }
        }

        public void Put(string key, SegmentCounts entry)
        {
            lock (_lock)
            {
                if (_entries.Remove(key, out var old))
                {
                    _keptDocs -= old.Kept;
                    old.InCache = false;
                }
                entry.LastUsed = Interlocked.Increment(ref _clock);
                entry.InCache = true;
                _entries[key] = entry;
                _keptDocs += entry.Kept;
                Trim(entry);
            }
        }

        /// <summary>Notes that <paramref name="entry"/> keeps <paramref name="more"/> more documents of its list (set in its <see cref="SegmentCounts.Kept"/> already).</summary>
        public void Grew(SegmentCounts entry, int more)
        {
            lock (_lock)
            {
                if (!entry.InCache)
                {
                    return; // put out meanwhile (or replaced): its documents are no longer counted here
                }
                _keptDocs += more;
                Trim(entry);
            }
        }

        /// <summary>The least recently used out while over a limit (never <paramref name="current"/>).</summary>
        private void Trim(SegmentCounts current)
        {
            if (_entries.Count <= MaxFilters && _keptDocs <= MaxKeptDocs)
            {
                return;
            }
            foreach (var (key, entry) in _entries.Where(e => e.Value != current).OrderBy(e => e.Value.LastUsed).ToList())
            {
                if (_entries.Count <= MaxFilters * 3 / 4 && _keptDocs <= MaxKeptDocs * 3 / 4)
                {
                    break;
                }
                _entries.Remove(key);
                _keptDocs -= entry.Kept;
                entry.InCache = false;
            }
        }
    }

    /// <summary>
    /// What one pass over a segment found for a filter: the total, the facets, and the start of the
    /// newest-first list of the records that pass. True while the clock stays in [From, Until): from
    /// the latest publication moment in the segment's scope up to now, to its next one after now.
    /// </summary>
    private sealed class SegmentCounts
    {
        private readonly System.Threading.Lock _lock = new();
        private int[] _newest = [];
        private int _walked;

        public int Total { get; private init; }
        public IReadOnlyDictionary<int, int> Themes { get; private init; } = new Dictionary<int, int>();
        public IReadOnlyDictionary<int, int> Genres { get; private init; } = new Dictionary<int, int>();
        public IReadOnlyDictionary<int, int> Publishers { get; private init; } = new Dictionary<int, int>();
        public IReadOnlyDictionary<int, int> Years { get; private init; } = new Dictionary<int, int>();
        public long LastUsed { get; set; }

        /// <summary>Whether its segment's cache holds it (read and set under the cache's lock).</summary>
        public bool InCache { get; set; }

        /// <summary>How many documents of the newest-first list are kept.</summary>
        public int Kept { get; private set; }

        /// <summary>Whether the kept list holds every record that passes (nothing further to walk).</summary>
        private bool Complete { get; set; }

        private long From { get; init; } = long.MinValue;
        private long Until { get; init; } = long.MaxValue;

        public bool HoldsAt(long nowTicks) => From <= nowTicks && nowTicks < Until;

        public static SegmentCounts Count(AtomicReader reader, CatalogFilter filter, long nowTicks, int wanted)
        {
            var scope = Scope.Of(reader, filter);
            if (scope is null)
            {
                return new SegmentCounts { Complete = true }; // no catalog records here (or an empty segment)
            }
            var themeCounts = new int[scope.Theme.ValueCount];
            var genreCounts = new int[scope.Genre.ValueCount];
            var publisherCounts = new int[scope.Publisher.ValueCount];
            var yearCounts = new int[scope.Year.ValueCount];
            var total = 0;
            long from = long.MinValue, until = long.MaxValue;
            // The matches themselves while there are few (a column with a handful of records, a
            // narrow filter): then they are sorted here and the newest-first walk, which would have
            // to go through the whole segment to find them all, is not needed.
            var room = Math.Max(wanted, 256);
            List<int>? few = [];
            var publishedAt = scope.PublishedAt;
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (!scope.InColumnAndSites(doc))
                {
                    continue;
                }
                var at = publishedAt[doc];
                if (at > nowTicks)
                {
                    until = Math.Min(until, at); // scheduled: the counts hold until it is due
                    continue;
                }
                from = Math.Max(from, at);
                if (!scope.Complete(doc))
                {
                    continue;
                }
                var (themeMiss, genreMiss, publisherMiss, yearMiss) = scope.Misses(doc);
                switch ((themeMiss ? 1 : 0) + (genreMiss ? 1 : 0) + (publisherMiss ? 1 : 0) + (yearMiss ? 1 : 0))
                {
                    case 0:
                        // On the page: counted in every facet.
                        total++;
                        if (few is not null)
                        {
                            few.Add(doc);
                            if (few.Count > room)
                            {
                                few = null;
                            }
                        }
                        themeCounts[scope.Themes[doc]]++;
                        genreCounts[scope.Genres[doc]]++;
                        publisherCounts[scope.Publishers[doc]]++;
                        yearCounts[scope.Years[doc]]++;
                        break;
                    case 1:
                        // Fails only one filter: counted in that filter's own facet.
                        if (themeMiss)
                        {
                            themeCounts[scope.Themes[doc]]++;
                        }
                        else if (genreMiss)
                        {
                            genreCounts[scope.Genres[doc]]++;
                        }
                        else if (publisherMiss)
                        {
                            publisherCounts[scope.Publishers[doc]]++;
                        }
                        else
                        {
                            yearCounts[scope.Years[doc]]++;
                        }
                        break;
                }
            }
            var ids = scope.Ids;
            var newest = few?.OrderByDescending(d => publishedAt[d]).ThenByDescending(d => ids[d]).ToArray() ?? [];
            return new SegmentCounts
            {
                Total = total,
                Themes = scope.Theme.Name(themeCounts),
                Genres = scope.Genre.Name(genreCounts),
                Publishers = scope.Publisher.Name(publisherCounts),
                Years = scope.Year.Name(yearCounts),
                From = from,
                Until = until,
                _newest = newest,
                Kept = newest.Length,
                Complete = few is not null,
            };
        }

        /// <summary>
        /// The first <paramref name="wanted"/> records of the segment that pass the filter, newest
        /// first (fewer when fewer pass): the kept list, walked further when the page is deeper
        /// than any before it. Where most records pass, the walk reads a few more than the page.
        /// </summary>
        public NewestList Newest(AtomicReader reader, CatalogFilter filter, long nowTicks, int wanted, SegmentCache? cache)
        {
            var at = SegmentArrays.Numbers(reader, SearchFields.PublishedAt);
            var ids = SegmentArrays.Numbers(reader, SearchFields.Id);
            lock (_lock)
            {
                if (Complete || Kept >= wanted)
                {
                    return new NewestList(_newest, Math.Min(Kept, wanted), at, ids);
                }
                var scope = Scope.Of(reader, filter)!;
                var order = SegmentArrays.NewestFirst(reader);
                var kept = Kept;
                if (_newest.Length < wanted)
                {
                    Array.Resize(ref _newest, Math.Max(wanted, Math.Min(2 * _newest.Length, reader.MaxDoc)));
                }
                for (; _walked < order.Length && kept < wanted; _walked++)
                {
                    var doc = order[_walked];
                    if (scope.InColumnAndSites(doc) && at[doc] <= nowTicks && scope.Complete(doc) && scope.Misses(doc) == (false, false, false, false))
                    {
                        _newest[kept++] = doc;
                    }
                }
                Complete = _walked == order.Length;
                var more = kept - Kept;
                Kept = kept;
                cache?.Grew(this, more);
                return new NewestList(_newest, kept, at, ids);
            }
        }
    }

    /// <summary>A filter as it applies to one segment: its doc-value arrays and which of their values pass.</summary>
    private sealed class Scope
    {
        private int _catalogOrd;
        private int[] _columns = [];
        private int[] _sites = [];
        private bool[] _siteAllowed = [];
        private bool[]? _themeAllowed, _genreAllowed, _publisherAllowed, _yearAllowed;
        private IBits? _live;

        public Field Theme { get; private init; } = null!;
        public Field Genre { get; private init; } = null!;
        public Field Publisher { get; private init; } = null!;
        public Field Year { get; private init; } = null!;
        public int[] Themes { get; private init; } = [];
        public int[] Genres { get; private init; } = [];
        public int[] Publishers { get; private init; } = [];
        public int[] Years { get; private init; } = [];
        public long[] PublishedAt { get; private init; } = [];
        public long[] Ids { get; private init; } = [];

        /// <summary>Null when the segment holds no record of the filter's column (or is empty).</summary>
        public static Scope? Of(AtomicReader reader, CatalogFilter filter)
        {
            var column = Field.Of(reader, SearchFields.Column);
            var site = Field.Of(reader, SearchFields.SiteId);
            var theme = Field.Of(reader, SearchFields.ThemeId);
            var genre = Field.Of(reader, SearchFields.GenreId);
            var publisher = Field.Of(reader, SearchFields.PublisherId);
            var year = Field.Of(reader, SearchFields.Year);
            var catalogOrd = column.Ord(filter.Column);
            if (catalogOrd < 0 || site.Ords is null || theme.Ords is null || genre.Ords is null || publisher.Ords is null || year.Ords is null)
            {
                return null;
            }
            return new Scope
            {
                _catalogOrd = catalogOrd,
                _columns = column.Ords!,
                _sites = site.Ords,
                // Per dimension, which of the segment's values pass its filter (null: no filter).
                _siteAllowed = site.Allowed(filter.SiteIds)!,
                _themeAllowed = theme.Allowed(filter.ThemeIds),
                _genreAllowed = genre.Allowed(filter.GenreId is int g ? [g] : null),
                _publisherAllowed = publisher.Allowed(filter.PublisherId is int p ? [p] : null),
                _yearAllowed = year.Allowed(filter.Year is int y ? [y] : null),
                _live = reader.LiveDocs,
                Theme = theme,
                Genre = genre,
                Publisher = publisher,
                Year = year,
                Themes = theme.Ords,
                Genres = genre.Ords,
                Publishers = publisher.Ords,
                Years = year.Ords,
                PublishedAt = SegmentArrays.Numbers(reader, SearchFields.PublishedAt),
                Ids = SegmentArrays.Numbers(reader, SearchFields.Id),
            };
        }

        /// <summary>A live record of the column and the chosen sites (published or scheduled).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool InColumnAndSites(int doc) =>
            _columns[doc] == _catalogOrd && _sites[doc] >= 0 && _siteAllowed[_sites[doc]] && (_live is null || _live.Get(doc));

        /// <summary>Whether it has every value the facets count.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Complete(int doc) => Themes[doc] >= 0 && Genres[doc] >= 0 && Publishers[doc] >= 0 && Years[doc] >= 0;

        /// <summary>Which of the four filters it fails.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (bool Theme, bool Genre, bool Publisher, bool Year) Misses(int doc) => (
            _themeAllowed is not null && !_themeAllowed[Themes[doc]],
            _genreAllowed is not null && !_genreAllowed[Genres[doc]],
            _publisherAllowed is not null && !_publisherAllowed[Publishers[doc]],
            _yearAllowed is not null && !_yearAllowed[Years[doc]]);
    }

    /// <summary>A sorted doc-values field of a segment holding numbers: its values' ordinals per document, and their numbers.</summary>
    private sealed class Field
    {
        private readonly SortedDocValues? _values;

        private Field(SortedDocValues? values, int[]? ords)
        {
            _values = values;
            Ords = ords;
        }

        public static Field Of(AtomicReader reader, string name)
        {
            var values = reader.GetSortedDocValues(name);
            return new Field(values, SegmentArrays.Ordinals(reader, name, values));
        }

        public int[]? Ords { get; }

        public int ValueCount => _values?.ValueCount ?? 0;

        /// <summary>The ordinal of <paramref name="value"/>, negative when no document of the segment has it.</summary>
        public int Ord(string value) => _values?.LookupTerm(new BytesRef(value)) ?? -1;

        /// <summary>For each ordinal, whether its value is one of <paramref name="values"/>; null when <paramref name="values"/> is.</summary>
        public bool[]? Allowed(IReadOnlyCollection<int>? values)
        {
            if (values is null)
            {
                return null;
            }
            var allowed = new bool[ValueCount];
            foreach (var value in values)
            {
                if (Ord(value.ToString(System.Globalization.CultureInfo.InvariantCulture)) is var ord and >= 0)
                {
                    allowed[ord] = true;
                }
            }
            return allowed;
        }

        public Dictionary<int, int> Name(int[] counts)
        {
            var named = new Dictionary<int, int>();
            var bytes = new BytesRef();
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    _values!.LookupOrd(ord, bytes);
                    named[int.Parse(bytes.Utf8ToString(), System.Globalization.CultureInfo.InvariantCulture)] = counts[ord];
                }
            }
            return named;
        }
    }
}

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
public sealed record CatalogHits(
    IReadOnlyList<long> Ids, int Total,
    IReadOnlyDictionary<int, int> Themes, IReadOnlyDictionary<int, int> Genres,
    IReadOnlyDictionary<int, int> Publishers, IReadOnlyDictionary<int, int> Years);

/// <summary>
/// The catalog from the search index instead of the database: one pass over the doc-value arrays of
/// each segment (<see cref="SegmentArrays"/>), on every core, decides for each public record of the
/// catalog column and the chosen sites which filters it passes; it counts towards the page and every
/// facet when it passes all, and towards one facet when it fails only that facet's own filter. The
/// cost is linear in the records of the index (a few array reads each), not in the depth of the page,
/// and needs no query of the database; at a million records the database took seconds for the same
/// counts (docs/benchmarks.md, "Catalog pages").
/// </summary>
public static class CatalogSearch
{
    public static CatalogHits Browse(SearchIndex index, CatalogFilter filter, DateTime nowUtc, int skip, int take)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return index.Search(searcher =>
        {
            var leaves = searcher.IndexReader.Leaves;
            var passes = new SegmentPass[leaves.Count];
            Parallel.For(0, leaves.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => passes[i] = new SegmentPass(leaves[i].AtomicReader, filter, nowUtc.Ticks, skip + take));
            var newest = Newest(passes.Select(p => p.Newest).ToList(), skip, take);
            return new CatalogHits(newest, passes.Sum(p => p.Total),
                Merge(passes.Select(p => p.Themes)), Merge(passes.Select(p => p.Genres)),
                Merge(passes.Select(p => p.Publishers)), Merge(passes.Select(p => p.Years)));
        });
    }

    /// <summary>Positions skip to skip + take of the segments' newest-first lists, merged.</summary>
    private static List<long> Newest(List<List<(long At, long Id)>> segments, int skip, int take)
    {
        var result = new List<long>(take);
        var next = new int[segments.Count];
        var queue = new PriorityQueue<int, (long At, long Id)>(Comparer<(long At, long Id)>.Create((a, b) => b.CompareTo(a)));
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Count > 0)
            {
                queue.Enqueue(i, segments[i][0]);
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
                queue.Enqueue(segment, segments[segment][next[segment]]);
            }
        }
        return result;
    }

    private static Dictionary<int, int> Merge(IEnumerable<Dictionary<int, int>> counts)
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

    /// <summary>The counts and newest records of one segment.</summary>
    private sealed class SegmentPass
    {
        public int Total { get; }
        public List<(long At, long Id)> Newest { get; } = [];
        public Dictionary<int, int> Themes { get; } = [];
        public Dictionary<int, int> Genres { get; } = [];
        public Dictionary<int, int> Publishers { get; } = [];
        public Dictionary<int, int> Years { get; } = [];

        public SegmentPass(AtomicReader reader, CatalogFilter filter, long nowTicks, int wanted)
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
                return; // no catalog records here (or an empty segment)
            }
            var columns = column.Ords!;
            var sites = site.Ords;
            var themes = theme.Ords;
            var genres = genre.Ords;
            var publishers = publisher.Ords;
            var years = year.Ords;
            // Per dimension, which of the segment's values pass its filter (null: no filter).
            var siteAllowed = site.Allowed(filter.SiteIds)!;
            var themeAllowed = theme.Allowed(filter.ThemeIds);
            var genreAllowed = genre.Allowed(filter.GenreId is int g ? [g] : null);
            var publisherAllowed = publisher.Allowed(filter.PublisherId is int p ? [p] : null);
            var yearAllowed = year.Allowed(filter.Year is int y ? [y] : null);
            var publishedAt = SegmentArrays.Numbers(reader, SearchFields.PublishedAt);
            var ids = SegmentArrays.Numbers(reader, SearchFields.Id);
            var live = reader.LiveDocs;
            var themeCounts = new int[theme.ValueCount];
            var genreCounts = new int[genre.ValueCount];
            var publisherCounts = new int[publisher.ValueCount];
            var yearCounts = new int[year.ValueCount];
            var total = 0;
            // The matches themselves while there are no more than the page needs (a column with a
            // handful of records): then they are sorted here and the newest-first walk, which would
            // have to go through the whole segment to find them all, is not needed.
            List<(long At, long Id)>? few = [];

            // A public record of the column and the sites, with every value the facets count.
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            bool InScope(int doc) =>
                columns[doc] == catalogOrd && sites[doc] >= 0 && siteAllowed[sites[doc]] && publishedAt[doc] <= nowTicks
                && themes[doc] >= 0 && genres[doc] >= 0 && publishers[doc] >= 0 && years[doc] >= 0
                && (live is null || live.Get(doc));

            // Which of the four filters it fails.
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            (bool Theme, bool Genre, bool Publisher, bool Year) Misses(int doc) => (
                themeAllowed is not null && !themeAllowed[themes[doc]],
                genreAllowed is not null && !genreAllowed[genres[doc]],
                publisherAllowed is not null && !publisherAllowed[publishers[doc]],
                yearAllowed is not null && !yearAllowed[years[doc]]);

            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (!InScope(doc))
                {
                    continue;
                }
                var (themeMiss, genreMiss, publisherMiss, yearMiss) = Misses(doc);
                switch ((themeMiss ? 1 : 0) + (genreMiss ? 1 : 0) + (publisherMiss ? 1 : 0) + (yearMiss ? 1 : 0))
                {
                    case 0:
                        // On the page: counted in every facet.
                        total++;
                        if (few is not null)
                        {
                            few.Add((publishedAt[doc], ids[doc]));
                            if (few.Count > wanted)
                            {
                                few = null;
                            }
                        }
                        themeCounts[themes[doc]]++;
                        genreCounts[genres[doc]]++;
                        publisherCounts[publishers[doc]]++;
                        yearCounts[years[doc]]++;
                        break;
                    case 1:
                        // Fails only one filter: counted in that filter's own facet.
                        if (themeMiss)
                        {
                            themeCounts[themes[doc]]++;
                        }
                        else if (genreMiss)
                        {
                            genreCounts[genres[doc]]++;
                        }
                        else if (publisherMiss)
                        {
                            publisherCounts[publishers[doc]]++;
                        }
                        else
                        {
                            yearCounts[years[doc]]++;
                        }
                        break;
                }
            }
            Total = total;
            // The page: the segment's records newest first (an order kept per segment), walked until
            // as many as the page needs have passed every filter. Where most records pass, that is
            // a few more than the page; however deep the page, no record is sorted per request.
            if (few is not null)
            {
                Newest.AddRange(few.OrderByDescending(x => x.At).ThenByDescending(x => x.Id));
            }
            foreach (var doc in few is null ? SegmentArrays.NewestFirst(reader) : [])
            {
                if (Newest.Count == wanted)
                {
                    break;
                }
                if (InScope(doc) && Misses(doc) == (false, false, false, false))
                {
                    Newest.Add((publishedAt[doc], ids[doc]));
                }
            }
            theme.Name(themeCounts, Themes);
            genre.Name(genreCounts, Genres);
            publisher.Name(publisherCounts, Publishers);
            year.Name(yearCounts, Years);
        }
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

        public void Name(int[] counts, Dictionary<int, int> into)
        {
            var bytes = new BytesRef();
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    _values!.LookupOrd(ord, bytes);
                    into[int.Parse(bytes.Utf8ToString(), System.Globalization.CultureInfo.InvariantCulture)] = counts[ord];
                }
            }
        }
    }
}

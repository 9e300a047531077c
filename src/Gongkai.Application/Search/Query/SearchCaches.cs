namespace Gongkai.Application.Search;

/// <summary>
/// What text queries learn about the segments of an index and keep for the next queries: the
/// matches of common required clauses as bits (<c>TextSearch.MatchCache</c>) and each clause's
/// highest score with its per-block shares (<c>TextSearch.Bounds</c>). Both are bounded in memory,
/// least recently used first out, and keyed by segment: a segment that goes (a merge, an index swap
/// after a rebuild) leaves entries that age out. One instance per process, shared by the indexes it
/// opens one after another (<c>IndexFolder</c>), with its limits from
/// <c>Gongkai:Search:MatchCacheMegabytes</c> and <c>BoundCacheMegabytes</c>.
/// (Facet ordinals and publication dates per segment are kept apart, with the segment itself: their
/// size is fixed by the segment's, see <c>FacetCollector</c>.)
/// </summary>
public sealed class SearchCaches : IDisposable
{
    public const int DefaultMatchMegabytes = 128;
    public const int DefaultBoundMegabytes = 64;

    public SearchCaches(int matchMegabytes = DefaultMatchMegabytes, int boundMegabytes = DefaultBoundMegabytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(matchMegabytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(boundMegabytes, 1);
        Matches = new TextSearch.MatchCache((long)matchMegabytes << 20);
        Bounds = new TextSearch.Bounds((long)boundMegabytes << 20, Matches);
        Matches.Bounds = Bounds;
    }

    internal TextSearch.MatchCache Matches { get; }

    internal TextSearch.Bounds Bounds { get; }

    /// <summary>How many times a clause's matches came from the cache (for tests and diagnostics).</summary>
    public long MatchesServed => Matches.Served;

    /// <summary>
    /// Forgets every segment's clause bounds and kept matches; the next queries learn them again.
    /// Results do not change. For benchmarks: a pass after this runs with cold caches but code
    /// already compiled, which tells the cost of building the caches from that of a start.
    /// </summary>
    public void Clear()
    {
        Matches.Clear();
        Bounds.Clear();
    }

    /// <summary>Up to <paramref name="max"/> clauses whose kept matches queries used, the most recently used first (to save for a warm start).</summary>
    public IReadOnlyList<WarmClause> HotClauses(int max) => TextSearch.HotClauses(this, max);

    public void Dispose()
    {
        Matches.Dispose();
        Bounds.Dispose();
    }
}

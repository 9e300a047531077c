using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Microsoft.Extensions.Caching.Memory;

namespace Gongkai.Application.Search;

/// <summary>
/// Runs a <see cref="TextQuery"/>: the exact total, the exact facet counts and the top of the
/// ranking, with the same hits and scores as Lucene running <see cref="TextQuery.ToQuery"/>, but
/// without scoring the optional (boost) clauses for records that cannot reach the page.
/// </summary>
/// <remarks>
/// A query that matches half a million records spends most of its time adding up boost clauses —
/// 关于 is in most titles — for records that are nowhere near the first page. Every hit is still
/// matched, counted and faceted; its score is built from the clause with the highest possible
/// contribution down, and given up as soon as what is left could not lift it above the record
/// currently last on the wanted pages (the "MaxScore" idea of Turtle and Flood, 1995). A clause's
/// highest possible contribution in a segment is its score on the record where it scores highest:
/// under Lucene's TF-IDF a term or exact phrase scores the same record highest whatever the query
/// around it, so that record is found once per segment and clause, with the share of that score
/// reached in each block of 256 records (block bounds, as in block-max MaxScore), and remembered
/// while the segment lives. Common required clauses come from <see cref="MatchCache"/>.
/// </remarks>
internal static class TextSearch
{
    // A score is given up only when clearly below the last one kept: sums in another order may differ in the last bits.
    private const float Margin = 1e-4f;

    /// <summary>The page, the total, the facet counts, and how many hits were scored in full (the rest were given up early).</summary>
    public static (ScoreDoc[] Page, int Total, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets, int Scored) Run(
        ParallelSearcher searcher, SearchCaches caches, TextQuery text, Query? filters, Query excluded, bool byDate, int skip, int take)
    {
        // Weights normalised together, as the clauses of one boolean query are.
        var requiredQueries = text.Required.Select(searcher.Rewrite).ToArray();
        var required = requiredQueries.Select(q => q.CreateWeight(searcher)).ToArray();
        var optionalQueries = text.Optional.Select(searcher.Rewrite).ToArray();
        var optional = optionalQueries.Select(q => q.CreateWeight(searcher)).ToArray();
        var exact = text.Exact.Select(q => searcher.Rewrite(q).CreateWeight(searcher)).ToArray();
        var sum = required.Concat(optional).Concat(exact).Sum(w => w.GetValueForNormalization());
        var norm = searcher.Similarity.QueryNorm(sum);
        if (float.IsInfinity(norm) || float.IsNaN(norm))
        {
            norm = 1f;
        }
        foreach (var w in required.Concat(optional).Concat(exact))
        {
            w.Normalize(norm, 1f);
        }
        var filter = filters is null ? null : new QueryWrapperFilter(filters);
        var excludedWeight = searcher.CreateNormalizedWeight(excluded);

        var wanted = skip + take;
        var leaves = searcher.IndexReader.Leaves;
        var workers = new ConcurrentBag<Worker>();
        Parallel.For(0, leaves.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new Worker(wanted, byDate, caches),
            (i, _, worker) =>
            {
                worker.Segment(leaves[i], required, requiredQueries, optional, optionalQueries, exact, filter, excludedWeight);
                return worker;
            },
            workers.Add);

        var comparer = new EntryComparer(byDate);
        var best = workers.SelectMany(w => w.Top.UnorderedItems.Select(x => x.Element)).ToList();
        best.Sort((a, b) => comparer.Compare(b, a));
        var page = best.Skip(skip).Take(take).Select(e => new ScoreDoc(e.Doc, e.Score)).ToArray();
        return (page, workers.Sum(w => w.Total), FacetCollector.Merge(workers.Select(w => w.Facets).ToList()), workers.Sum(w => w.Scored));
    }

    private static bool IsBounded(Query query) => query is TermQuery or PhraseQuery;

    private readonly record struct Entry(int Doc, float Score, long Date);

    /// <summary>Orders entries from worse to better: score (or date) low first, then the later record.</summary>
    private sealed class EntryComparer(bool byDate) : IComparer<Entry>
    {
        public int Compare(Entry x, Entry y)
        {
            var c = byDate ? x.Date.CompareTo(y.Date) : x.Score.CompareTo(y.Score);
            if (c == 0)
            {
                c = byDate ? x.Score.CompareTo(y.Score) : x.Date.CompareTo(y.Date);
            }
            return c != 0 ? c : y.Doc.CompareTo(x.Doc);
        }
    }

    /// <summary>The optional clauses of one segment, with the most each can add once that is worth knowing.</summary>
    private sealed class Boosts(AtomicReaderContext leaf, Weight[] weights, Query[] queries, IBits? live,
        Weight[] requiredWeights, Query[] requiredQueries, Bounds bounds)
    {
        // Below this many hits in a segment, scoring every clause costs less than finding the bounds.
        private const int HitsBeforeBounds = 128;

        private readonly List<(Scorer Scorer, Weight Weight, Query Query)> _clauses = weights
            .Select((w, i) => (Scorer: w.GetScorer(leaf, live), Weight: w, Query: queries[i]))
            .Where(c => c.Scorer is not null)
            .Select(c => (c.Scorer!, c.Weight, c.Query))
            .ToList();

        private int _hits;
        private (float Max, float[]? Shares)[] _bounds = [];
        private (float Max, float[]? Shares)[] _requiredBounds = [];
        private int _block = -1;

        public int Count => _clauses.Count;

        public Scorer this[int i] => _clauses[i].Scorer;

        /// <summary>What clauses i, i+1, … can add at most in the current block.</summary>
        public float[] Rest { get; private set; } = [];

        /// <summary>What clause i can add at most in the current block.</summary>
        public float[] Bound { get; private set; } = [];

        public bool Bounded { get; private set; }

        /// <summary>What the required clauses can add at most in the current block.</summary>
        public float RequiredBound { get; private set; } = float.PositiveInfinity;

        public void Counted()
        {
            if (!Bounded && ++_hits == HitsBeforeBounds)
            {
                // From the largest possible contribution down, so that a record is given up early.
                var found = _clauses.Select(c => IsBounded(c.Query) ? bounds.Of(leaf, c.Weight, c.Query) : (float.PositiveInfinity, null)).ToArray();
                var order = Enumerable.Range(0, found.Length).OrderByDescending(i => found[i].Item1).ToArray();
                var sorted = order.Select(i => _clauses[i]).ToList();
                _clauses.Clear();
                _clauses.AddRange(sorted);
                _bounds = order.Select(i => found[i]).ToArray();
                _requiredBounds = requiredWeights
                    .Select((w, i) => IsBounded(requiredQueries[i]) ? bounds.Of(leaf, w, requiredQueries[i], required: true) : (float.PositiveInfinity, null))
                    .ToArray();
                Rest = new float[_clauses.Count + 1];
                Bound = new float[_clauses.Count];
                Bounded = true;
            }
        }

        /// <summary>Sets <see cref="Rest"/>, <see cref="Bound"/> and <see cref="RequiredBound"/> for the block of <paramref name="doc"/>.</summary>
        public void Block(int doc)
        {
            var block = doc >> Bounds.BlockShift;
            if (block == _block)
            {
                return;
            }
            _block = block;
            for (var i = _bounds.Length - 1; i >= 0; i--)
            {
                Bound[i] = Share(_bounds[i], block);
                Rest[i] = Rest[i + 1] + Bound[i];
            }
            var required = 0f;
            foreach (var bound in _requiredBounds)
            {
                required += Share(bound, block);
            }
            RequiredBound = required;
        }

        private static float Share((float Max, float[]? Shares) bound, int block) =>
            bound.Shares is null ? bound.Max : bound.Max * (block < bound.Shares.Length ? bound.Shares[block] : 1f);
    }

    /// <summary>One thread's share: its hits' count, facets and best entries over the segments it searched.</summary>
    private sealed class Worker(int wanted, bool byDate, SearchCaches caches)
    {
        private readonly EntryComparer _comparer = new(byDate);

        public PriorityQueue<Entry, Entry> Top { get; } = new(new EntryComparer(byDate));
        public FacetCollector Facets { get; } = new(SearchFields.Facets);
        public int Total { get; private set; }
        public int Scored { get; private set; }

        public void Segment(AtomicReaderContext leaf, Weight[] requiredWeights, Query[] requiredQueries, Weight[] optionalWeights, Query[] optionalQueries,
            Weight[] exactWeights, Filter? filter, Weight excludedWeight)
        {
            var reader = leaf.AtomicReader;
            var live = reader.LiveDocs;
            Facets.SetNextReader(leaf);
            var dates = SegmentArrays.Numbers(reader, SearchFields.PublishedAt);
            var excluded = Excluded(leaf, excludedWeight);
            DocIdSetIterator? FilterIterator() =>
                filter is null ? null : filter.GetDocIdSet(leaf, live)?.GetIterator() ?? DocIdSetIterator.GetEmpty();

            // Exact matches: a handful of records at most, each a hit on its own.
            var exactHits = new SortedDictionary<int, float>();
            foreach (var weight in exactWeights)
            {
                if (weight.GetScorer(leaf, live) is not { } scorer)
                {
                    continue;
                }
                for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
                {
                    exactHits[doc] = exactHits.GetValueOrDefault(doc) + scorer.GetScore();
                }
            }
            var exactFilter = FilterIterator();
            foreach (var doc in exactHits.Keys.ToList())
            {
                if (excluded?.Get(doc) == true
                    || (exactFilter is not null && (exactFilter.DocID < doc ? exactFilter.Advance(doc) : exactFilter.DocID) != doc))
                {
                    exactHits.Remove(doc);
                }
            }

            var boosts = new Boosts(leaf, optionalWeights, optionalQueries, live, requiredWeights, requiredQueries, caches.Bounds);
            var required = requiredWeights.Select(w => w.GetScorer(leaf, live)).ToArray();
            if (required.All(s => s is not null))
            {
                // Leapfrog over the required clauses (and the filter), the rarest leading. A common
                // clause seen before comes from the match cache (records as bits: no positions to
                // read); its scorer then only moves to the records that are scored.
                var clauses = new List<(DocIdSetIterator Iterator, long Cost)>();
                var checkLive = false;
                for (var i = 0; i < required.Length; i++)
                {
                    if (caches.Matches.Get(leaf, requiredWeights[i], requiredQueries[i], required[i]!.GetCost()) is { } cached)
                    {
                        clauses.Add((cached.Bits.GetIterator(), cached.Count));
                        checkLive = live is not null;
                    }
                    else
                    {
                        clauses.Add((required[i]!, required[i]!.GetCost()));
                    }
                }
                if (FilterIterator() is { } f)
                {
                    clauses.Add((f, f.GetCost()));
                }
                var iterators = clauses.OrderBy(c => c.Cost).Select(c => c.Iterator).ToList();
                var lead = iterators[0];
                var doc = lead.NextDoc();
                while (doc != DocIdSetIterator.NO_MORE_DOCS)
                {
                    var next = doc;
                    for (var i = 1; i < iterators.Count && next == doc; i++)
                    {
                        var other = iterators[i];
                        next = other.DocID < doc ? other.Advance(doc) : other.DocID;
                    }
                    if (next != doc)
                    {
                        doc = lead.Advance(next);
                        continue;
                    }
                    if (excluded?.Get(doc) != true && (!checkLive || live!.Get(doc)))
                    {
                        var exactScore = exactHits.Count > 0 && exactHits.Remove(doc, out var e) ? e : 0f;
                        Hit(leaf, doc, dates, required!, exactScore, boosts);
                    }
                    doc = lead.NextDoc();
                }
            }
            foreach (var (doc, score) in exactHits)
            {
                Hit(leaf, doc, dates, null, score, boosts);
            }
            // Named here, on the thread whose doc-values readers counted the segment.
            Facets.FinishSegment();
        }

        private void Hit(AtomicReaderContext leaf, int doc, long[] dates, Scorer[]? required, float exactScore, Boosts boosts)
        {
            Total++;
            Facets.Collect(doc);
            var date = dates[doc];
            var full = Top.Count >= wanted;
            var last = full ? Top.Peek() : default;
            if (full && byDate && date < last.Date)
            {
                return;
            }
            var score = exactScore;
            if (required is not null)
            {
                // The boosts count only with the required clauses. From the largest possible
                // contribution down, the record is given up as soon as what it has, plus the most
                // the rest could add, stays below the last record kept — before anything is scored.
                boosts.Counted();
                var prune = full && !byDate && boosts.Bounded;
                if (prune)
                {
                    boosts.Block(doc);
                }
                var floor = last.Score - (Math.Abs(last.Score) * Margin);
                var known = exactScore + boosts.RequiredBound;
                var matchedBound = 0f;
                var matched = 0UL;
                for (var i = 0; i < boosts.Count; i++)
                {
                    if (prune && known + boosts.Rest[i] < floor)
                    {
                        return;
                    }
                    var scorer = boosts[i];
                    if ((scorer.DocID < doc ? scorer.Advance(doc) : scorer.DocID) == doc)
                    {
                        matched |= 1UL << Math.Min(i, 63);
                        known += prune ? boosts.Bound[i] : 0f;
                        matchedBound += prune ? boosts.Bound[i] : 0f;
                    }
                }
                if (prune && known < floor)
                {
                    return;
                }
                foreach (var scorer in required)
                {
                    score += (scorer.DocID < doc ? scorer.Advance(doc) : scorer.DocID) == doc ? scorer.GetScore() : 0f;
                }
                // Once more with the required clauses' real scores, before the boosts are scored.
                if (prune && score + matchedBound < floor)
                {
                    return;
                }
                for (var i = 0; i < boosts.Count; i++)
                {
                    if ((i < 63 ? (matched & (1UL << i)) != 0 : boosts[i].DocID == doc))
                    {
                        score += boosts[i].GetScore();
                    }
                }
            }
            Scored++;
            var entry = new Entry(leaf.DocBase + doc, score, date);
            if (!full)
            {
                Top.Enqueue(entry, entry);
            }
            else if (_comparer.Compare(entry, last) > 0)
            {
                Top.DequeueEnqueue(entry, entry);
            }
        }
    }

    /// <summary>
    /// The records of each segment that match a common required clause, as bits: a phrase of common
    /// bigrams (江阴市 = 江阴@0 阴市@1) is otherwise verified position by position on every query.
    /// Kept from the pass that measures the clause's bound (<see cref="Bounds.Walk"/>), or else from
    /// the clause's second use. Bounded in memory (least recently used go first); only
    /// clauses matching at least one record in sixteen are kept, rarer ones are cheap to walk.
    /// </summary>
    internal sealed class MatchCache(long maxBytes) : IDisposable
    {
        private const int UsesBeforeCaching = 2;
        private const int MaxTracked = 20_000;
        private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = maxBytes });
        private readonly ConcurrentDictionary<string, int> _uses = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, (Query Query, long Tick)> _recentlyUsed = new(StringComparer.Ordinal);
        private long _served;
        private long _tick;

        public long MaxBytes => maxBytes;

        /// <summary>Measures the clauses it keeps (set once, by <see cref="SearchCaches"/>).</summary>
        public Bounds Bounds { get; set; } = null!;

        /// <summary>How many times a clause's matches came from the cache (for tests and diagnostics).</summary>
        public long Served => Interlocked.Read(ref _served);

        public sealed record Entry(FixedBitSet Bits, int Count);

        /// <summary>Whether a clause of this cost is common enough in a segment of <paramref name="maxDoc"/> records for its matches to be kept.</summary>
        public static bool Keeps(int maxDoc, long cost) => cost >= maxDoc / 16;

        public bool Has((object Segment, string Clause) key) => _cache.TryGetValue(key, out Entry? _);

        public void Put((object Segment, string Clause) key, Entry entry, Query query, bool used)
        {
            _cache.Set(key, entry, new MemoryCacheEntryOptions { Size = (entry.Bits.Length / 8) + 64 });
            if (used)
            {
                Used(key.Clause, query);
            }
        }

        /// <summary>Notes that a query used the kept matches of <paramref name="clause"/> (for <see cref="Recent"/>).</summary>
        private void Used(string clause, Query query)
        {
            var tick = Interlocked.Increment(ref _tick);
            // Called on every cache hit: the size (which takes all of the dictionary's locks) is
            // looked at once in 1,024 uses; when too large, the older half goes.
            if ((tick & 1023) == 0 && _recentlyUsed.Count >= MaxTracked)
            {
                foreach (var old in _recentlyUsed.OrderBy(x => x.Value.Tick).Take(MaxTracked / 2).ToList())
                {
                    _recentlyUsed.TryRemove(old.Key, out _);
                }
            }
            _recentlyUsed[clause] = (query, tick);
        }

        /// <summary>The clauses whose kept matches queries used, the most recently used first.</summary>
        public IEnumerable<Query> Recent() =>
            _recentlyUsed.ToArray().OrderByDescending(x => x.Value.Tick).Select(x => x.Value.Query);

        public void Clear()
        {
            _cache.Clear();
            _uses.Clear();
            _recentlyUsed.Clear();
        }

        public void Dispose() => _cache.Dispose();

        public Entry? Get(AtomicReaderContext leaf, Weight weight, Query query, long cost)
        {
            if (!IsBounded(query) || !Keeps(leaf.AtomicReader.MaxDoc, cost))
            {
                return null;
            }
            var clause = Bounds.Key(query);
            var key = (leaf.AtomicReader.CoreCacheKey, clause);
            if (_cache.TryGetValue(key, out Entry? entry))
            {
                Interlocked.Increment(ref _served);
                Used(clause, query);
                return entry;
            }
            if (_uses.Count > MaxTracked)
            {
                _uses.Clear();
            }
            if (_uses.AddOrUpdate(clause, 1, (_, n) => n + 1) < UsesBeforeCaching)
            {
                return null;
            }
            // One pass for the matches and, when not yet known, the clause's bound in the segment.
            return Bounds.Walk(leaf, weight, key, keepMatches: true, query).Matches;
        }
    }

    /// <summary>Up to <paramref name="max"/> clauses whose kept matches queries used, the most recently used first.</summary>
    internal static IReadOnlyList<WarmClause> HotClauses(SearchCaches caches, int max) =>
        caches.Matches.Recent().Select(WarmClause.From).OfType<WarmClause>().Take(max).ToList();

    /// <summary>
    /// Walks <paramref name="clauses"/> in every segment where they are common enough to be kept,
    /// so that their bounds and matches are cached before the queries that need them come: in
    /// order, until the match cache holds seven eighths of its limit or <paramref name="cancel"/> fires.
    /// </summary>
    internal static WarmResult Warm(ParallelSearcher searcher, SearchCaches caches, IEnumerable<WarmClause> clauses, CancellationToken cancel)
    {
        var (matchCache, bounds) = (caches.Matches, caches.Bounds);
        var leaves = searcher.IndexReader.Leaves;
        var (walked, segments, bytes) = (0, 0, 0L);
        foreach (var clause in clauses)
        {
            if (cancel.IsCancellationRequested || bytes >= matchCache.MaxBytes * 7 / 8)
            {
                break;
            }
            if (clause.ToQuery() is not { } query)
            {
                continue;
            }
            var weight = searcher.CreateNormalizedWeight(query);
            var key = Bounds.Key(query);
            var kept = 0;
            Parallel.ForEach(leaves, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, leaf =>
            {
                if (cancel.IsCancellationRequested || weight.GetScorer(leaf, null) is not { } scorer
                    || !MatchCache.Keeps(leaf.AtomicReader.MaxDoc, scorer.GetCost()) || matchCache.Has((leaf.AtomicReader.CoreCacheKey, key)))
                {
                    return;
                }
                if (bounds.Walk(leaf, weight, (leaf.AtomicReader.CoreCacheKey, key), keepMatches: true, query, warming: true).Matches is { } matches)
                {
                    Interlocked.Increment(ref kept);
                    Interlocked.Add(ref bytes, matches.Bits.Length / 8);
                }
            });
            walked += kept > 0 ? 1 : 0;
            segments += kept;
        }
        return new WarmResult(walked, segments, bytes);
    }

    /// <summary>The segment's records whose publication time has not come (few: null when none).</summary>
    private static FixedBitSet? Excluded(AtomicReaderContext leaf, Weight weight)
    {
        var scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
        if (scorer is null)
        {
            return null;
        }
        FixedBitSet? bits = null;
        for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
        {
            bits ??= new FixedBitSet(leaf.AtomicReader.MaxDoc);
            bits.Set(doc);
        }
        return bits;
    }

    /// <summary>
    /// The highest score a term or exact-phrase clause gives any record of a segment. Under TF-IDF
    /// the clause's score of a record is a query-dependent factor times a record-dependent one, so
    /// the record scoring highest is the same for every query: it is found once (one pass over the
    /// clause's postings) and its score under the current query is the bound.
    /// </summary>
    internal sealed class Bounds(long maxBytes, MatchCache matches) : IDisposable
    {
        /// <summary>Records per block of the block bounds (2^8 = 256).</summary>
        public const int BlockShift = 8;
        private readonly MemoryCache _highest = new(new MemoryCacheOptions { SizeLimit = maxBytes });

        /// <summary>The record scoring highest, and per block of records its highest score as a share of that.</summary>
        internal sealed record Shape(int Best, float[] Shares);

        public void Clear() => _highest.Clear();

        public void Dispose() => _highest.Dispose();

        /// <summary>The clause's highest score in the segment under the current query, and the per-block shares of it (null when it matches nothing).</summary>
        public (float Max, float[]? Shares) Of(AtomicReaderContext leaf, Weight weight, Query query, bool required = false)
        {
            var key = (leaf.AtomicReader.CoreCacheKey, Key(query));
            if (!_highest.TryGetValue(key, out Shape? shape))
            {
                // A common required clause's matches are kept from the same pass, so that the
                // match cache does not walk its positions again when the clause comes back.
                shape = Walk(leaf, weight, key, keepMatches: required, query).Shape;
            }
            if (shape!.Best < 0 || weight.GetScorer(leaf, null) is not { } scorer || scorer.Advance(shape.Best) != shape.Best)
            {
                return (0f, null);
            }
            return (scorer.GetScore(), shape.Shares);
        }

        /// <summary>
        /// One pass over a clause's matches in a segment (<paramref name="key"/>: the segment and
        /// <see cref="Key"/> of <paramref name="query"/>): its shape (the record scoring highest and the per-block shares) is
        /// cached unless known, and with <paramref name="keepMatches"/>, when the clause is common
        /// and its matches not yet cached, they are put in the match cache and returned (and the
        /// clause noted as used, unless <paramref name="warming"/>).
        /// </summary>
        public (Shape Shape, MatchCache.Entry? Matches) Walk(AtomicReaderContext leaf, Weight weight, (object Segment, string Clause) key, bool keepMatches,
            Query query, bool warming = false)
        {
            var shapeWanted = !_highest.TryGetValue(key, out Shape? known);
            var maxDoc = leaf.AtomicReader.MaxDoc;
            var scorer = weight.GetScorer(leaf, null);
            var blocks = shapeWanted ? new float[(maxDoc >> BlockShift) + 1] : [];
            var bits = keepMatches && scorer is not null && MatchCache.Keeps(maxDoc, scorer.GetCost()) && !matches.Has(key) ? new FixedBitSet(maxDoc) : null;
            if (!shapeWanted && bits is null)
            {
                // Another query measured and kept it meanwhile: nothing to walk for.
                return (known!, null);
            }
            var count = 0;
            var best = -1;
            var bestScore = 0f;
            if (scorer is not null)
            {
                for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
                {
                    bits?.Set(doc);
                    count++;
                    if (shapeWanted)
                    {
                        var score = scorer.GetScore();
                        ref var block = ref blocks[doc >> BlockShift];
                        block = Math.Max(block, score);
                        if (score > bestScore)
                        {
                            (best, bestScore) = (doc, score);
                        }
                    }
                }
            }
            if (shapeWanted)
            {
                for (var b = 0; b < blocks.Length && bestScore > 0; b++)
                {
                    // Rounded up a little: a share times the maximum must not fall below a score in the block.
                    blocks[b] = Math.Min(1f, (blocks[b] / bestScore) * (1f + 1e-6f));
                }
                known = best < 0 ? new Shape(-1, []) : new Shape(best, blocks);
                _highest.Set(key, known, new MemoryCacheEntryOptions { Size = (known.Shares.Length * 4) + 64 });
            }
            if (bits is null)
            {
                return (known!, null);
            }
            var entry = new MatchCache.Entry(bits, count);
            matches.Put(key, entry, query, used: !warming);
            return (known!, entry);
        }

        // The clause without its boost: the highest-scoring record does not depend on it.
        internal static string Key(Query query)
        {
            var clone = (Query)query.Clone();
            clone.Boost = 1f;
            return clone.GetType().Name + ":" + clone;
        }
    }
}

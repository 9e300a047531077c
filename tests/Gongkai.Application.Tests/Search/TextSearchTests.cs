using Lucene.Net.Search;

using Gongkai.Application.Search;

namespace Gongkai.Application.Tests.Search;

/// <summary>
/// <see cref="TextSearch"/> gives up scoring records that cannot reach the wanted pages. These tests
/// hold it to Lucene's own evaluation of the same query (a plain boolean query, every hit scored):
/// the same total, the same facet counts, and page by page the same records with the same scores,
/// on a corpus of several segments dense enough that most hits are given up. They run alone (their
/// own collection, not in parallel with other tests), so that the match cache's shared counter moves
/// only for their queries.
/// </summary>
[Collection(nameof(TextSearchTests))]
public sealed class TextSearchTests : IDisposable
{
    private static readonly string[] Words = ["重大", "关于", "项目", "攻坚", "管委会", "发展", "创新", "服务", "企业", "安全", "民生", "招商"];
    private static readonly string[] Sites = ["gxq", "jy", "zx"];
    private readonly TempIndex _index = new();

    public TextSearchTests()
    {
        var random = new Random(20261127);
        string Phrase(int min, int max) => string.Concat(Enumerable.Range(0, random.Next(min, max)).Select(_ => Words[random.Next(Words.Length)] + (random.Next(3) == 0 ? "，" : "")));
        // Three commits: three segments of 1,200 records (pruning starts after 512 hits in a segment).
        for (var batch = 0; batch < 3; batch++)
        {
            var docs = Enumerable.Range(0, 1200).Select(i => TempIndex.Doc(
                title: Phrase(2, 6),
                body: string.Join("。", Enumerable.Range(0, random.Next(3, 12)).Select(_ => Phrase(2, 9))),
                documentNumber: i % 50 == 0 ? $"澄高管发〔2025〕{batch * 1000 + i}号" : null,
                // Many records share a moment, so that ties are broken by date and then by record.
                publishedAt: new DateTime(2024, 1, 1, 2, 0, 0, DateTimeKind.Utc).AddDays(random.Next(700)),
                site: Sites[random.Next(Sites.Length)],
                genre: i % 3 == 0 ? "通知" : "公告"))
                // A few not yet public: never found, never counted.
                .Select((d, i) => i % 97 == 0 ? d with { PublishedAtUtc = TempIndex.Now.AddDays(3) } : d)
                .ToList();
            _index.With([.. docs]);
            // Deleted records: gone from the cached matches too.
            _index.Index.Delete(docs.Where((_, i) => i % 89 == 1).Select(d => d.Id));
            _index.Index.Commit(_index.Index.Position + 1);
        }
        _index.With(TempIndex.Doc("关于重大项目攻坚的通知", "正文", documentNumber: "澄高管发〔2026〕1号"), TempIndex.Doc("重大、关于", "正文"));
    }

    public static TheoryData<string> Queries => new() { "重大 关于", "项目攻坚", "管委会 发展 创新", "关于", "安全 民生 招商 服务", "澄高管发〔2026〕1号", "关于重大项目攻坚的通知", "企业" };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Gives_the_same_total_facets_and_pages_as_scoring_every_hit(string text)
    {
        var prunedSomewhere = false;
        var servedBefore = _index.Index.Caches.MatchesServed;
        foreach (var byDate in new[] { false, true })
        {
            foreach (var site in new string?[] { null, "gxq" })
            {
                foreach (var (skip, take) in new[] { (0, 10), (20, 10), (0, 50), (490, 10) })
                {
                    var request = new SearchRequest { Text = text, NowUtc = TempIndex.Now, Site = site };
                    var parts = QueryBuilder.TextParts(QueryBuilder.Terms(TextNormalizer.Fold(text)), text, SearchScope.FullText, _index.Index.Analyzer)!;
                    var filters = QueryBuilder.Filters(request);
                    var excluded = QueryBuilder.NotYetPublic(request);
                    Query matching = filters is null ? parts.ToQuery() : new FilteredQuery(parts.ToQuery(), new QueryWrapperFilter(filters));
                    var plain = new BooleanQuery(disableCoord: true) { { matching, Occur.MUST }, { excluded, Occur.MUST_NOT } };
                    var sort = byDate
                        ? new Sort(new SortField(SearchFields.PublishedAt, SortFieldType.INT64, true), SortField.FIELD_SCORE)
                        : new Sort(SortField.FIELD_SCORE, new SortField(SearchFields.PublishedAt, SortFieldType.INT64, true));

                    var (expected, actual) = _index.Index.Search(s => (
                        QueryRunner.Collect((ParallelSearcher)s, plain, sort, skip, take),
                        TextSearch.Run((ParallelSearcher)s, _index.Index.Caches, parts, filters, excluded, byDate, skip, take)));

                    var label = $"{text} byDate={byDate} site={site} skip={skip}";
                    Assert.True(expected.Total > 0, label);
                    Assert.Equal(expected.Total, actual.Total);
                    foreach (var (field, counts) in expected.Facets)
                    {
                        Assert.Equal(counts, actual.Facets[field]);
                    }
                    Assert.Equal(expected.Page.Length, actual.Page.Length);
                    for (var i = 0; i < expected.Page.Length; i++)
                    {
                        // Scores are sums in another order: equal but for the last bits; a different
                        // record at a place is allowed only where the two tie.
                        var e = expected.Page[i];
                        var a = actual.Page[i];
                        Assert.True(Math.Abs(e.Score - a.Score) <= Math.Abs(e.Score) * 1e-5, $"{label} #{i}: {e.Score} vs {a.Score}");
                        if (e.Doc != a.Doc)
                        {
                            // Lucene's own score of the other record ties with the one it expected there.
                            var (ed, ad, aScore) = _index.Index.Search(s => (Date(s, e.Doc), Date(s, a.Doc), s.Explain(plain, a.Doc).Value));
                            Assert.True(Math.Abs(e.Score - aScore) <= Math.Abs(e.Score) * 1e-5, $"{label} #{i}: record {e.Doc} ({e.Score}) vs {a.Doc} ({aScore})");
                            Assert.True(!byDate || ed == ad, $"{label} #{i}: record {e.Doc} vs {a.Doc} with different dates");
                        }
                    }
                    prunedSomewhere |= actual.Scored < actual.Total;
                }
            }
        }
        if (text is "重大 关于" or "关于" or "企业")
        {
            Assert.True(prunedSomewhere, "a query matching most records should have left most of them unscored");
            // Repeated sixteen times, its common clauses came from the match cache.
            Assert.True(_index.Index.Caches.MatchesServed > servedBefore, "the match cache was not used");
        }
    }

    [Fact]
    public void Records_left_unscored_are_still_counted_and_the_exact_title_still_comes_first()
    {
        // 重大、关于 is the exact title of one record; most records have both words.
        var request = new SearchRequest { Text = "重大 关于", NowUtc = TempIndex.Now };
        var parts = QueryBuilder.TextParts(QueryBuilder.Terms(TextNormalizer.Fold(request.Text!)), request.Text!, SearchScope.FullText, _index.Index.Analyzer)!;
        var result = _index.Index.Search(s => TextSearch.Run((ParallelSearcher)s, _index.Index.Caches, parts, null, QueryBuilder.NotYetPublic(request), false, 0, 10));
        var response = _index.Search("重大 关于");
        Assert.Equal("重大、关于", response.Hits[0].TitleHtml.Replace("<em>", "", StringComparison.Ordinal).Replace("</em>", "", StringComparison.Ordinal));
        Assert.Equal(result.Total, response.Total);
        Assert.True(result.Scored < result.Total, $"{result.Scored} of {result.Total} scored");
    }

    private static long Date(IndexSearcher searcher, int doc)
    {
        var leaf = searcher.IndexReader.Leaves[Lucene.Net.Index.ReaderUtil.SubIndex(doc, searcher.IndexReader.Leaves)];
        return leaf.AtomicReader.GetNumericDocValues(SearchFields.PublishedAt).Get(doc - leaf.DocBase);
    }

    [Fact]
    public void A_common_clause_whose_bound_was_measured_comes_from_the_match_cache_the_next_time()
    {
        // 企业服务 (a phrase of two common words, in no other test here) is met for the first time:
        // the pass that measures its bound keeps its matches too, so the second search is served
        // from the cache instead of walking the phrase's positions again.
        var first = _index.Search("企业服务");
        Assert.True(first.Total > 500, $"{first.Total} hits: too few for bounds to be measured");
        var served = _index.Index.Caches.MatchesServed;
        var second = _index.Search("企业服务");
        Assert.Equal(first.Total, second.Total);
        Assert.Equal(first.Hits.Select(h => h.Id), second.Hits.Select(h => h.Id));
        // Served once per segment that holds the phrase (the three large ones; the fourth has two
        // records). Without the bits from the bound's pass, the first segment searched would walk it
        // again (the match cache otherwise keeps a clause from its second use, counted across segments).
        Assert.Equal(3, _index.Index.Caches.MatchesServed - served);
    }

    [Fact]
    public void Cleared_caches_give_the_same_results_and_are_built_again()
    {
        // 创新服务 is in no other test here: met twice, its matches come from the cache.
        var first = _index.Search("创新服务");
        Assert.True(first.Total > 500, $"{first.Total} hits: too few for bounds to be measured");
        var served = _index.Index.Caches.MatchesServed;
        _index.Search("创新服务");
        Assert.True(_index.Index.Caches.MatchesServed > served, "the match cache was not used before clearing");

        _index.Index.Caches.Clear();
        served = _index.Index.Caches.MatchesServed;
        var cleared = _index.Search("创新服务");
        Assert.Equal(served, _index.Index.Caches.MatchesServed);
        Assert.Equal(first.Total, cleared.Total);
        Assert.Equal(first.Hits.Select(h => (h.Id, h.TitleHtml)), cleared.Hits.Select(h => (h.Id, h.TitleHtml)));
        _index.Search("创新服务");
        Assert.True(_index.Index.Caches.MatchesServed > served, "the match cache was not built again");
    }

    [Fact]
    public void Clauses_saved_from_use_and_warmed_after_a_clear_serve_the_first_search()
    {
        // 安全民生 (安全@0 民生@2, two common words in no other test here) is met twice, so its
        // matches are kept and it is among the clauses queries used.
        var before = _index.Search("安全民生");
        _index.Search("安全民生");
        var hot = _index.Index.Caches.HotClauses(100);
        var clause = Assert.Single(hot, c => c.Terms.SequenceEqual(["安全", "民生"]));
        Assert.Equal(SearchFields.Text, clause.Field);
        Assert.Equal([0, 2], clause.Positions);

        // As after a restart: nothing cached. Warming walks it in the three large segments (the
        // fourth has two records: too few to keep), and the first search is served from the cache.
        _index.Index.Caches.Clear();
        Assert.Empty(_index.Index.Caches.HotClauses(100));
        var warmed = QueryRunner.Warm(_index.Index, [clause, new WarmClause("text", ["安全"], [0, 1]), new WarmClause("nofield", ["安全"], [0])], CancellationToken.None);
        Assert.Equal(new WarmResult(1, 3, warmed.Bytes), warmed);
        Assert.True(warmed.Bytes > 3 * 1000 / 8, $"{warmed.Bytes} bytes");
        // Warming is not use: a clause only warmed is not saved again unless a query uses it.
        Assert.Empty(_index.Index.Caches.HotClauses(100));
        var served = _index.Index.Caches.MatchesServed;
        var after = _index.Search("安全民生");
        Assert.Equal(3, _index.Index.Caches.MatchesServed - served);
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Hits.Select(h => h.Id), after.Hits.Select(h => h.Id));

        // Cancelled before it starts: nothing walked.
        _index.Index.Caches.Clear();
        Assert.Equal(new WarmResult(0, 0, 0), QueryRunner.Warm(_index.Index, [clause], new CancellationToken(canceled: true)));
    }

    public void Dispose() => _index.Dispose();
}

[CollectionDefinition(nameof(TextSearchTests), DisableParallelization = true)]
public sealed class TextSearchTestsRunAlone;

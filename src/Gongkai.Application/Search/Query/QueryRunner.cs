using Gongkai.Core;
using Lucene.Net.Documents;
using Lucene.Net.Search;

namespace Gongkai.Application.Search;

/// <summary>Runs a <see cref="SearchRequest"/> against a <see cref="SearchIndex"/>.</summary>
public static class QueryRunner
{
    private static readonly Sort ByRelevance = new(SortField.FIELD_SCORE, new SortField(SearchFields.PublishedAt, SortFieldType.INT64, true));
    private static readonly Sort ByDate = new(new SortField(SearchFields.PublishedAt, SortFieldType.INT64, true), SortField.FIELD_SCORE);

    /// <summary>
    /// Builds the cached bounds and matches of <paramref name="clauses"/> in <paramref name="index"/>
    /// before queries need them, in order, until the match cache holds seven eighths of its
    /// limit or <paramref name="cancel"/> fires. Clauses that are rare in a segment, unknown or
    /// malformed are passed over.
    /// </summary>
    public static WarmResult Warm(SearchIndex index, IEnumerable<WarmClause> clauses, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(clauses);
        return index.Search(searcher => TextSearch.Warm((ParallelSearcher)searcher, index.Caches, clauses, cancel));
    }

    public static SearchResponse Search(SearchIndex index, SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageSize is < 1 or > 50)
        {
            throw new DomainException($"每页条数“{request.PageSize}”无效：应在1至50之间。");
        }
        var maxPage = SearchRequest.MaxResults / request.PageSize;
        if (request.Page < 1 || request.Page > maxPage)
        {
            throw new DomainException($"页码“{request.Page}”无效：检索结果最多翻到第{maxPage}页（前{SearchRequest.MaxResults}条）。请用左侧分类或高级检索缩小范围。");
        }

        var notices = new List<string>();
        var raw = request.Text?.Trim() ?? string.Empty;
        if (raw.Length > SearchRequest.MaxQueryLength)
        {
            raw = raw[..SearchRequest.MaxQueryLength];
            notices.Add($"检索词过长，只使用了前{SearchRequest.MaxQueryLength}个字。");
        }
        var allTerms = QueryBuilder.Terms(TextNormalizer.Fold(raw));
        var terms = allTerms;
        if (raw.Length > 0 && allTerms.Count == SearchRequest.MaxTerms && QueryBuilder.Terms(TextNormalizer.Fold(raw + " ")).Count >= SearchRequest.MaxTerms)
        {
            notices.Add($"检索词最多使用{SearchRequest.MaxTerms}个，其余已忽略。");
        }
        var text = QueryBuilder.TextParts(terms, raw, request.Scope, index.Analyzer);
        if (text is null && !request.HasFilters)
        {
            notices.Add(raw.Length == 0 ? "请输入检索词。" : "检索词中没有可检索的文字或数字，请换用其他词语。");
            return Empty(request, terms, notices);
        }
        if (text is null && raw.Length > 0)
        {
            notices.Add("检索词中没有可检索的文字或数字，已按筛选条件列出。");
        }

        var filters = QueryBuilder.Filters(request);
        var notYetPublic = QueryBuilder.NotYetPublic(request);
        var skip = (request.Page - 1) * request.PageSize;

        return index.Search(searcher =>
        {
            var (docs, total, facets) = text is null
                ? Collect((ParallelSearcher)searcher, FiltersOnly(filters ?? new MatchAllDocsQuery(), notYetPublic), ByDate, skip, request.PageSize)
                : Page(TextSearch.Run((ParallelSearcher)searcher, index.Caches, text, filters, notYetPublic, request.Sort == SearchSort.Date, skip, request.PageSize));
            var hits = new List<SearchHit>(docs.Length);
            foreach (var scoreDoc in docs)
            {
                hits.Add(ToHit(searcher.Doc(scoreDoc.Doc), terms, scoreDoc.Score));
            }
            return new SearchResponse(hits, total, facets, terms, notices, request.Page, request.PageSize);
        });
    }

    private static (ScoreDoc[] Page, int Total, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets) Page(
        (ScoreDoc[] Page, int Total, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets, int Scored) result) =>
        (result.Page, result.Total, result.Facets);

    private static BooleanQuery FiltersOnly(Query filters, Query notYetPublic) =>
        new(disableCoord: true) { { new ConstantScoreQuery(filters), Occur.MUST }, { notYetPublic, Occur.MUST_NOT } };

    /// <summary>
    /// Collects the wanted page and the facet counts segment by segment on every core, with one
    /// weight for the whole index, then merges: the same hits, scores and counts as one pass.
    /// (A query with text goes through <see cref="TextSearch"/>, which does the same and more.)
    /// </summary>
    internal static (ScoreDoc[] Page, int Total, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets) Collect(
        ParallelSearcher searcher, Query query, Sort sort, int skip, int take)
    {
        var wanted = skip + take;
        var weight = searcher.CreateNormalizedWeight(query);
        var leaves = searcher.IndexReader.Leaves;
        if (leaves.Count == 0)
        {
            return ([], 0, FacetCollector.Merge([]));
        }
        var tops = new TopFieldDocs[leaves.Count];
        var facets = new FacetCollector[leaves.Count];
        Parallel.For(0, leaves.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var top = TopFieldCollector.Create(sort, wanted, fillFields: true, trackDocScores: true, trackMaxScore: false,
                docsScoredInOrder: !weight.ScoresDocsOutOfOrder);
            facets[i] = new FacetCollector(SearchFields.Facets);
            searcher.SearchSegment(leaves[i], weight, MultiCollector.Wrap(top, facets[i]));
            facets[i].FinishSegment(); // on this thread, whose doc-values readers it used
            tops[i] = (TopFieldDocs)top.GetTopDocs();
        });
        var merged = TopDocs.Merge(sort, skip, take, tops);
        return (merged.ScoreDocs, tops.Sum(t => t.TotalHits), FacetCollector.Merge(facets));
    }

    private static SearchHit ToHit(Document doc, IReadOnlyList<string> terms, float score)
    {
        var title = Field(doc, SearchFields.Title);
        var body = Field(doc, SearchFields.Body) ?? string.Empty;
        var summary = Field(doc, SearchFields.Summary) ?? string.Empty;
        var snippet = SnippetHighlighter.Snippet(body, terms);
        if (!snippet.Contains("<em>", StringComparison.Ordinal))
        {
            var fromSummary = SnippetHighlighter.Snippet(summary, terms);
            if (fromSummary.Contains("<em>", StringComparison.Ordinal) || body.Length == 0)
            {
                snippet = fromSummary;
            }
        }
        return new SearchHit(
            long.Parse(Field(doc, SearchFields.Id), System.Globalization.CultureInfo.InvariantCulture),
            Field(doc, SearchFields.IndexNumber),
            Field(doc, SearchFields.Url),
            SnippetHighlighter.Whole(title, terms),
            snippet,
            DateOnly.ParseExact(Field(doc, SearchFields.PublishedOn), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Field(doc, SearchFields.SiteName),
            doc.GetField(SearchFields.DocumentNumber)?.GetStringValue(System.Globalization.CultureInfo.InvariantCulture),
            score);
    }

    private static string Field(Document doc, string name) =>
        doc.Get(name, System.Globalization.CultureInfo.InvariantCulture);

    private static SearchResponse Empty(SearchRequest request, IReadOnlyList<string> terms, List<string> notices) =>
        new([], 0, SearchFields.Facets.ToDictionary(f => f, _ => (IReadOnlyList<FacetCount>)[], StringComparer.Ordinal),
            terms, notices, request.Page, request.PageSize);
}

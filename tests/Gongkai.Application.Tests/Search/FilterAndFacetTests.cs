using Gongkai.Application.Search;

namespace Gongkai.Application.Tests.Search;

public sealed class FilterAndFacetTests
{
    [Fact]
    public void Facets_count_the_hits_and_filters_narrow_them()
    {
        using var index = new TempIndex();
        index.With(
            TempIndex.Doc("防汛通知一", genre: "通知", site: "gxq"),
            TempIndex.Doc("防汛通知二", genre: "通知", site: "lg"),
            TempIndex.Doc("防汛公告", genre: "公告", site: "gxq"),
            TempIndex.Doc("无关的文件", genre: "公告", site: "gxq"));

        var all = index.Search("防汛");
        Assert.Equal(3, all.Total);
        Assert.Equal([new FacetCount("通知", 2), new FacetCount("公告", 1)], all.Facets[SearchFields.Genre]);
        Assert.Equal([new FacetCount("gxq", 2), new FacetCount("lg", 1)], all.Facets[SearchFields.Site]);

        var gxq = index.Search("防汛", r => r with { Sites = ["gxq"] });
        Assert.Equal(2, gxq.Total);
        Assert.Equal([new FacetCount("公告", 1), new FacetCount("通知", 1)], gxq.Facets[SearchFields.Genre]);
        Assert.Equal(1, index.Search("防汛", r => r with { Genre = "公告" }).Total);
    }

    [Fact]
    public void A_record_whose_publication_time_has_not_come_is_neither_found_nor_counted()
    {
        using var index = new TempIndex();
        index.With(
            TempIndex.Doc("防汛通知", publishedAt: TempIndex.Now.AddMinutes(-1)),
            TempIndex.Doc("防汛预告", genre: "公告", publishedAt: TempIndex.Now.AddDays(1)));
        var result = index.Search("防汛");
        Assert.Equal(1, result.Total);
        Assert.DoesNotContain(result.Facets[SearchFields.Genre], f => f.Value == "公告");
        Assert.Equal(2, index.Search("防汛", r => r with { NowUtc = TempIndex.Now.AddDays(2) }).Total);
    }

    [Fact]
    public void A_record_is_found_from_the_very_moment_of_its_publication_and_not_a_tick_before()
    {
        using var index = new TempIndex();
        index.With(
            TempIndex.Doc("防汛通知", publishedAt: TempIndex.Now),
            TempIndex.Doc("防汛预告", genre: "公告", publishedAt: TempIndex.Now.AddTicks(1)));
        var found = index.Search("防汛");
        Assert.Equal(1, found.Total);
        Assert.Equal("<em>防汛</em>通知", Assert.Single(found.Hits).TitleHtml);
        // Without a query text (filters only) the same holds.
        Assert.Equal(0, index.Search("", r => r with { Genre = "公告" }).Total);
        Assert.Equal(1, index.Search("", r => r with { Genre = "公告", NowUtc = TempIndex.Now.AddTicks(1) }).Total);
    }

    [Fact]
    public void The_advanced_form_filters_by_publication_dates_and_document_number_parts()
    {
        using var index = new TempIndex();
        var a = TempIndex.Doc("规划通知", documentNumber: "澄政发〔2023〕10号", publishedAt: new DateTime(2023, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var b = TempIndex.Doc("规划通知", documentNumber: "澄政办发〔2023〕10号", publishedAt: new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        index.With(a, b);
        Assert.Equal([a.Id], index.Search("规划", r => r with { DocumentAgency = "澄政发", DocumentYear = 2023, DocumentSerial = 10 }).Hits.Select(h => h.Id));
        Assert.Equal([b.Id], index.Search("规划", r => r with { PublishedFrom = new DateOnly(2024, 1, 1), PublishedTo = new DateOnly(2024, 12, 31) }).Hits.Select(h => h.Id));
        // Filters alone, without text, list by date.
        Assert.Equal([b.Id, a.Id], index.Search("", r => r with { DocumentYear = 2023 }).Hits.Select(h => h.Id));
    }

    [Fact]
    public void Hits_facets_and_pages_merge_correctly_across_segments()
    {
        using var index = new TempIndex();
        var all = new List<SearchDocument>();
        for (var segment = 0; segment < 5; segment++)
        {
            // Each commit writes a segment of its own; genres and dates interleave across them.
            var docs = Enumerable.Range(0, 4).Select(i => TempIndex.Doc($"防汛通知{segment}-{i}", genre: i % 2 == 0 ? "通知" : "公告",
                publishedAt: new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays((i * 5) + segment))).ToArray();
            index.With(docs);
            all.AddRange(docs);
        }
        var newestFirst = all.OrderByDescending(d => d.PublishedAtUtc).Select(d => d.Id).ToList();

        var page1 = index.Search("防汛", r => r with { Sort = SearchSort.Date, PageSize = 7 });
        var page2 = index.Search("防汛", r => r with { Sort = SearchSort.Date, PageSize = 7, Page = 2 });
        var page3 = index.Search("防汛", r => r with { Sort = SearchSort.Date, PageSize = 7, Page = 3 });
        Assert.Equal(20, page1.Total);
        Assert.Equal(newestFirst, page1.Hits.Concat(page2.Hits).Concat(page3.Hits).Select(h => h.Id));
        Assert.Equal([new FacetCount("公告", 10), new FacetCount("通知", 10)], page1.Facets[SearchFields.Genre]);
    }

    [Fact]
    public void Sorting_by_date_puts_the_newest_first()
    {
        using var index = new TempIndex();
        var old = TempIndex.Doc("防汛防汛防汛", "防汛防汛", publishedAt: new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var recent = TempIndex.Doc("通知", "防汛", publishedAt: new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        index.With(old, recent);
        Assert.Equal([recent.Id, old.Id], index.Search("防汛", r => r with { Sort = SearchSort.Date }).Hits.Select(h => h.Id));
    }

    [Fact]
    public void Deleted_documents_leave_results_and_the_position_survives_reopening()
    {
        var path = Path.Combine(Path.GetTempPath(), "gongkai-search-tests", Guid.NewGuid().ToString("N"));
        var doc = TempIndex.Doc("防汛通知");
        using (var index = SearchIndex.Open(path))
        {
            index.Upsert([doc]);
            index.Commit(41);
            index.Delete([doc.Id]);
            index.Commit(42);
            Assert.Equal(0, QueryRunner.Search(index, new SearchRequest { Text = "防汛", NowUtc = TempIndex.Now }).Total);
        }
        using (var reopened = SearchIndex.Open(path))
        {
            Assert.Equal(42, reopened.Position);
        }
        Assert.Equal(42, SearchIndex.ReadCommitted(path).Position);
        Directory.Delete(path, recursive: true);
    }
}

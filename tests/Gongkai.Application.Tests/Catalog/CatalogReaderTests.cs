using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Application.Search;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Catalog;

public sealed class CatalogReaderTests
{
    [Fact]
    public async Task Theme_counts_are_the_numbers_of_public_records_in_the_database()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 300);
        var terms = await app.TermsAsync();
        await app.RunAsync(async s =>
        {
            var page = await s.GetRequiredService<CatalogReader>().BrowseAsync(new CatalogQuery { Site = "jy" });
            var db = s.GetRequiredService<GongkaiDbContext>();
            Assert.Equal(await db.Records.CountAsync(r => r.State == RecordState.Published), page.Total);
            foreach (var theme in page.Themes)
            {
                var ids = terms.ThemeAndDescendants(terms.Roots(Vocabulary.Theme).Single(t => t.Label == theme.Label).Id);
                Assert.Equal(await db.Records.CountAsync(r => ids.Contains(r.ThemeId)), theme.Count);
            }
            Assert.Equal(page.Total, page.Themes.Sum(t => t.Count));
            Assert.Equal(page.Total, page.Years.Sum(y => y.Count));
        });
    }

    [Fact]
    public async Task A_filter_narrows_the_list_and_the_other_facets_count_within_it()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 300);
        await app.RunAsync(async s =>
        {
            var reader = s.GetRequiredService<CatalogReader>();
            var page = await reader.BrowseAsync(new CatalogQuery { Site = "jy", Year = 2020 });
            Assert.All(page.Rows, r => Assert.Equal(2020, r.PublishedOn.Year));
            Assert.Equal(page.Total, page.Themes.Sum(t => t.Count));
            Assert.Equal(page.Total, page.Genres.Sum(t => t.Count));
            // The year facet itself still offers every year.
            Assert.True(page.Years.Count > 5);
            var reference = await reader.BrowseAsync(new CatalogQuery { Site = "gxq", Theme = "宏观经济运行", Genre = "报告", Year = 2020 });
            Assert.Contains(reference.Rows, r => r.IndexNumber == "01404053X/2020-00390");
        });
    }

    [Theory]
    [InlineData("nosuch", null, null, "站点")]
    [InlineData(null, "没有这个主题", null, "主题")]
    [InlineData(null, "其他/其他", null, "主题")]
    [InlineData(null, null, "散文", "体裁")]
    public async Task Unknown_filter_values_are_refused_in_chinese(string? site, string? theme, string? genre, string word)
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var error = await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(s =>
            s.GetRequiredService<CatalogReader>().BrowseAsync(new CatalogQuery { Site = site, Theme = theme, Genre = genre })));
        Assert.Contains(word, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_level_label_used_under_several_themes_asks_for_its_first_level()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        // 其他 is a first-level theme, so it matches that; 政务公开 is unique; 财政/其他 is explicit.
        await app.RunAsync(async s =>
        {
            var reader = s.GetRequiredService<CatalogReader>();
            Assert.Equal("其他", (await reader.ResolveAsync(new CatalogQuery { Theme = "其他" })).Theme!.Label);
            Assert.Equal("政务公开", (await reader.ResolveAsync(new CatalogQuery { Theme = "政务公开" })).Theme!.Label);
            Assert.NotNull((await reader.ResolveAsync(new CatalogQuery { Theme = "财政、金融、审计/其他" })).Theme!.ParentId);
        });
    }

    [Fact]
    public async Task Drafts_withdrawn_and_scheduled_records_are_never_read_as_public()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        var (withdrawn, scheduledId) = await app.RunAsync(async s =>
        {
            await TestRecords.DraftAsync(s, RecordContents.Valid(terms, "草稿不公开"));
            var withdrawnRecord = await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "已撤回不公开"));
            await TestRecords.WithdrawAsync(s, withdrawnRecord.RecordId);
            var scheduledRecord = await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "定时发布未到"), app.Time.GetUtcNow().UtcDateTime.AddDays(2));
            return (withdrawnRecord.Number(), scheduledRecord.RecordId);
        });

        await app.RunAsync(async s =>
        {
            var reader = s.GetRequiredService<CatalogReader>();
            Assert.Null(await reader.RecordAsync(withdrawn));
            var titles = (await reader.BrowseAsync(new CatalogQuery { Site = "jy", PageSize = 100 })).Rows.Select(r => r.Title).ToList();
            Assert.DoesNotContain("草稿不公开", titles);
            Assert.DoesNotContain("已撤回不公开", titles);
            Assert.DoesNotContain("定时发布未到", titles);
            Assert.Equal(1, (await reader.BrowseAsync(new CatalogQuery())).Total);
            Assert.Single(await reader.SitemapPageAsync(1, 50_000));
        });

        // Once its time has come, the scheduler's pass publishes it with its index number.
        app.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await app.RunAsync(s => s.GetRequiredService<RecordWorkflow>().PublishDueAsync()));
        var number = (await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.SingleAsync(r => r.Id == scheduledId))).IndexNumber;
        await app.RunAsync(async s => Assert.Equal("定时发布未到", (await s.GetRequiredService<CatalogReader>().RecordAsync(number!.Value))?.Record.Title));
    }

    [Fact]
    public async Task The_search_index_counts_every_catalog_page_as_the_database_does()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 500);
        var terms = await app.TermsAsync();
        var secondLevel = terms.Of(Vocabulary.Theme).First(t => t.ParentId is not null);
        var leafRoot = terms.Roots(Vocabulary.Theme).First(t => !terms.Children(t.Id).Any());
        await app.RunAsync(async s =>
        {
            // What the catalog must leave out: a draft, a withdrawn record, a scheduled one, one of
            // another column; and a record with a root theme, a 解读 and one of another site.
            await TestRecords.DraftAsync(s, RecordContents.Valid(terms, "草稿"));
            var withdrawn = await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "已撤回"));
            await TestRecords.WithdrawAsync(s, withdrawn.RecordId);
            await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "定时"), app.Time.GetUtcNow().UtcDateTime.AddDays(3));
            await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "办事指南") with { Column = SectionColumn.Guide });
            await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "一级主题") with { ThemeId = leafRoot.Id });
            await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "临港的信息"), siteSlug: "lg", prefix: TestUsers.Lg);
        });

        var organization = await app.RunAsync(async s =>
        {
            var reader = s.GetRequiredService<CatalogReader>();
            return (await reader.BrowseDatabaseAsync(await reader.ResolveAsync(new CatalogQuery()))).Organizations[^1].Value;
        });
        var queries = new List<CatalogQuery>();
        foreach (var site in new string?[] { null, "gxq", "lg" })
        {
            queries.Add(new CatalogQuery { Site = site });
            queries.Add(new CatalogQuery { Site = site, Year = 2020 });
            queries.Add(new CatalogQuery { Site = site, Theme = terms.Label(secondLevel.ParentId!.Value) });
            queries.Add(new CatalogQuery { Site = site, Theme = CatalogQueryResolver.ThemePath(secondLevel, terms), Genre = "通知" });
            queries.Add(new CatalogQuery { Site = site, Genre = "通知", Year = 2026, Page = 2, PageSize = 5 });
            queries.Add(new CatalogQuery { Site = site, Organization = organization, Page = 3, PageSize = 7 });
            queries.Add(new CatalogQuery { Site = site, Year = 1990 });
            queries.Add(new CatalogQuery { Site = site, Theme = leafRoot.Label, Year = 2026 });
        }
        queries.Add(new CatalogQuery { Page = 500 });
        queries.Add(new CatalogQuery { Site = "gxq", Column = SectionColumn.Guide, PageSize = 100 });
        queries.Add(new CatalogQuery { Column = SectionColumn.AnnualReport });
        queries.Add(new CatalogQuery { PageSize = 100, Page = 5 });

        foreach (var query in queries)
        {
            var fromIndex = await SameAsDatabaseAsync(app, query);
            Assert.DoesNotContain(fromIndex.Rows, r => r.Title is "草稿" or "已撤回" or "定时");
            Assert.Equal(query.Column == SectionColumn.Guide, fromIndex.Rows.Any(r => r.Title == "办事指南"));
        }
        // The queries found something (a comparison of empty pages would prove nothing).
        var all = await app.RunAsync(s => s.GetRequiredService<CatalogReader>().BrowseAsync(new CatalogQuery()));
        Assert.True(all.Total > 500, $"{all.Total}");
        Assert.Contains(all.Rows, r => r.Title == "临港的信息");
        Assert.Contains(all.Themes.SelectMany(t => t.Children), t => t.Count > 0);
    }

    [Fact]
    public async Task Counts_kept_with_the_segments_follow_publications_withdrawals_scheduled_records_and_the_clock()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 400);
        var terms = await app.TermsAsync();
        var scheduled = await app.RunAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, "定时到期") with { GenreId = terms.Of(Vocabulary.Genre).Single(g => g.Label == "通知").Id },
            app.Time.GetUtcNow().UtcDateTime.AddDays(3)));
        // Shallow pages before deeper ones of the same filter: the kept list is walked further.
        var queries = new List<CatalogQuery>
        {
            new() { Site = "gxq" },
            new() { Site = "gxq", Page = 4, PageSize = 9 },
            new() { Site = "gxq", Page = 30, PageSize = 10 },
            new() { Site = "gxq", Genre = "通知" },
            new() { Site = "gxq", Genre = "通知", Page = 2, PageSize = 5 },
            new() { Year = 2026 },
            new() { Year = 2026, Page = 3, PageSize = 10 },
            new() { PageSize = 100, Page = 4 },
            new() { Page = 2 },
        };
        foreach (var query in queries)
        {
            await SameAsDatabaseAsync(app, query);
        }

        // A repeated request counts nothing again and answers the same.
        var index = app.Provider.GetRequiredService<IndexFolder>().Index;
        var filter = await app.RunAsync(async s => CatalogReader.FilterOf(await s.GetRequiredService<CatalogReader>().ResolveAsync(new CatalogQuery { Site = "gxq" })));
        var now = app.Time.GetUtcNow().UtcDateTime;
        var first = CatalogSearch.Browse(index, filter, now, 40, 20);
        var again = CatalogSearch.Browse(index, filter, now, 40, 20);
        Assert.Equal(0, again.SegmentsCounted);
        Assert.Equal(first.Ids, again.Ids);
        Assert.Equal(first.Total, again.Total);
        Assert.Equal(first.Genres, again.Genres);

        // A publication (a new segment) and a withdrawal in an older segment (a new reader of it).
        var old = await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var site = await db.Sites.Where(x => x.Slug == "gxq").Select(x => x.Id).SingleAsync();
            return await db.Records.Where(r => r.State == RecordState.Published && r.SiteId == site && r.PublishedAtUtc < now.AddDays(-30))
                .OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        });
        await app.RunAsync(async s =>
        {
            await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "新发布") with { GenreId = terms.Of(Vocabulary.Genre).Single(g => g.Label == "通知").Id });
            await TestRecords.WithdrawAsync(s, old);
        });
        foreach (var query in queries)
        {
            var page = await SameAsDatabaseAsync(app, query);
            Assert.DoesNotContain(page.Rows, r => r.Title == "定时到期");
        }
        var gxq = await SameAsDatabaseAsync(app, new CatalogQuery { Site = "gxq" });
        Assert.Equal("新发布", gxq.Rows[0].Title);
        Assert.Equal(first.Total, gxq.Total); // one in, one out

        // One more publication: only its new segment is counted, not the older segment that holds
        // the withdrawal (its deletions are the same, though the index's reopen gave it a new reader).
        await app.RunAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, "再发布一条")));
        await SameAsDatabaseAsync(app, new CatalogQuery { Site = "lg" }); // the index brought up to date
        var afterOneMore = CatalogSearch.Browse(index, filter, now, 0, 20);
        Assert.Equal(1, afterOneMore.SegmentsCounted);
        Assert.Equal(gxq.Total + 1, afterOneMore.Total);
        gxq = await SameAsDatabaseAsync(app, new CatalogQuery { Site = "gxq" });
        Assert.Equal("再发布一条", gxq.Rows[0].Title);

        // Counts hold for the moments between the segments' publications: asked for a moment before
        // the two new records' (a node whose clock is behind), they are left out; at it, counted.
        var newest = CatalogSearch.Browse(index, filter, now, 0, 20);
        var before = CatalogSearch.Browse(index, filter, now.AddMinutes(-1), 0, 20);
        Assert.True(before.SegmentsCounted >= 1, $"{before.SegmentsCounted}");
        Assert.Equal(newest.Total - 2, before.Total);
        Assert.Equal(newest.Ids.Skip(2), before.Ids.Take(18));
        var atItsMoment = CatalogSearch.Browse(index, filter, now, 0, 20);
        Assert.True(atItsMoment.SegmentsCounted >= 1, $"{atItsMoment.SegmentsCounted}");
        Assert.Equal(newest.Ids, atItsMoment.Ids);
        Assert.Equal(newest.Total, atItsMoment.Total);

        // The scheduled record comes due: the scheduler's pass publishes it, and every page follows.
        app.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await app.RunAsync(s => s.GetRequiredService<RecordWorkflow>().PublishDueAsync()));
        foreach (var query in queries)
        {
            await SameAsDatabaseAsync(app, query);
        }
        var due = await SameAsDatabaseAsync(app, new CatalogQuery { Site = "gxq", Genre = "通知" });
        Assert.Equal("定时到期", due.Rows[0].Title);
        Assert.Equal(scheduled.RecordId, await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.Where(r => r.Title == "定时到期").Select(r => r.Id).SingleAsync()));
    }

    [Fact]
    public async Task Counts_are_kept_for_a_bounded_number_of_filters_the_least_recently_used_going_first()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 50);
        await SameAsDatabaseAsync(app, new CatalogQuery()); // the index brought up to date
        var index = app.Provider.GetRequiredService<IndexFolder>().Index;
        var filter = await app.RunAsync(async s => CatalogReader.FilterOf(await s.GetRequiredService<CatalogReader>().ResolveAsync(new CatalogQuery())));
        var now = app.Time.GetUtcNow().UtcDateTime;
        var first = CatalogSearch.Browse(index, filter, now, 0, 20);
        Assert.True(first.Total > 50, $"{first.Total}");
        Assert.Equal(0, CatalogSearch.Browse(index, filter, now, 0, 20).SegmentsCounted);

        // More filters than a segment keeps (one per year from 1800): the first is put out and counted again, the same.
        for (var year = 1800; year < 1800 + 150; year++)
        {
            Assert.Equal(0, CatalogSearch.Browse(index, filter with { Year = year }, now, 0, 20).Total);
        }
        var again = CatalogSearch.Browse(index, filter, now, 0, 20);
        Assert.True(again.SegmentsCounted >= 1, $"{again.SegmentsCounted}");
        Assert.Equal(first.Ids, again.Ids);
        Assert.Equal(first.Total, again.Total);
        Assert.Equal(first.Themes, again.Themes);
        Assert.Equal(first.Years, again.Years);
        // The most recently used stay.
        Assert.Equal(0, CatalogSearch.Browse(index, filter with { Year = 1949 }, now, 0, 20).SegmentsCounted);
    }

    /// <summary>The page as the search index counts it, held to the database's count of the same query.</summary>
    private static async Task<CatalogPage> SameAsDatabaseAsync(ApplicationServices app, CatalogQuery query) =>
        await app.RunAsync(async s =>
        {
            var reader = s.GetRequiredService<CatalogReader>();
            var fromIndex = await reader.BrowseAsync(query);
            var fromDatabase = await reader.BrowseDatabaseAsync(fromIndex.Query);
            Assert.True(fromIndex.CountedByIndex);
            Assert.False(fromDatabase.CountedByIndex);
            Assert.True(fromIndex.Total == fromDatabase.Total, $"{query}: {fromIndex.Total} in the index, {fromDatabase.Total} in the database");
            Assert.Equal(fromDatabase.Rows.Select(r => r.IndexNumber), fromIndex.Rows.Select(r => r.IndexNumber));
            Assert.Equal(Facets(fromDatabase.Themes), Facets(fromIndex.Themes));
            Assert.Equal(Facets(fromDatabase.Genres), Facets(fromIndex.Genres));
            Assert.Equal(Facets(fromDatabase.Organizations), Facets(fromIndex.Organizations));
            Assert.Equal(Facets(fromDatabase.Years), Facets(fromIndex.Years));
            return fromIndex;
        });

    private static List<string> Facets(IReadOnlyList<FacetValue> facets) =>
        facets.Select(f => $"{f.Value}:{f.Count}:{f.Selected}[{string.Join(",", Facets(f.Children))}]").ToList();
}

using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
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
            Assert.Equal(1, await reader.PublicCountAsync());
        });

        // Once its time has come, the scheduler's pass publishes it with its index number.
        app.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await app.RunAsync(s => s.GetRequiredService<RecordWorkflow>().PublishDueAsync()));
        var number = (await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.SingleAsync(r => r.Id == scheduledId))).IndexNumber;
        await app.RunAsync(async s => Assert.Equal("定时发布未到", (await s.GetRequiredService<CatalogReader>().RecordAsync(number!.Value))?.Record.Title));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests.Pages.Sites;

[Collection(PortalTests.Name)]
public sealed partial class CatalogPageTests(PortalFixture portal)
{
    [GeneratedRegex(@"^(?<label>.+?)\s*\((?<count>\d+)\)$")]
    private static partial Regex LabelAndCount();

    private static (string Label, int Count) Facet(IElement link)
    {
        var m = LabelAndCount().Match(link.TextContent.Trim());
        Assert.True(m.Success, $"Facet link '{link.TextContent}' has no count");
        return (m.Groups["label"].Value, int.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_catalog_counts_agree_with_the_database()
    {
        var page = await portal.PageAsync("/gxq/xxgk/ml");
        var expected = await portal.App.ScopedAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var site = await db.Sites.SingleAsync(x => x.Slug == "gxq");
            var records = await db.Records.AsNoTracking()
                .Where(r => r.SiteId == site.Id && r.State == RecordState.Published && r.Column == SectionColumn.Catalog)
                .Select(r => new { r.ThemeId, r.GenreId, r.PublishedOn, r.PublishedAtUtc }).ToListAsync();
            var terms = await db.Terms.AsNoTracking().ToListAsync();
            var now = portal.App.UtcNow;
            var visible = records.Where(r => r.PublishedAtUtc <= now).ToList();
            var byPrimary = visible.GroupBy(r =>
            {
                var theme = terms.Single(t => t.Id == r.ThemeId);
                return theme.ParentId is int p ? terms.Single(t => t.Id == p).Label : theme.Label;
            }).ToDictionary(g => g.Key, g => g.Count());
            var byGenre = visible.GroupBy(r => terms.Single(t => t.Id == r.GenreId).Label).ToDictionary(g => g.Key, g => g.Count());
            var byYear = visible.GroupBy(r => r.PublishedOn!.Value.Year + "年").ToDictionary(g => g.Key, g => g.Count());
            return (Total: visible.Count, byPrimary, byGenre, byYear);
        });

        Assert.Contains($"共 {expected.Total} 条", page.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        var themes = page.QuerySelectorAll("ul.facet-tree > li > a").Select(Facet).ToDictionary(f => f.Label, f => f.Count);
        Assert.Equal(expected.byPrimary.OrderBy(kv => kv.Key), themes.OrderBy(kv => kv.Key));
        var genres = page.QuerySelectorAll(".facets section:nth-of-type(2) a").Select(Facet).ToDictionary(f => f.Label, f => f.Count);
        Assert.Equal(expected.byGenre.OrderBy(kv => kv.Key), genres.OrderBy(kv => kv.Key));
        var years = page.QuerySelectorAll(".facet-years a").Select(Facet).ToDictionary(f => f.Label, f => f.Count);
        Assert.Equal(expected.byYear.OrderBy(kv => kv.Key), years.OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task Rows_show_index_number_title_generation_date_and_document_number_newest_first()
    {
        var page = await portal.PageAsync("/gxq/xxgk/ml");
        Assert.Equal(["索引号", "名称", "生成日期", "文号"], page.QuerySelectorAll("table.record-table thead th").Select(t => t.TextContent.Trim()));
        var rows = page.QuerySelectorAll("table.record-table tbody tr").ToList();
        Assert.Equal(20, rows.Count);
        var numbers = rows.Select(r => IndexNumber.Parse(r.QuerySelector("td")!.TextContent)).ToList();
        Assert.All(numbers, n => Assert.Equal("01404053X", n.Prefix));
        Assert.True(numbers.First().Year >= numbers.Last().Year);
        Assert.NotNull(page.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Clicking_a_theme_filters_the_list_to_that_theme_and_the_count_matches()
    {
        var catalog = await portal.PageAsync("/gxq/xxgk/ml");
        var child = catalog.QuerySelector("ul.facet-tree ul a")!;
        var (label, count) = Facet(child);
        var filtered = await portal.PageAsync(child.GetAttribute("href")!);
        Assert.Contains($"共 {count} 条", filtered.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(label, filtered.QuerySelector(".active-filters")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_record_is_found_by_its_theme_genre_and_year()
    {
        var page = await portal.PageAsync("/gxq/xxgk/ml?theme=" + Uri.EscapeDataString("国民经济管理、国有资产监管/宏观经济运行") + "&genre=报告&year=2020");
        Assert.Contains(page.QuerySelectorAll("table.record-table a"), a => a.GetAttribute("href") == "/xxgk/01404053X/2020-00390");
    }

    [Fact]
    public async Task The_disclosure_section_lists_the_standard_columns_and_none_is_a_dead_link()
    {
        var page = await portal.PageAsync("/gxq/xxgk/");
        var columns = page.QuerySelectorAll(".column-grid a").ToList();
        Assert.Equal(["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开目录", "政府信息公开年报", "依申请公开", "政策解读"],
            columns.Select(a => a.TextContent.Trim()));
        foreach (var link in columns)
        {
            var column = await portal.PageAsync(link.GetAttribute("href")!);
            // Either content or a note that says why it is empty.
            Assert.True(column.QuerySelector("table.record-table, .empty-note, .column-grid, .panel a.button") is not null, $"{link.GetAttribute("href")} shows nothing");
        }
        var guide = await portal.PageAsync("/gxq/xxgk/zn");
        Assert.Contains("尚未", guide.QuerySelector(".empty-note")!.TextContent, StringComparison.Ordinal);
        var report = await portal.PageAsync("/gxq/xxgk/nb");
        Assert.Contains("第四十九条", report.QuerySelector(".empty-note")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_lists_the_sites_and_the_latest_records()
    {
        var page = await portal.PageAsync("/");
        var sites = page.QuerySelectorAll(".site-list li > a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal("江阴市", sites[0]);
        Assert.Contains("高新区", sites);
        Assert.Equal(15, page.QuerySelectorAll("table.record-table tbody tr").Length);
    }

    [Fact]
    public async Task The_catalog_json_pages_and_filters()
    {
        using var response = await portal.Client.GetAsync(new Uri("/api/v1/records?site=gxq&genre=" + Uri.EscapeDataString("报告") + "&year=2020&page=1", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("indexNumber").GetString() == "01404053X/2020-00390");
        Assert.Equal(items.Count, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("page").GetInt32());
    }
}

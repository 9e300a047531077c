using System.Text.Json;
using AngleSharp.Dom;
using Gongkai.Testing;

namespace Gongkai.Web.Tests.Pages.Records;

[Collection(PortalTests.Name)]
public sealed class ReferenceRecordPageTests(PortalFixture portal)
{
    private static string Text(IElement? element) => (element?.TextContent ?? string.Empty).Trim();

    [Fact]
    public async Task The_record_page_shows_every_label_and_value_of_the_seed_table_in_page_order()
    {
        var page = await portal.PageAsync(SeedPage.Url);
        var labels = page.QuerySelectorAll("table.record-meta th").Select(th => Text(th)).ToList();
        Assert.Equal(SeedPage.Metadata.Select(m => m.Label), labels);
        foreach (var (label, value) in SeedPage.Metadata.Where(m => m.Label is not ("文件下载" or "内容概述")))
        {
            var th = page.QuerySelectorAll("table.record-meta th").Single(x => Text(x) == label);
            Assert.Equal(value, Text(th.NextElementSibling));
        }
        var summary = page.QuerySelectorAll("table.record-meta th").Single(x => Text(x) == "内容概述").NextElementSibling;
        Assert.Equal(SeedPage.Summary, Text(summary));
    }

    [Fact]
    public async Task The_record_page_has_the_title_and_every_body_paragraph()
    {
        var page = await portal.PageAsync(SeedPage.Url);
        Assert.Equal(SeedPage.Title, Text(page.QuerySelector("h1.record-title")));
        var body = page.QuerySelectorAll(".record-body p").Select(p => SeedPage.Squeeze(p.TextContent)).ToList();
        Assert.Equal(SeedPage.Paragraphs, body);
        Assert.Equal(28, body.Count);
    }

    [Fact]
    public async Task The_breadcrumb_runs_from_home_through_the_site_to_the_catalog()
    {
        var page = await portal.PageAsync(SeedPage.Url);
        var crumbs = page.QuerySelectorAll("nav.breadcrumb li").Select(li => Text(li)).ToList();
        Assert.Equal(["首页", "高新区", "信息公开", "政府信息公开目录"], crumbs);
        Assert.Equal("/gxq/xxgk/", page.QuerySelectorAll("nav.breadcrumb a").ElementAt(1).GetAttribute("href"));
    }

    [Fact]
    public async Task The_page_carries_the_government_meta_tags()
    {
        var page = await portal.PageAsync(SeedPage.Url);
        string? Meta(string name) => page.QuerySelector($"meta[name='{name}']")?.GetAttribute("content");
        Assert.Equal("江阴市人民政府", Meta("SiteName"));
        Assert.Equal("政府信息公开目录", Meta("ColumnName"));
        Assert.Equal(SeedPage.Title, Meta("ArticleTitle"));
        Assert.Equal("2020-01-03 00:00", Meta("PubDate"));
        Assert.Equal("江阴高新技术开发区管理委员会", Meta("ContentSource"));
        Assert.Equal("规划,管理,开发区,总结", Meta("Keywords"));
        Assert.Matches("^[0-9]{10}$", Meta("SiteIDCode"));
    }

    [Fact]
    public async Task The_page_offers_favourite_print_and_close()
    {
        var page = await portal.PageAsync(SeedPage.Url);
        Assert.Equal(["收藏", "打印", "关闭"], page.QuerySelectorAll(".record-actions button").Select(b => Text(b)));
        Assert.NotNull(page.QuerySelector("link[rel=stylesheet][media=print]"));
        Assert.Null(page.QuerySelector(".effect-notice"));
    }

    [Fact]
    public async Task The_record_json_carries_the_seed_values()
    {
        using var response = await portal.Client.GetAsync(new Uri("/api/v1/records/01404053X/2020-00390", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var r = json.RootElement;
        string S(string name) => r.GetProperty(name).GetString() ?? string.Empty;
        Assert.Equal("01404053X/2020-00390", S("indexNumber"));
        Assert.Equal(SeedPage.Title, S("title"));
        Assert.Equal("2020-01-02", S("generatedOn"));
        Assert.Equal("2020-01-03", S("publishedOn"));
        Assert.Equal(JsonValueKind.Null, r.GetProperty("documentNumber").ValueKind);
        Assert.Equal("长期公开", S("disclosureTerm"));
        Assert.Equal("江阴高新技术开发区管理委员会", S("publisher"));
        Assert.Equal(["网站", "文件", "政府公报"], r.GetProperty("disclosureForms").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("主动公开", S("disclosureMethod"));
        Assert.Equal("面向社会", S("disclosureScope"));
        Assert.Equal("长期", S("validity"));
        Assert.Equal("部门编制,经办公室审核后公开", S("procedure"));
        Assert.Equal("报告", S("genre"));
        Assert.Equal("国民经济管理、国有资产监管", S("themePrimary"));
        Assert.Equal("宏观经济运行", S("themeSecondary"));
        Assert.Equal(["规划", "管理", "开发区", "总结"], r.GetProperty("keywords").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("有效", S("effectStatus"));
        Assert.Equal(SeedPage.Summary, S("summary"));
        Assert.Contains(SeedPage.Paragraphs[0], SeedPage.Squeeze(S("bodyHtml")), StringComparison.Ordinal);
        Assert.Equal(0, r.GetProperty("attachments").GetArrayLength());
        Assert.EndsWith("/xxgk/01404053X/2020-00390", S("url"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_not_in_force_shows_a_prominent_notice()
    {
        using var list = await portal.Client.GetAsync(new Uri("/api/v1/records?site=jy&pageSize=100", UriKind.Relative));
        using var json = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var repealed = json.RootElement.GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty("effectStatus").GetString() is "废止" or "失效");
        var status = repealed.GetProperty("effectStatus").GetString()!;
        var page = await portal.PageAsync(new Uri(repealed.GetProperty("url").GetString()!).AbsolutePath);
        var notice = page.QuerySelector(".effect-notice");
        Assert.NotNull(notice);
        Assert.Contains(status, notice.TextContent, StringComparison.Ordinal);
    }
}

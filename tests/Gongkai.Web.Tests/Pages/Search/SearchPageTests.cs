using System.Net;
using System.Text.Json;
using Gongkai.Application.Catalog;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests.Pages.Search;

[Collection(PortalTests.Name)]
public sealed class SearchPageTests(PortalFixture portal)
{
    /// <summary>The background indexer applies the change log on its own; wait for it (not a timing assertion).</summary>
    private async Task<JsonDocument> SearchUntilAsync(string query, Func<JsonElement, bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var json = JsonDocument.Parse(await portal.Client.GetStringAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(query), UriKind.Relative)));
            if (done(json.RootElement) || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                return json;
            }
            json.Dispose();
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Searching_the_slogan_finds_the_reference_record_first_with_the_phrase_highlighted()
    {
        using var _ = await SearchUntilAsync("争当创新先行军", r => r.GetProperty("total").GetInt32() > 0);
        var page = await portal.PageAsync("/search?q=" + Uri.EscapeDataString("争当创新先行军"));
        var first = page.QuerySelector("ol.hits li.hit");
        Assert.NotNull(first);
        Assert.Equal(SeedPage.Url, first.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Equal("争当创新先行军", first.QuerySelector("h3 em")!.TextContent);
        Assert.Contains("共找到", page.QuerySelector(".results-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_phrase_finds_the_reference_record_among_highlighted_results_with_facets()
    {
        using var _ = await SearchUntilAsync("项目攻坚", r => r.GetProperty("total").GetInt32() > 0);
        var page = await portal.PageAsync("/search?q=" + Uri.EscapeDataString("项目攻坚") + "&site=gxq");
        var hits = page.QuerySelectorAll("ol.hits li.hit").ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("项目攻坚", h.QuerySelector(".snippet em, h3 em")!.TextContent));
        Assert.Contains(hits, h => h.QuerySelector("h3 a")!.GetAttribute("href") == SeedPage.Url);
        // Facet links filter: following one narrows the total to its count.
        var genre = page.QuerySelectorAll(".facets section").First(s => s.QuerySelector("h2")!.TextContent == "体裁").QuerySelector("a")!;
        var count = int.Parse(genre.QuerySelector(".count")!.TextContent.Trim('(', ')'), System.Globalization.CultureInfo.InvariantCulture);
        var filtered = await portal.PageAsync(genre.GetAttribute("href")!);
        Assert.Contains($"共找到 {count} 条结果", filtered.QuerySelector(".results-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_json_has_hits_with_highlighted_snippets_total_and_facets()
    {
        using var json = await SearchUntilAsync("争当创新先行军", r => r.GetProperty("total").GetInt32() > 0);
        var root = json.RootElement;
        var hit = root.GetProperty("hits")[0];
        Assert.Equal("01404053X/2020-00390", hit.GetProperty("indexNumber").GetString());
        Assert.EndsWith(SeedPage.Url, hit.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("2020-01-03", hit.GetProperty("publishedOn").GetString());
        Assert.Contains("<em>争当创新先行军</em>", hit.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.True(hit.TryGetProperty("snippet", out _));
        foreach (var facet in new[] { "site", "themePrimary", "themeSecondary", "genre", "year", "effectStatus" })
        {
            Assert.True(root.GetProperty("facets").TryGetProperty(facet, out _), facet);
        }
    }

    [Theory]
    [InlineData("title:公告 AND body:*")]
    [InlineData("\"未闭合")]
    [InlineData("((((")]
    [InlineData("🙂")]
    [InlineData("，。！")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Hostile_queries_get_a_page_never_a_server_error(string query)
    {
        using var response = await portal.Client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        using var api = await portal.Client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task A_ten_thousand_character_query_is_answered_with_a_notice()
    {
        using var response = await portal.Client.GetAsync(new Uri("/api/v1/search?q=" + new string('公', 10_000), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("过长", json.RootElement.GetProperty("notices")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/search?q=%E5%85%AC%E5%91%8A&page=101", "页码")]
    [InlineData("/api/v1/search?q=%E5%85%AC%E5%91%8A&page=abc", "页码")]
    [InlineData("/api/v1/search?q=%E5%85%AC%E5%91%8A&site=nosuch", "站点")]
    [InlineData("/api/v1/search?q=%E5%85%AC%E5%91%8A&genre=nosuch", "体裁")]
    public async Task Bad_search_parameters_get_a_chinese_problem_details(string url, string word)
    {
        using var response = await portal.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(word, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_found_gives_helpful_text()
    {
        var page = await portal.PageAsync("/search?q=" + Uri.EscapeDataString("完全不存在的词语组合甲乙丙"));
        var note = page.QuerySelector(".empty-note")!.TextContent;
        Assert.Contains("没有找到", note, StringComparison.Ordinal);
        Assert.Contains("依申请公开", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_has_a_search_box()
    {
        foreach (var url in new[] { "/", "/gxq/xxgk/", "/gxq/xxgk/ml", SeedPage.Url, "/favorites" })
        {
            var page = await portal.PageAsync(url);
            var form = page.QuerySelector("form[role=search][action='/search']");
            Assert.NotNull(form);
            Assert.NotNull(form.QuerySelector("input[name=q]"));
        }
    }

    [Fact]
    public async Task A_newly_published_record_becomes_searchable_without_any_manual_step()
    {
        const string Title = "新发布后自动进入检索的测试通知";
        await portal.App.ScopedAsync(async s =>
        {
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            return await TestRecords.PublishAsync(s, RecordContents.Valid(terms, Title, new DateOnly(2026, 1, 5)));
        });
        using var json = await SearchUntilAsync("自动进入检索", r => r.GetProperty("total").GetInt32() > 0);
        Assert.Equal(1, json.RootElement.GetProperty("total").GetInt32());
    }
}

using System.Net;
using System.Text.Json;

namespace Gongkai.Web.Tests.Infrastructure;

/// <summary>Bad input gets a clear Chinese 4xx; never a 5xx.</summary>
[Collection(PortalTests.Name)]
public sealed class ErrorHandlingTests(PortalFixture portal)
{
    [Theory]
    [InlineData("/xxgk/01404053X/2020-99999")]
    [InlineData("/xxgk/01404053X/2020-0039")]
    [InlineData("/xxgk/014040538/2020-00390")]
    [InlineData("/xxgk/nonsense/x")]
    [InlineData("/nosuchsite/xxgk/")]
    [InlineData("/nosuchsite/xxgk/ml")]
    [InlineData("/gxq/xxgk/nosuchcolumn")]
    [InlineData("/GXQ/xxgk/")]
    [InlineData("/no/such/page/at/all")]
    [InlineData("/nosuchsite/xxgk/rss.xml")]
    [InlineData("/sitemap-999.xml")]
    public async Task Unknown_pages_and_records_get_a_chinese_404(string url)
    {
        using var response = await portal.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            Assert.Contains("页面不存在", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/gxq/xxgk/ml?page=abc", "页码")]
    [InlineData("/gxq/xxgk/ml?page=0", "页码")]
    [InlineData("/gxq/xxgk/ml?page=99999999999999", "页码")]
    [InlineData("/gxq/xxgk/ml?year=20x0", "年份")]
    [InlineData("/gxq/xxgk/ml?theme=%E4%B8%8D%E5%AD%98%E5%9C%A8", "主题")]
    [InlineData("/gxq/xxgk/ml?genre=%27%3Cscript%3E", "体裁")]
    [InlineData("/gxq/xxgk/ml?organization=x", "发布机构")]
    [InlineData("/search?q=%E9%A1%B9%E7%9B%AE&to=9999-12-31", "截止日期")] // was a 500 (the day after 9999-12-31)
    [InlineData("/search?from=0001-01-01", "起始日期")] // was a 500 (before the first instant)
    public async Task Bad_catalog_parameters_get_a_400_page_that_says_what_is_wrong(string url, string word)
    {
        var page = await portal.PageAsync(url, 400);
        Assert.Contains(word, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("script:not([src])"));
    }

    [Theory]
    [InlineData("/api/v1/records?page=x", "页码")]
    [InlineData("/api/v1/records?pageSize=1000", "每页条数")]
    [InlineData("/api/v1/records?site=nosuch", "站点")]
    [InlineData("/api/v1/records?year=-1", "年份")]
    [InlineData("/api/v1/records?year=9999", "年份")]
    [InlineData("/api/v1/records?year=1900", "年份")]
    [InlineData("/api/v1/records?theme=%E5%85%B6%E4%BB%96%2F%E4%B8%8D%E5%AD%98%E5%9C%A8", "主题")]
    public async Task Bad_api_parameters_get_a_problem_details_with_a_chinese_detail(string url, string word)
    {
        using var response = await portal.Client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(word, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_record_in_the_api_is_a_problem_details_404()
    {
        using var response = await portal.Client.GetAsync(new Uri("/api/v1/records/01404053X/2020-99999", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("不存在", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_description_and_health_check_answer()
    {
        using var openApi = await portal.Client.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        openApi.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await openApi.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/records", out _) || paths.TryGetProperty("/api/v1/records/", out _));
        Assert.True(paths.TryGetProperty("/api/v1/records/{prefix}/{suffix}", out _));

        using var health = await portal.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Feeds_and_sitemap_are_well_formed_xml_with_the_reference_record()
    {
        using var rss = await portal.Client.GetAsync(new Uri("/gxq/xxgk/rss.xml", UriKind.Relative));
        var feed = System.Xml.Linq.XDocument.Parse(await rss.Content.ReadAsStringAsync());
        Assert.Equal("rss", feed.Root!.Name.LocalName);
        Assert.Equal(50, feed.Descendants("item").Count());

        System.Xml.Linq.XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var indexText = await portal.Client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", indexText, StringComparison.Ordinal);
        var index = System.Xml.Linq.XDocument.Parse(indexText);
        Assert.Equal(ns + "sitemapindex", index.Root!.Name);
        var pages = index.Root.Elements(ns + "sitemap").Select(s => s.Element(ns + "loc")!.Value).ToList();
        Assert.Equal("http://localhost/sitemap-1.xml", pages[0]);
        Assert.Equal(pages.Count, pages.Distinct().Count());

        var sitemap = System.Xml.Linq.XDocument.Parse(await portal.Client.GetStringAsync(new Uri("/sitemap-1.xml", UriKind.Relative)));
        Assert.Equal(ns + "urlset", sitemap.Root!.Name);
        var urls = sitemap.Root.Elements(ns + "url").ToList();
        // The home page first, without a date; then each site's section and catalog; then the records.
        Assert.Equal("http://localhost/", urls[0].Element(ns + "loc")!.Value);
        Assert.Null(urls[0].Element(ns + "lastmod"));
        Assert.Contains(urls, u => u.Element(ns + "loc")!.Value == "http://localhost/gxq/xxgk/ml");
        var reference = Assert.Single(urls, u => u.Element(ns + "loc")!.Value == "http://localhost/xxgk/01404053X/2020-00390");
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", reference.Element(ns + "lastmod")!.Value);
    }

    [Fact]
    public async Task Pages_are_served_with_security_headers()
    {
        using var response = await portal.Client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}

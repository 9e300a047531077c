using System.Net;
using Gongkai.Testing;

namespace Gongkai.Web.Tests.Infrastructure;

/// <summary>Absolute links in sitemaps, feeds and the API come from Gongkai:PublicBaseUrl, never from the Host header.</summary>
public sealed class PublicUrlTests
{
    [Theory]
    [InlineData("/sitemap-1.xml")]
    [InlineData("/gxq/xxgk/rss.xml")]
    [InlineData("/api/v1/records/01404053X/2020-00390")]
    [InlineData("/api/v1/records?site=gxq")]
    [InlineData("/api/v1/search?q=%E7%BB%8F%E6%B5%8E")]
    public async Task A_forged_host_header_never_reaches_a_link(string url)
    {
        await using var app = new GongkaiAppFactory(generatedRecords: 5) { Settings = { ["Gongkai:PublicBaseUrl"] = "https://xxgk.example.gov.cn/" } };
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Host = "evil.example";
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("https://xxgk.example.gov.cn/", body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.DoesNotContain("gov.cn//", body, StringComparison.Ordinal);
    }
}

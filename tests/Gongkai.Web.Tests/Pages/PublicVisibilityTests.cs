using System.Net;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests.Pages;

/// <summary>Only published records whose time has come are ever visible publicly.</summary>
[Collection(PortalTests.Name)]
public sealed class PublicVisibilityTests(PortalFixture portal)
{
    private const string DraftTitle = "草稿绝不公开的测试信息";
    private const string WithdrawnTitle = "已撤回绝不公开的测试信息";
    private const string ScheduledTitle = "定时发布尚未到时的测试信息";

    private async Task<IndexNumber> CreateHiddenRecordsAsync() =>
        await portal.App.ScopedAsync(async s =>
        {
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            // The same theme and genre as the reference record, so they would share its catalog page.
            var theme = terms.ByLabel(Vocabulary.Theme, "宏观经济运行")!.Id;
            RecordContent Content(string title) => RecordContents.Valid(terms, title, new DateOnly(2026, 1, 5)) with { ThemeId = theme };
            await TestRecords.DraftAsync(s, Content(DraftTitle));
            var withdrawn = await TestRecords.PublishAsync(s, Content(WithdrawnTitle));
            await TestRecords.WithdrawAsync(s, withdrawn.RecordId);
            // Approved for publication in 30 days: it gets its index number when it is published.
            var scheduled = await TestRecords.PublishAsync(s, Content(ScheduledTitle), portal.App.UtcNow.AddDays(30));
            Assert.Null(scheduled.IndexNumber);
            return withdrawn.Number();
        });

    [Fact]
    public async Task Drafts_withdrawn_and_scheduled_records_appear_on_no_public_page_feed_sitemap_or_api()
    {
        var withdrawn = await CreateHiddenRecordsAsync();
        var pages = new List<string>
        {
            "/", "/jy/xxgk/", "/gxq/xxgk/", "/gxq/xxgk/ml", "/jy/xxgk/ml",
            "/gxq/xxgk/ml?theme=" + Uri.EscapeDataString("宏观经济运行") + "&year=2026",
            "/gxq/xxgk/ml?genre=" + Uri.EscapeDataString("通知") + "&year=2026",
            "/gxq/xxgk/zn", "/gxq/xxgk/zd", "/gxq/xxgk/nb", "/gxq/xxgk/zcjd", "/gxq/xxgk/fdzdgknr",
            "/gxq/xxgk/rss.xml", "/jy/xxgk/rss.xml", "/sitemap-1.xml",
            "/api/v1/records?site=gxq&pageSize=100", "/api/v1/records?site=gxq&year=2026&pageSize=100",
            "/api/v1/records?pageSize=100",
        };
        foreach (var url in pages)
        {
            using var response = await portal.Client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(DraftTitle, body, StringComparison.Ordinal);
            Assert.DoesNotContain(WithdrawnTitle, body, StringComparison.Ordinal);
            Assert.DoesNotContain(ScheduledTitle, body, StringComparison.Ordinal);
            Assert.DoesNotContain(withdrawn.ToString(), body, StringComparison.Ordinal);
        }
        // The withdrawn record's own address says it was withdrawn (410 Gone), with the reason and
        // none of its content.
        var notice = await portal.PageAsync(RecordUrls.Record(withdrawn), 410);
        Assert.Contains("该信息已撤回", notice.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(notice.QuerySelector(".record-meta"));
        using var api = await portal.Client.GetAsync(new Uri($"/api/v1/records/{withdrawn.Prefix}/{withdrawn.Suffix}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }
}

using System.Net;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests;

/// <summary>Only published records whose time has come are ever visible publicly.</summary>
[Collection(PortalTests.Name)]
public sealed class PublicVisibilityTests(PortalFixture portal)
{
    private const string DraftTitle = "草稿绝不公开的测试信息";
    private const string WithdrawnTitle = "已撤回绝不公开的测试信息";
    private const string ScheduledTitle = "定时发布尚未到时的测试信息";

    private async Task<(IndexNumber Withdrawn, IndexNumber Scheduled)> CreateHiddenRecordsAsync() =>
        await portal.App.ScopedAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            var site = await db.Sites.SingleAsync(x => x.Slug == "gxq");
            var create = s.GetRequiredService<CreateDraft>();
            var publish = s.GetRequiredService<PublishRecord>();
            // The same theme and genre as the reference record, so they would share its catalog page.
            var theme = terms.ByLabel(Vocabulary.Theme, "宏观经济运行")!.Id;
            RecordContent Content(string title) => RecordContents.Valid(terms, title, new DateOnly(2026, 1, 5)) with { ThemeId = theme };
            await create.ExecuteAsync(site.Id, Content(DraftTitle));
            var withdrawnId = await create.ExecuteAsync(site.Id, Content(WithdrawnTitle));
            var withdrawn = await publish.ExecuteAsync(withdrawnId);
            var record = await db.Records.SingleAsync(r => r.Id == withdrawnId);
            record.Withdraw("测试撤回", portal.App.UtcNow);
            await db.SaveChangesAsync();
            var scheduledId = await create.ExecuteAsync(site.Id, Content(ScheduledTitle));
            var scheduled = await publish.ExecuteAsync(scheduledId, portal.App.UtcNow.AddDays(30));
            return (withdrawn, scheduled);
        });

    [Fact]
    public async Task Drafts_withdrawn_and_scheduled_records_appear_on_no_public_page_feed_sitemap_or_api()
    {
        var (withdrawn, scheduled) = await CreateHiddenRecordsAsync();
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
            Assert.DoesNotContain(scheduled.ToString(), body, StringComparison.Ordinal);
        }
        // The withdrawn record's own address says it was withdrawn (410 Gone), with the reason and
        // none of its content; a record whose time has not come is simply not there.
        var notice = await portal.PageAsync(RecordUrls.Record(withdrawn), 410);
        Assert.Contains("该信息已撤回", notice.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(notice.QuerySelector(".record-meta"));
        await portal.PageAsync(RecordUrls.Record(scheduled), 404);
        foreach (var number in new[] { withdrawn, scheduled })
        {
            using var api = await portal.Client.GetAsync(new Uri($"/api/v1/records/{number.Prefix}/{number.Suffix}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        }
    }
}

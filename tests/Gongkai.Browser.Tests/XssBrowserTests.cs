using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Application.Search;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gongkai.Browser.Tests;

/// <summary>
/// Hostile payloads in every field an editor or an integrating system writes render inert on the
/// public record page, the catalog, search and the console — checked in real Chromium, where no
/// dialog may open and no payload may run.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class XssBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Payloads =
    [
        "<script>window.__xss=1;alert('script')</script>",
        "<img src=x onerror=\"window.__xss=1;alert('img')\">",
        "<svg onload=\"window.__xss=1;alert('svg')\"><circle r=1></circle></svg>",
        "\"><script>window.__xss=1;alert('break')</script>",
        "<a href=\"javascript:window.__xss=1;alert('link')\">点我</a>",
        "<a href=\" JaVaScRiPt:alert('spaced')\">点我二</a>",
        "<div style=\"background:url(javascript:alert('css'))\">样式</div>",
        "<style>body{background:url(\"javascript:alert('style')\")}</style>",
        "<iframe src=\"javascript:alert('iframe')\"></iframe>",
        "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=1;alert('mxss')\">",
        "<details open ontoggle=\"window.__xss=1;alert('details')\">",
        "<object data=\"data:text/html,<script>alert('object')</script>\"></object>",
    ];

    private const string Marker = "跨站脚本防护测试";

    [Fact]
    public async Task Hostile_payloads_in_title_summary_body_keywords_and_attachment_names_render_inert()
    {
        var all = string.Join(" ", Payloads);
        var (number, recordId) = await browser.App.ScopedAsync(async s =>
        {
            var editor = await TestUsers.CreateAsync(s, "xss-editor", Role.Editor);
            var reviewer = await TestUsers.CreateAsync(s, "xss-reviewer", Role.Reviewer);
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            var workflow = s.GetRequiredService<RecordWorkflow>();
            var content = RecordContents.Valid(terms, $"{Marker}{Payloads[0]}{Payloads[1]}{Payloads[3]}", browser.App.Today.AddDays(-1)) with
            {
                Summary = $"{Marker}概述 {all}",
                BodyHtml = $"<p>{Marker}正文</p>{all}",
                Keywords = ["正常关键词", Payloads[1], Payloads[3]],
            };
            var id = (await workflow.CreateAsync(editor, await TestUsers.SiteAsync(s, "gxq"), null, content)).RecordId;
            using (var file = new MemoryStream("%PDF-1.4 xss"u8.ToArray()))
            {
                await workflow.AttachAsync(editor, id, "<img src=x onerror=\"window.__xss=1;alert('file')\">.pdf", file);
            }
            await workflow.SubmitAsync(editor, id);
            var published = await workflow.ApproveAsync(reviewer, id, true, null);
            await s.GetRequiredService<IndexUpdater>().CatchUpAsync();
            return (IndexNumber.Parse(published.IndexNumber!), id);
        });

        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        async Task Visit(string url)
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // Links in the body must not run script when followed.
            foreach (var link in await page.Locator(".record-body a").AllAsync())
            {
                await link.ClickAsync(new LocatorClickOptions { Timeout = 2000 });
            }
            Assert.Empty(dialogs);
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        }

        await Visit(RecordUrls.Record(number));
        // The payload is shown as text where it was text (title, summary, keywords, file name).
        await Assertions.Expect(page.Locator("h1.record-title")).ToContainTextAsync("<script>");
        await Assertions.Expect(page.Locator("ul.attachments")).ToContainTextAsync("onerror");
        Assert.Equal(0, await page.Locator(".record-body script, .record-body svg, .record-body iframe, .record-body object, .record-body [onerror]").CountAsync());
        await Visit("/gxq/xxgk/ml");
        await Visit("/search?q=" + Uri.EscapeDataString(Marker));
        await Assertions.Expect(page.Locator("ol.hits li.hit").First).ToContainTextAsync(Marker);
        await Visit("/api/v1/search?q=" + Uri.EscapeDataString(Marker));

        // The console shows the same content to its editors.
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("用户名").FillAsync("xss-editor");
        await page.GetByLabel("密码").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/admin", StringComparison.Ordinal));
        await Visit("/admin");
        await Visit($"/admin/records/{recordId}");
        await Visit($"/admin/records/{recordId}/edit");
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hostile_reconsideration_body_renders_inert_in_the_answer_letter_and_the_console()
    {
        const string Hostile = "<img src=x onerror=\"window.__xss=1;alert('body')\">复议机关";
        var caseId = await browser.App.ScopedAsync(async s =>
        {
            var admin = await TestUsers.CreateAsync(s, "xss-body-admin", Role.Administrator, null);
            var handler = await TestUsers.CreateAsync(s, "xss-body-handler", Role.RequestHandler, TestUsers.Lg);
            var organization = await TestUsers.OrganizationAsync(s, TestUsers.Lg);
            await s.GetRequiredService<Application.Admin.SiteGroupAdministration>().RenameOrganizationAsync(admin, organization,
                "江阴临港经济开发区管理委员会", "临港开发区管委会", Hostile);
            var requests = s.GetRequiredService<Application.Requests.RequestService>();
            var id = (await requests.RegisterAsync(handler, await TestUsers.SiteAsync(s, "lg"), new Application.Requests.ApplicationForm
            {
                Kind = Core.Requests.ApplicantKind.NaturalPerson, Name = "跨站测试申请人", IdType = "护照", IdNumber = "E1", Phone = "13500009999",
                Description = "某会议纪要", FormWanted = "电子邮件", DeliveryMethod = "电子邮件",
            }, Core.Requests.RequestChannel.InPerson, browser.App.Today)).Id;
            await requests.AnswerAsync(handler, id, Core.Requests.RequestOutcome.WithheldInternalAffairs, Core.Requests.ReplyType.NotDisclosed, "属于内部事务信息，不予公开。");
            return id;
        });

        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        async Task SignInAsync(string user)
        {
            await page.GotoAsync("/admin/login");
            await page.GetByLabel("用户名").FillAsync(user);
            await page.GetByLabel("密码").FillAsync(TestUsers.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        async Task VisitAsync(string url)
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Empty(dialogs);
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        }

        await SignInAsync("xss-body-handler");
        await VisitAsync($"/admin/requests/{caseId}/letters/Answer");
        // Shown as the text it is, in the remedies paragraph.
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("先向<img src=x onerror=");
        await page.Context.ClearCookiesAsync();
        await SignInAsync("xss-body-admin");
        await VisitAsync("/admin/organizations");
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }
}

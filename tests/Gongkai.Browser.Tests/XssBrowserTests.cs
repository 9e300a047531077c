using System.Text;
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
    private const string Run = "window.__xss=1;alert(1)";

    /// <summary>
    /// The probe's payloads and their kin, at least 100 (issue 20): tags and event handlers, script
    /// URLs in every attribute that takes one (plain, mixed case, spaced, entity-encoded), styles,
    /// markup that mutates on parsing (mXSS), broken-out attribute and tag contexts, and templates.
    /// Every one sets window.__xss or opens a dialog if it runs.
    /// </summary>
    private static readonly string[] Payloads = BuildPayloads();

    private static string[] BuildPayloads()
    {
        var list = new List<string>
        {
            "<script>window.__xss=1;alert('script')</script>",
            "<SCRIPT>window.__xss=1</SCRIPT>",
            "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
            "<script src=\"data:text/javascript,window.__xss=1\"></script>",
            "\"><script>window.__xss=1;alert('break')</script>",
            "'><script>window.__xss=1</script>",
            "</title><script>window.__xss=1</script>",
            "</textarea><script>window.__xss=1</script>",
            "</style><script>window.__xss=1</script>",
            "<!--<script>window.__xss=1</script>-->",
            "<![CDATA[<script>window.__xss=1</script>]]>",
            "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=1;alert('mxss')\">",
            "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\">",
            "<svg><style><img src=x onerror=window.__xss=1></style></svg>",
            "<template><script>window.__xss=1</script></template>",
            "<xmp><img src=x onerror=window.__xss=1></xmp>",
            "<style>body{background:url(\"javascript:alert('style')\")}</style>",
            "<div style=\"background:url(javascript:alert('css'))\">样式</div>",
            "<div style=\"width:expression(window.__xss=1)\">旧IE</div>",
            "<link rel=stylesheet href=\"javascript:window.__xss=1\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=1\">",
            "<base href=\"javascript:window.__xss=1//\">",
            "<object data=\"data:text/html,<script>alert('object')</script>\"></object>",
            "<embed src=\"data:text/html,<script>alert('embed')</script>\">",
            "<iframe src=\"javascript:alert('iframe')\"></iframe>",
            "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
            "<form action=\"javascript:window.__xss=1\"><button>提交</button></form>",
            "<form><button formaction=\"javascript:window.__xss=1\">按钮</button></form>",
            "<isindex action=\"javascript:window.__xss=1\" type=image>",
            "<svg><a xlink:href=\"javascript:window.__xss=1\"><text x=1 y=10>链接</text></a></svg>",
            "<svg><animate onbegin=\"window.__xss=1\" attributeName=x dur=1s>",
            "<svg><set attributeName=onload to=\"window.__xss=1\"/></svg>",
            "<math href=\"javascript:window.__xss=1\">数学</math>",
            "<img src=\"x\" onerror=\"&#119;indow.__xss=1\">",
            "<img src=x onerror=window&#46;__xss=1>",
            "<img src=`x` onerror=`window.__xss=1`>",
            "<img/src=x/onerror=window.__xss=1>",
            "<img src=x:alert(1) onerror=eval(src)>",
            "<body onload=\"window.__xss=1\">",
            "<input autofocus onfocus=\"window.__xss=1\">",
            "<select autofocus onfocus=\"window.__xss=1\"></select>",
            "<textarea autofocus onfocus=\"window.__xss=1\"></textarea>",
            "<keygen autofocus onfocus=\"window.__xss=1\">",
            "<video><source onerror=\"window.__xss=1\"></video>",
            "<audio src=x onerror=\"window.__xss=1\"></audio>",
            "<marquee onstart=\"window.__xss=1\">滚动</marquee>",
            "<div onpointerover=\"window.__xss=1\" style=\"position:fixed;inset:0\">覆盖</div>",
            "<div style=\"animation-name:x\" onanimationstart=\"window.__xss=1\">动画</div>",
            "<p contenteditable onfocus=\"window.__xss=1\" autofocus>可编辑</p>",
            "<a href=\"#\" onclick=\"window.__xss=1\">点击</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">数据链接</a>",
            "<a href=\"vbscript:msgbox(1)\">旧脚本</a>",
            "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">编码</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">制表</a>",
            "<a href=\"jav&#x0A;ascript:alert(1)\">换行</a>",
            "<a href=\"&#1;javascript:alert(1)\">控制符</a>",
            "<a href=\"javascript&colon;alert(1)\">冒号</a>",
            "{{constructor.constructor('window.__xss=1')()}}",
            "${window.__xss=1}",
            "javascript:window.__xss=1",
            "\u003cscript\u003ewindow.__xss=1\u003c/script\u003e",
            "%3Cscript%3Ewindow.__xss=1%3C/script%3E",
            "&lt;script&gt;window.__xss=1&lt;/script&gt;",
        };
        // Script URLs in every attribute that takes a URL, written four ways.
        var schemes = new[] { "javascript:", "JaVaScRiPt:", " javascript:", "java\tscript:" };
        var carriers = new[] { "<a href=\"{0}{1}\">链接</a>", "<img src=\"{0}{1}\">", "<iframe src=\"{0}{1}\"></iframe>", "<area href=\"{0}{1}\">" };
        foreach (var carrier in carriers)
        {
            foreach (var scheme in schemes)
            {
                list.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, carrier, scheme, Run));
            }
        }
        // Event handlers on tags that fire them without a click.
        var handlers = new[] { ("img src=x", "onerror"), ("svg", "onload"), ("details open", "ontoggle"), ("body", "onpageshow"),
            ("iframe", "onload"), ("input type=image src=x", "onerror"), ("object data=x", "onerror"), ("link rel=stylesheet href=x", "onerror"),
            ("video src=x", "onerror"), ("track src=x", "onerror"), ("style", "onload"), ("frameset", "onload") };
        foreach (var (tag, handler) in handlers)
        {
            list.Add($"<{tag} {handler}=\"{Run}\">");
            list.Add($"<{tag.ToUpperInvariant()} {handler.ToUpperInvariant()}='{Run}'>");
        }
        return [.. list.Distinct()];
    }

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
                PublicationPeriod = new Core.Editorial.PublicationPeriod(30, true, Payloads[0]), // shown in the console's form
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

        Assert.True(Payloads.Length >= 100, $"{Payloads.Length} payloads");
        // With the pages' Content-Security-Policy, and with the browser told to ignore it: the
        // sanitiser must hold on its own.
        foreach (var bypassCsp in new[] { false, true })
        {
            await VisitAllAsync(number, recordId, bypassCsp);
        }
        Console.WriteLine($"xss: {Payloads.Length} payloads in title, summary, body, keywords, a file name and a publication period's basis; " +
                          "7 public and console pages, CSP on and bypassed; 0 executed (the positive control, which must execute, is its own test)");
    }

    [Fact]
    public async Task The_harness_detects_a_payload_that_runs()
    {
        // The positive control: the same detection on a page that does run the payload.
        var page = await browser.NewPageAsync(bypassCsp: true);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await page.GotoAsync("/");
        await page.SetContentAsync("<html><body>" + Payloads[1] + "<img src=x onerror=\"window.__xss=1;alert('img')\"></body></html>");
        await page.WaitForFunctionAsync("() => window.__xss === 1");
        Assert.Equal(1, await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.NotEmpty(dialogs);
        await page.Context.CloseAsync();
    }

    private async Task VisitAllAsync(IndexNumber number, long recordId, bool bypassCsp)
    {
        var page = await browser.NewPageAsync(bypassCsp: bypassCsp);
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
                if (page.Url != browser.BaseAddress + url.TrimStart('/'))
                {
                    await page.GotoAsync(url);
                }
            }
            Assert.True(dialogs.Count == 0, $"{url} (CSP {(bypassCsp ? "bypassed" : "on")}): {string.Join(", ", dialogs)}");
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
        await Assertions.Expect(page.Locator("#period-basis")).ToHaveValueAsync(Payloads[0]);
        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hostile_payloads_in_every_field_of_a_request_render_inert_in_the_console_and_its_letters()
    {
        // Each field within its length limit (probe finding F13): the payloads are spread over as many
        // requests as it takes, the short ones also in the name and the address.
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var payload in Payloads)
        {
            if (current.Length + payload.Length + 1 > 2000)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }
            current.Append(payload).Append(' ');
        }
        chunks.Add(current.ToString());
        var cases = await browser.App.ScopedAsync(async s =>
        {
            var handler = await TestUsers.CreateAsync(s, "xss-request-handler", Role.RequestHandler, TestUsers.Lg);
            var requests = s.GetRequiredService<Application.Requests.RequestService>();
            var site = await TestUsers.SiteAsync(s, "lg");
            var made = new List<long>();
            string? feeQueryCode = null;
            for (var i = 0; i < chunks.Count; i++)
            {
                var shortOne = Payloads.Where(p => p.Length <= 90).ElementAt(i % Payloads.Count(p => p.Length <= 90));
                var registered = await requests.RegisterAsync(handler, site, new Application.Requests.ApplicationForm
                {
                    Kind = Core.Requests.ApplicantKind.NaturalPerson, Name = shortOne, IdType = "护照", IdNumber = "E" + i,
                    Phone = $"1350000{i:D4}", Address = shortOne, Description = chunks[i], Note = chunks[i][..Math.Min(chunks[i].Length, 1000)],
                    FormWanted = "电子邮件", DeliveryMethod = "电子邮件",
                }, Core.Requests.RequestChannel.InPerson, browser.App.Today);
                made.Add(registered.Id);
                feeQueryCode ??= i == 1 ? registered.QueryCode : null;
            }
            // The handler's own fields: the answer text and, for 不属于本机关, the responsible agency and its contact.
            var shortOnes = Payloads.Where(p => p.Length <= 90).ToList();
            await requests.AnswerAsync(handler, made[0], Core.Requests.RequestOutcome.UnavailableNotHeld, Core.Requests.ReplyType.NotThisOffice,
                string.Join(" ", shortOnes.Take(20)), shortOnes[0], shortOnes[1]);
            // The fee notice's 缴纳方式, shown on the case page, in the letter and on the applicant's tracking page.
            await requests.NoticeFeeAsync(handler, made[1], Core.Requests.FeeMode.PerPage, 200,
                string.Join(" ", shortOnes.Skip(20).TakeWhile((_, k) => string.Join(" ", shortOnes.Skip(20).Take(k + 1)).Length <= 500)), null);
            return (made, feeQueryCode!);
        });
        var (ids, trackingCode) = cases;
        foreach (var bypassCsp in new[] { false, true })
        {
            var watched = await WatchedPage.OpenAsync(browser, bypassCsp);
            var page = watched.Page;
            await watched.SignInAsync("xss-request-handler");
            foreach (var url in ids.SelectMany(id => new[] { $"/admin/requests/{id}", $"/admin/requests/{id}/letters/Acknowledgement" })
                         .Prepend($"/admin/requests/{ids[0]}/letters/Answer").Prepend($"/admin/requests/{ids[1]}/letters/FeeNotice")
                         .Prepend("/admin/requests").Prepend("/admin/requests/dashboard"))
            {
                await watched.VisitAsync(url);
            }
            // The applicant's tracking page, reached through its form.
            await page.GotoAsync("/lg/ysqgk/track");
            await page.FillAsync("#code", trackingCode);
            await page.FillAsync("#phone", "0001");
            await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".track-fee-method")).ToContainTextAsync("缴纳方式：<");
            await watched.CheckAsync("/lg/ysqgk/track (answered)");
            // Shown as the text it is.
            await page.GotoAsync($"/admin/requests/{ids[0]}");
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("<script>");
            await page.Context.CloseAsync();
        }
        Console.WriteLine($"xss: {Payloads.Length} payloads in the name, address, description and note of {ids.Count} requests, 20 in an answer, 2 in its responsible agency and those that fit in a fee notice's 缴纳方式; " +
                          "the console's list, dashboard, case pages and letters and the tracking page, CSP on and bypassed; 0 executed");
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

        var watched = await WatchedPage.OpenAsync(browser, bypassCsp: false);
        await watched.SignInAsync("xss-body-handler");
        await watched.VisitAsync($"/admin/requests/{caseId}/letters/Answer");
        // Shown as the text it is, in the remedies paragraph.
        await Assertions.Expect(watched.Page.Locator("body")).ToContainTextAsync("先向<img src=x onerror=");
        await watched.SignInAsync("xss-body-admin");
        await watched.VisitAsync("/admin/organizations");
        await watched.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Hostile_payloads_in_organization_and_site_names_vocabulary_labels_and_letter_templates_render_inert()
    {
        // Every payload that fits the field (names and labels keep 100 characters, a full name 200),
        // each in an organization, a site and a genre of its own; one theme; the letter templates.
        var fitting = Payloads.Where(p => p.Length <= Term.LabelMaxLength - 2).ToList();
        var made = await browser.App.ScopedAsync(async s =>
        {
            var admin = await TestUsers.CreateAsync(s, "xss-site-admin", Role.Administrator, null);
            var administration = s.GetRequiredService<Application.Admin.SiteGroupAdministration>();
            var organizations = new List<(int Id, string Code)>();
            for (var i = 0; i < fitting.Count; i++)
            {
                var body = "0160" + (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var code = body + OrganizationCode.Gb11714CheckCharacter(body);
                var id = await administration.CreateOrganizationAsync(admin, "机构" + fitting[i], fitting[i], code, null);
                organizations.Add((id, code));
                await administration.CreateSiteAsync(admin, $"xss{i}", fitting[i], id, null, null);
                await administration.AddTermAsync(admin, Vocabulary.Genre, "体" + fitting[i], null);
            }
            var primary = await administration.AddTermAsync(admin, Vocabulary.Theme, "主" + fitting[0], null);
            var secondary = await administration.AddTermAsync(admin, Vocabulary.Theme, "次" + fitting[1], primary);
            var letters = s.GetRequiredService<Application.Requests.RequestLetters>();
            await letters.SaveTemplateAsync(admin, Core.Requests.LetterKind.Acknowledgement,
                Core.Requests.Letters.DefaultBody(Core.Requests.LetterKind.Acknowledgement) + "\n" + string.Join("\n", Payloads));

            // A record of the first hostile organization in its site, of a hostile genre and theme.
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            var content = RecordContents.Valid(terms, "管理字段跨站测试", browser.App.Today.AddDays(-1)) with
            {
                GenreId = terms.ByLabel(Vocabulary.Genre, "体" + fitting[0])!.Id,
                ThemeId = secondary,
            };
            var published = await TestRecords.PublishAsync(s, content, siteSlug: "xss0", prefix: organizations[0].Code);
            await s.GetRequiredService<IndexUpdater>().CatchUpAsync();
            // An editor and a request handler of that organization, and a request to its site.
            await TestUsers.CreateAsync(s, "xss-site-editor", Role.Editor, organizations[0].Code);
            var handler = await TestUsers.CreateAsync(s, "xss-site-handler", Role.RequestHandler, organizations[0].Code);
            var request = await s.GetRequiredService<Application.Requests.RequestService>().RegisterAsync(handler, await TestUsers.SiteAsync(s, "xss0"),
                new Application.Requests.ApplicationForm
                {
                    Kind = Core.Requests.ApplicantKind.NaturalPerson, Name = "管理字段测试申请人", IdType = "护照", IdNumber = "E2", Phone = "13500008888",
                    Description = "某通知", FormWanted = "电子邮件", DeliveryMethod = "电子邮件",
                }, Core.Requests.RequestChannel.InPerson, browser.App.Today);
            return (Record: published.Number(), Organization: organizations[0].Id, Request: request.Id);
        });

        foreach (var bypassCsp in new[] { false, true })
        {
            var watched = await WatchedPage.OpenAsync(browser, bypassCsp);
            var page = watched.Page;
            Task VisitAsync(string url) => watched.VisitAsync(url);
            Task SignInAsync(string user) => watched.SignInAsync(user);

            // The portal: the site group's home lists every site; the hostile site's pages and record.
            await VisitAsync("/");
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync(fitting[0]); // shown as the text it is
            await VisitAsync("/xss0/");
            await VisitAsync("/xss0/xxgk/");
            await VisitAsync("/xss0/xxgk/ml");
            await VisitAsync(RecordUrls.Record(made.Record));
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("体" + fitting[0]);
            await VisitAsync("/search?q=" + Uri.EscapeDataString("管理字段跨站测试"));
            await VisitAsync("/statistics");

            // The console: the administrator's lists and forms, an editor's form, a handler's case and letter.
            await SignInAsync("xss-site-admin");
            foreach (var url in new[] { "/admin/organizations", "/admin/vocabularies", "/admin/users", "/admin/letters", "/admin/holidays",
                         $"/admin/reports?org={made.Organization}&year=2025", $"/admin/statistics?org={made.Organization}&year=2025", "/admin" })
            {
                await VisitAsync(url);
            }
            await SignInAsync("xss-site-editor");
            await VisitAsync("/admin/records/new");
            await SignInAsync("xss-site-handler");
            await VisitAsync($"/admin/requests/{made.Request}");
            await VisitAsync($"/admin/requests/{made.Request}/letters/Acknowledgement");
            await VisitAsync("/admin/requests/dashboard");
            await page.Context.CloseAsync();
        }
        Console.WriteLine($"xss: {fitting.Count} payloads in organization names, site names and genre labels, 2 in theme labels, {Payloads.Length} in a letter template; " +
                          "the portal's home, site pages, record page, search and statistics and 13 console pages, CSP on and bypassed; 0 executed");
        Assert.True(fitting.Count >= 100, $"{fitting.Count} payloads fit a name");
    }

    /// <summary>Every payload, joined by newlines into pieces of at most <paramref name="max"/> characters.</summary>
    private static List<string> Chunks(int max)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var payload in Payloads)
        {
            if (current.Length > 0 && current.Length + payload.Length + 1 > max)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }
            current.Append(current.Length == 0 ? "" : "\n").Append(payload);
        }
        chunks.Add(current.ToString());
        return chunks;
    }

    [Fact]
    public async Task Hostile_payloads_in_report_texts_reasons_comments_change_notes_token_and_display_names_and_holiday_sources_render_inert()
    {
        var everything = string.Join("\n", Payloads);
        var made = await browser.App.ScopedAsync(async s =>
        {
            var admin = await TestUsers.CreateAsync(s, "xss-text-admin", Role.Administrator, null);
            var (editor, reviewer) = await TestRecords.DeskAsync(s);
            var workflow = s.GetRequiredService<RecordWorkflow>();
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            var gxq = await TestUsers.OrganizationAsync(s, TestUsers.Gxq);

            // The annual report's three texts, published as a record.
            var reports = s.GetRequiredService<Application.Reports.AnnualReports>();
            await reports.SaveAsync(reviewer, gxq, 2019, new Application.Reports.AnnualReportInput(
                new Core.Reports.EnteredFigures(0, 0, 0, 0m), Core.Reports.ReviewAndLitigationTable.Empty, everything, everything, everything));
            var report = await reports.PublishAsync(reviewer, gxq, 2019);

            // Change notes (shown in the public version history): one record revised once per piece.
            var revised = await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "修改说明跨站测试", browser.App.Today.AddDays(-1)));
            foreach (var note in Chunks(Core.Editorial.Revision.ChangeNoteMaxLength))
            {
                await workflow.UpdateAsync(editor, revised.RecordId, RecordContents.Valid(terms, "修改说明跨站测试", browser.App.Today.AddDays(-1)), note);
                await workflow.SubmitAsync(editor, revised.RecordId);
                await workflow.ApproveAsync(reviewer, revised.RecordId, secrecyConfirmed: true, publishAtUtc: null);
            }

            // Withdrawal reasons (the public 410 notice) and return comments (the console).
            var withdrawn = new List<(long Id, IndexNumber Number)>();
            foreach (var reason in Chunks(Core.Catalog.Record.WithdrawalReasonMaxLength))
            {
                var published = await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "撤回理由跨站测试", browser.App.Today.AddDays(-1)));
                await workflow.WithdrawAsync(reviewer, published.RecordId, reason);
                withdrawn.Add((published.RecordId, published.Number()));
            }
            var returned = new List<long>();
            foreach (var comment in Chunks(Core.Editorial.Revision.ReviewCommentMaxLength))
            {
                var id = await TestRecords.DraftAsync(s, RecordContents.Valid(terms, "退回意见跨站测试", browser.App.Today.AddDays(-1)));
                await workflow.SubmitAsync(editor, id);
                await workflow.ReturnAsync(reviewer, id, comment);
                returned.Add(id);
            }

            // A person's API tokens, the people's display names, and holiday notices' sources.
            var owner = await TestUsers.CreateAsync(s, "xss-token-owner", Role.Editor, TestUsers.Gxq);
            var tokens = s.GetRequiredService<Application.Accounts.ApiTokens>();
            var users = s.GetRequiredService<Application.Accounts.UserAdministration>();
            var i = 0;
            foreach (var payload in Payloads.Where(p => p.Length <= Application.Accounts.UserAdministration.MaxDisplayNameLength))
            {
                await tokens.IssueAsync(owner, payload);
                await users.CreateAsync(admin, $"xss-person-{i++}", payload, null, "Kuazhan-Ceshi-Mima-2026");
            }
            var holidays = s.GetRequiredService<Application.Setup.HolidayAdministration>();
            var year = 2040;
            foreach (var source in Chunks(300))
            {
                var day = new DateOnly(year, 1, 1);
                while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    day = day.AddDays(1); // a day off must be a working day
                }
                await holidays.ImportAsync(admin, System.Text.Json.JsonSerializer.Serialize(new
                {
                    year, source, days = new[] { new { date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), name = "元旦", off = true } },
                }));
                year++;
            }
            await s.GetRequiredService<IndexUpdater>().CatchUpAsync();
            return (Report: report.RecordUrl!, Revised: revised.Number(), Withdrawn: withdrawn, Returned: returned, Gxq: gxq, People: i);
        });

        foreach (var bypassCsp in new[] { false, true })
        {
            var watched = await WatchedPage.OpenAsync(browser, bypassCsp);
            var page = watched.Page;
            Task VisitAsync(string url) => watched.VisitAsync(url);
            Task SignInAsync(string user) => watched.SignInAsync(user);

            await VisitAsync(made.Report);
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("<script>"); // the report's texts, as the text they are
            await VisitAsync(RecordUrls.Record(made.Revised));
            foreach (var (_, number) in made.Withdrawn)
            {
                await VisitAsync(RecordUrls.Record(number));
            }
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("撤回理由：");

            await SignInAsync("xss-text-admin");
            foreach (var url in new[] { "/admin/users", "/admin/holidays", $"/admin/reports?org={made.Gxq}&year=2019" })
            {
                await VisitAsync(url);
            }
            await SignInAsync("desk-reviewer-" + TestUsers.Gxq);
            foreach (var id in made.Returned.Concat(made.Withdrawn.Select(w => w.Id)))
            {
                await VisitAsync($"/admin/records/{id}");
            }
            await VisitAsync("/admin");
            await SignInAsync("xss-token-owner");
            await VisitAsync("/admin/tokens");
            await page.Context.CloseAsync();
        }
        Console.WriteLine($"xss: {Payloads.Length} payloads in an annual report's three texts, change notes, withdrawal reasons ({made.Withdrawn.Count} records), " +
                          $"return comments ({made.Returned.Count} drafts), holiday notice sources; {made.People} in API token names and people's display names; " +
                          "public and console pages, CSP on and bypassed; 0 executed");
    }

    [Fact]
    public async Task Hostile_payloads_typed_into_the_public_search_box_are_shown_as_text_and_never_run()
    {
        // What a visitor types is reflected on the results page (the box, the "no results for" line):
        // every payload, as the query of /search and of the API's search, CSP on and bypassed.
        foreach (var bypassCsp in new[] { false, true })
        {
            var watched = await WatchedPage.OpenAsync(browser, bypassCsp);
            foreach (var payload in Payloads)
            {
                await watched.VisitAsync("/search?q=" + Uri.EscapeDataString(payload));
            }
            await Assertions.Expect(watched.Page.Locator("#search-q")).ToHaveValueAsync(Payloads[^1]); // the query, kept as the text it is
            await watched.Page.Context.CloseAsync();
        }
        Console.WriteLine($"xss: {Payloads.Length} payloads typed into the public search box, CSP on and bypassed; 0 executed");
    }

    /// <summary>A page whose dialogs are recorded: each visit asserts that none opened and no payload ran.</summary>
    private sealed class WatchedPage
    {
        private readonly bool _bypassCsp;
        private readonly List<string> _dialogs = [];

        private WatchedPage(IPage page, bool bypassCsp)
        {
            Page = page;
            _bypassCsp = bypassCsp;
            page.Dialog += async (_, dialog) =>
            {
                _dialogs.Add(dialog.Message);
                await dialog.DismissAsync();
            };
        }

        public IPage Page { get; }

        public static async Task<WatchedPage> OpenAsync(BrowserFixture browser, bool bypassCsp) =>
            new(await browser.NewPageAsync(bypassCsp: bypassCsp), bypassCsp);

        public async Task VisitAsync(string url)
        {
            await Page.GotoAsync(url);
            await CheckAsync(url);
        }

        /// <summary>Asserts that, on the page as it stands, no dialog opened and no payload ran.</summary>
        public async Task CheckAsync(string what)
        {
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.True(_dialogs.Count == 0, $"{what} (CSP {(_bypassCsp ? "bypassed" : "on")}): {string.Join(", ", _dialogs)}");
            Assert.Null(await Page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        }

        /// <summary>Signs in afresh as <paramref name="user"/> (the cookies of the last person cleared).</summary>
        public async Task SignInAsync(string user)
        {
            await Page.Context.ClearCookiesAsync();
            await Page.GotoAsync("/admin/login");
            await Page.GetByLabel("用户名").FillAsync(user);
            await Page.GetByLabel("密码").FillAsync(TestUsers.Password);
            await Page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
    }
}

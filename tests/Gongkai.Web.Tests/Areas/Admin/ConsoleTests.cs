using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gongkai.Application.Accounts;
using Gongkai.Application.Editorial;
using Gongkai.Core.Editorial;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests.Areas.Admin;

public sealed partial class ConsoleTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task A_form_post_without_an_antiforgery_token_is_refused()
    {
        var client = await fixture.ClientAsync("gxq-editor");
        var id = await fixture.RecordInAsync("editing");
        using var response = await client.PostAsync(new Uri($"/admin/records/{id}?handler=Submit", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var login = await fixture.NewClient().PostAsync(new Uri("/admin/login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "gxq-editor", ["password"] = TestUsers.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        // And the submission did not happen.
        using var state = await client.GetAsync(new Uri($"/admin/records/{id}", UriKind.Relative));
        Assert.Contains("data-state=\"Editing\"", await state.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        await fixture.App.ScopedAsync(s => TestUsers.CreateAsync(s, "lockout-victim", Role.Editor));
        var client = fixture.NewClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await ConsoleFixture.LoginAsync(client, "lockout-victim", "wrong-password-1");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("用户名或密码不正确", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var right = await ConsoleFixture.LoginAsync(client, "lockout-victim", TestUsers.Password);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode); // locked: refused, and said as any failure is
        Assert.Contains("账号会被锁定15分钟", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var locked = await fixture.App.ScopedAsync(async s =>
        {
            var users = s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Accounts.GongkaiUser>>();
            return await users.IsLockedOutAsync((await users.FindByNameAsync("lockout-victim"))!);
        });
        Assert.True(locked);

        // Only an administrator lifts the lock (or the server's command line: gongkai users unlock).
        using (var editorTry = await fixture.PostFormAsync("gxq-editor", "/admin/users?handler=Unlock", new() { ["userName"] = "lockout-victim" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, editorTry.StatusCode);
        }
        using (var unlocked = await fixture.PostFormAsync("admin", "/admin/users?handler=Unlock", new() { ["userName"] = "lockout-victim" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        }
        using var again = await ConsoleFixture.LoginAsync(fixture.NewClient(), "lockout-victim", TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Signing_out_from_the_header_ends_the_session()
    {
        var client = fixture.NewClient();
        (await ConsoleFixture.LoginAsync(client, "lg-editor", TestUsers.Password)).Dispose();
        var page = await client.GetStringAsync(new Uri("/admin", UriKind.Relative));
        var form = Regex.Match(page, "<form method=\"post\" class=\"console-user\" action=\"/admin/logout\">[\\s\\S]*?</form>").Value;
        var token = ConsoleClients.TokenIn(form);
        Assert.False(string.IsNullOrEmpty(token));
        using var signedOut = await client.PostAsync(new Uri("/admin/logout", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var after = await client.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/admin/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_copied_before_signing_out_no_longer_works_afterwards()
    {
        // Probe finding F10: the session must end on the server, not only in the browser.
        await fixture.App.ScopedAsync(s => TestUsers.CreateAsync(s, "cookie-thief-victim", Role.Editor));
        var client = fixture.NewClient();
        using var login = await ConsoleFixture.LoginAsync(client, "cookie-thief-victim", TestUsers.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("gongkai.console=", StringComparison.Ordinal));
        using var thief = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost"),
        });
        async Task<HttpStatusCode> WithCopyAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin", UriKind.Relative));
            request.Headers.Add("Cookie", cookie);
            using var response = await thief.SendAsync(request);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await WithCopyAsync());

        var token = await ConsoleFixture.TokenAsync(client, "/admin");
        using var signedOut = await client.PostAsync(new Uri("/admin/logout", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token! }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await WithCopyAsync());
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        // Probe finding F11: status and message must not tell whether an account exists.
        static string Message(string html) => Regex.Match(html, "用户名或密码不正确[^<]*").Value;
        using var unknown = await ConsoleFixture.LoginAsync(fixture.NewClient(), "nobody-here", "whatever-123");
        using var wrong = await ConsoleFixture.LoginAsync(fixture.NewClient(), "gxq-handler", "whatever-123");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        var message = Message(await unknown.Content.ReadAsStringAsync());
        Assert.NotEmpty(message);
        Assert.Equal(Message(await wrong.Content.ReadAsStringAsync()), message);
    }

    [Fact]
    public async Task The_console_cookie_is_http_only_same_site_and_secure()
    {
        using var response = await ConsoleFixture.LoginAsync(fixture.NewClient(), "gxq-reviewer", TestUsers.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gongkai.console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_revoked_api_token_stops_working_at_once()
    {
        var actor = fixture.Actors["gxq-editor"];
        var issued = await fixture.App.ScopedAsync(s => s.GetRequiredService<ApiTokens>().IssueAsync(actor, "待撤销"));
        var id = await fixture.RecordInAsync("editing");
        using var client = fixture.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        using (var ok = await client.GetAsync(new Uri($"/api/v1/editorial/records/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        await fixture.App.ScopedAsync(async s =>
        {
            await s.GetRequiredService<ApiTokens>().RevokeAsync(actor, issued.Id);
            return 0;
        });
        using var refused = await client.GetAsync(new Uri($"/api/v1/editorial/records/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("API 令牌", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_to_the_editorial_api_gets_a_chinese_problem_not_a_500()
    {
        using var client = fixture.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens["gxq-editor"]);
        using var response = await client.PostAsJsonAsync("/api/v1/editorial/records", new
        {
            site = "gxq",
            record = new { title = "文号错误", generatedOn = "2026-11-01", genre = "通知", themePrimary = "不存在的主题", summary = "x" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("不存在的主题", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var id = await fixture.RecordInAsync("submitted");
        using var conflict = await client.PostAsJsonAsync($"/api/v1/editorial/records/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    /// <summary>A client with 高新区's editor's API token, and a second-level theme with its parent, as a record names them.</summary>
    private async Task<(HttpClient Client, (string Primary, string Secondary) Theme)> EditorialApiAsync()
    {
        var client = fixture.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens["gxq-editor"]);
        var theme = await fixture.App.ScopedAsync(async s =>
        {
            var terms = await s.GetRequiredService<Application.Catalog.TermDirectory>().GetAsync();
            var secondary = terms.Of(Core.Catalog.Vocabulary.Theme).First(t => t.ParentId is not null);
            return (Primary: terms.Label(secondary.ParentId!.Value), Secondary: secondary.Label);
        });
        return (client, theme);
    }

    [Fact]
    public async Task The_editorial_api_takes_the_document_kind_for_the_annual_reports_table_two()
    {
        var (client, theme) = await EditorialApiAsync();
        using var _ = client;
        object Record(string kind) => new
        {
            site = "gxq",
            record = new { title = "关于规范行政执法的规定", generatedOn = "2026-11-01", genre = "通知", themePrimary = theme.Primary, themeSecondary = theme.Secondary, summary = "概述", documentKind = kind },
        };
        using var created = await client.PostAsJsonAsync("/api/v1/editorial/records", Record("行政规范性文件"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var kind = await fixture.App.ScopedAsync(s => s.GetRequiredService<Data.GongkaiDbContext>().Records.Where(r => r.Id == id).Select(r => r.DocumentKind).SingleAsync());
        Assert.Equal(Core.Catalog.DocumentKind.NormativeDocument, kind);
        using var refused = await client.PostAsJsonAsync("/api/v1/editorial/records", Record("条例"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("文件类别“条例”不在列表中", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>条例 Art. 26: the period another law sets goes in through the editorial API, shows in the console's form, and is refused without its basis.</summary>
    [Fact]
    public async Task Another_laws_publication_period_goes_through_the_editorial_api_into_the_form()
    {
        var (client, theme) = await EditorialApiAsync();
        using var _ = client;
        object Record(int? days, string? basis) => new
        {
            site = "gxq",
            record = new
            {
                title = "企业年度报告公示", generatedOn = "2026-11-01", genre = "公告", themePrimary = theme.Primary, themeSecondary = theme.Secondary, summary = "概述",
                publicationPeriodDays = days, publicationPeriodUnit = "工作日", publicationPeriodBasis = basis,
            },
        };
        using var created = await client.PostAsJsonAsync("/api/v1/editorial/records", Record(7, "《企业信息公示暂行条例》第六条"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        var period = await fixture.App.ScopedAsync(s => s.GetRequiredService<Data.GongkaiDbContext>().Records.Where(r => r.Id == id)
            .Select(r => new { r.PublicationPeriodDays, r.PublicationPeriodInWorkingDays, r.PublicationPeriodBasis }).SingleAsync());
        Assert.Equal((7, true, "《企业信息公示暂行条例》第六条"), (period.PublicationPeriodDays!.Value, period.PublicationPeriodInWorkingDays!.Value, period.PublicationPeriodBasis));

        var editor = await fixture.ClientAsync("gxq-editor");
        var form = await editor.GetStringAsync(new Uri($"/admin/records/{id}/edit", UriKind.Relative));
        Assert.Contains("name=\"Form.PublicationPeriodDays\" value=\"7\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"《企业信息公示暂行条例》第六条\"", WebUtility.HtmlDecode(form), StringComparison.Ordinal);

        using var refused = await client.PostAsJsonAsync("/api/v1/editorial/records", Record(null, "《企业信息公示暂行条例》第六条"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("请填写法律、法规规定的公开期限", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_editorial_operations()
    {
        var json = await fixture.NewClient().GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        foreach (var path in new[] { "/api/v1/editorial/records", "/api/v1/editorial/records/{id}/submit", "/api/v1/editorial/records/{id}/approve",
                     "/api/v1/editorial/records/{id}/return", "/api/v1/editorial/records/{id}/publish", "/api/v1/editorial/records/{id}/withdraw",
                     "/api/v1/editorial/records/{id}/attachments" })
        {
            Assert.Contains($"\"{path}\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_administrator_checks_the_search_index_and_rebuilds_it_from_the_console()
    {
        var admin = await fixture.ClientAsync("admin");
        await Eventually(async () => (await admin.GetStringAsync(new Uri("/admin/search", UriKind.Relative))).Contains("data-in-agreement=\"true\"", StringComparison.Ordinal), "index in agreement");
        using var started = await fixture.PostFormAsync("admin", "/admin/search?handler=Rebuild", []);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        await Eventually(async () => (await admin.GetStringAsync(new Uri("/admin/search", UriKind.Relative))).Contains("上次重建", StringComparison.Ordinal), "rebuild finished");
        var page = await admin.GetStringAsync(new Uri("/admin/search", UriKind.Relative));
        Assert.Contains("data-in-agreement=\"true\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("失败", page, StringComparison.Ordinal);
        // The phases and the segments of the new index, as the CLI prints them.
        Assert.Matches(@"写入 \d+\.\d 秒，合并 \d+\.\d 秒；索引分 [1-4] 段（[\d /]+ 条）。", page);
        using var refused = await fixture.PostFormAsync("gxq-editor", "/admin/search?handler=Rebuild", []);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_record_page_links_policy_and_interpretation_both_ways_and_lists_its_versions()
    {
        var policyId = await fixture.RecordInAsync("published", "政策原文（页面关联测试）");
        var (policy, interpretation) = await fixture.App.ScopedAsync(async s =>
        {
            var db = s.GetRequiredService<Data.GongkaiDbContext>();
            var workflow = s.GetRequiredService<RecordWorkflow>();
            var policyRecord = (await db.Records.FindAsync(policyId))!;
            var content = policyRecord.ToContent() with { Title = "政策解读（页面关联测试）", InterpretsRecordId = policyId };
            var id = (await workflow.CreateAsync(fixture.Actors["gxq-editor"], policyRecord.SiteId, null, content)).RecordId;
            await workflow.SubmitAsync(fixture.Actors["gxq-editor"], id);
            var result = await workflow.ApproveAsync(fixture.Actors["gxq-reviewer"], id, true, null);
            return (policyRecord.IndexNumber!.Value, Core.Catalog.IndexNumber.Parse(result.IndexNumber!));
        });
        var client = fixture.NewClient();
        var policyPage = await client.GetStringAsync(new Uri(Application.Catalog.RecordUrls.Record(policy), UriKind.Relative));
        Assert.Contains($"<a href=\"{Application.Catalog.RecordUrls.Record(interpretation)}\" rel=\"related\">政策解读（页面关联测试）</a>", policyPage, StringComparison.Ordinal);
        Assert.Contains("版本记录", policyPage, StringComparison.Ordinal);
        Assert.Contains("<td>第1版</td>", policyPage, StringComparison.Ordinal);
        var interpretationPage = await client.GetStringAsync(new Uri(Application.Catalog.RecordUrls.Record(interpretation), UriKind.Relative));
        Assert.Contains($"解读的政策：</strong><a href=\"{Application.Catalog.RecordUrls.Record(policy)}\"", interpretationPage, StringComparison.Ordinal);
    }

    /// <summary>The issue's "done when", through the console's own forms.</summary>
    [Fact]
    public async Task An_administrator_sets_up_people_an_editor_imports_word_and_a_reviewer_publishes_it_on_time_then_withdraws_it()
    {
        // The administrator (made from the CLI in the CLI tests; here through the same use case).
        await fixture.App.ScopedAsync(s => s.GetRequiredService<UserAdministration>()
            .AddAdministratorAsync("chief", "站群管理员", TestUsers.Password, evenIfOneExists: true));
        var admin = fixture.NewClient();
        (await ConsoleFixture.LoginAsync(admin, "chief", TestUsers.Password)).Dispose();
        var gxq = await fixture.App.ScopedAsync(s => TestUsers.OrganizationAsync(s, TestUsers.Gxq));
        async Task<HttpResponseMessage> AdminPost(string url, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = (await ConsoleFixture.TokenAsync(admin, "/admin/users"))!;
            return await admin.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));
        }
        foreach (var (user, name) in new[] { ("wang.editor", "王编辑"), ("li.reviewer", "李审核") })
        {
            using var created = await AdminPost("/admin/users?handler=Create", new() { ["userName"] = user, ["displayName"] = name, ["password"] = TestUsers.Password });
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }
        var users = await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        int UserId(string user) => int.Parse(Regex.Match(users, $"data-user=\"{Regex.Escape(user)}\"[\\s\\S]*?name=\"userId\" value=\"(\\d+)\"").Groups[1].Value, CultureInfo.InvariantCulture);
        using (var grant = await AdminPost("/admin/users?handler=Grant", new() { ["userId"] = UserId("wang.editor").ToString(CultureInfo.InvariantCulture), ["role"] = "Editor", ["organizationId"] = gxq.ToString(CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, grant.StatusCode);
        }
        using (var grant = await AdminPost("/admin/users?handler=Grant", new() { ["userId"] = UserId("li.reviewer").ToString(CultureInfo.InvariantCulture), ["role"] = "Reviewer", ["organizationId"] = gxq.ToString(CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, grant.StatusCode);
        }

        // The editor imports the Word file and gets the form filled with suggestions.
        var editor = fixture.NewClient();
        (await ConsoleFixture.LoginAsync(editor, "wang.editor", TestUsers.Password)).Dispose();
        var title = "关于推进科技创新平台建设的实施意见（验收）";
        using var upload = new MultipartFormDataContent
        {
            { new StringContent((await ConsoleFixture.TokenAsync(editor, "/admin/records/new"))!), "__RequestVerificationToken" },
            { new StringContent("gxq"), "Form.Site" },
            { new ByteArrayContent(WordDocuments.OfficialDocument(title: title, date: fixture.App.UtcNow.AddHours(8).AddDays(-2).ToString("yyyy年M月d日", CultureInfo.InvariantCulture))), "file", "实施意见.docx" },
        };
        using var imported = await editor.PostAsync(new Uri("/admin/records/new?handler=Import", UriKind.Relative), upload);
        var form = await imported.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains($"value=\"{title}\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"锡高新发〔2026〕15号\"", form, StringComparison.Ordinal);
        Assert.Contains("&lt;h2&gt;一、总体要求&lt;/h2&gt;", form, StringComparison.Ordinal);

        // It accepts the suggestions (the fields as filled) and saves, then submits.
        string Field(string name) => WebUtility.HtmlDecode(Regex.Match(form, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);
        string Area(string name) => WebUtility.HtmlDecode(Regex.Match(form, $"name=\"{Regex.Escape(name)}\"[^>]*>([\\s\\S]*?)</textarea>").Groups[1].Value);
        string Chosen(string name) => WebUtility.HtmlDecode(Regex.Match(form, $"name=\"{Regex.Escape(name)}\"[\\s\\S]*?<option value=\"([^\"]*)\" selected=\"selected\"").Groups[1].Value);
        var theme = Chosen("Form.Theme");
        Assert.False(string.IsNullOrEmpty(theme), "the theme suggestion is selected");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await ConsoleFixture.TokenAsync(editor, "/admin/records/new"))!,
            ["Form.Site"] = "gxq", ["Form.Title"] = Field("Form.Title"), ["Form.DocumentNumber"] = Field("Form.DocumentNumber"),
            ["Form.GeneratedOn"] = Field("Form.GeneratedOn"), ["Form.Keywords"] = Field("Form.Keywords"), ["Form.Genre"] = "意见",
            ["Form.Theme"] = theme, ["Form.Summary"] = Area("Form.Summary"), ["Form.BodyHtml"] = Area("Form.BodyHtml"),
            ["Form.DisclosureForms"] = "网站", ["Form.Procedure"] = Field("Form.Procedure"),
        };
        using var saved = await editor.PostAsync(new Uri("/admin/records/new", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var recordUrl = saved.Headers.Location!.OriginalString;
        var id = long.Parse(recordUrl.Split('/').Last(), CultureInfo.InvariantCulture);
        async Task<HttpResponseMessage> Post(HttpClient client, string handler, Dictionary<string, string> values)
        {
            values["__RequestVerificationToken"] = (await ConsoleFixture.TokenAsync(client, recordUrl))!;
            return await client.PostAsync(new Uri($"{recordUrl}?handler={handler}", UriKind.Relative), new FormUrlEncodedContent(values));
        }
        using (var submitted = await Post(editor, "Submit", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        // The reviewer approves it for publication a few seconds later (the scheduler runs every second here).
        var reviewer = fixture.NewClient();
        (await ConsoleFixture.LoginAsync(reviewer, "li.reviewer", TestUsers.Password)).Dispose();
        var expectedSerial = await fixture.App.ScopedAsync(async s =>
            (await s.GetRequiredService<Data.GongkaiDbContext>().IndexSerials.FindAsync(TestUsers.Gxq, fixture.App.UtcNow.AddHours(8).Year))?.LastSerial ?? 0) + 1;
        var at = fixture.App.UtcNow.AddHours(8).AddSeconds(3).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        using (var approved = await Post(reviewer, "Approve", new() { ["secrecyConfirmed"] = "true", ["publishAt"] = at }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }
        var pending = await reviewer.GetStringAsync(new Uri(recordUrl, UriKind.Relative));
        Assert.Contains("已审核（定时发布）", pending, StringComparison.Ordinal);

        // On time, with nobody doing anything: on the portal with the next index number, in search, the feed and the sitemap.
        var portal = fixture.NewClient();
        var address = $"/xxgk/{TestUsers.Gxq}/{fixture.App.UtcNow.AddHours(8).Year}-{expectedSerial:00000}";
        await Eventually(async () => (await portal.GetAsync(new Uri(address, UriKind.Relative))).StatusCode == HttpStatusCode.OK, "published on time");
        Assert.Contains(title, await portal.GetStringAsync(new Uri(address, UriKind.Relative)), StringComparison.Ordinal);
        var query = "/api/v1/search?q=" + Uri.EscapeDataString("科技创新平台建设的实施意见（验收）");
        await Eventually(async () => (await portal.GetStringAsync(new Uri(query, UriKind.Relative))).Contains(address, StringComparison.Ordinal), "in search");
        Assert.Contains(address, await portal.GetStringAsync(new Uri("/gxq/xxgk/rss.xml", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains(address, await portal.GetStringAsync(new Uri("/sitemap-1.xml", UriKind.Relative)), StringComparison.Ordinal);

        // Withdrawn: gone from all of them; the address says why.
        using (var withdrawn = await Post(reviewer, "Withdraw", new() { ["reason"] = "验收后撤回" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        }
        using (var gone = await portal.GetAsync(new Uri(address, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Contains("验收后撤回", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await Eventually(async () => !(await portal.GetStringAsync(new Uri(query, UriKind.Relative))).Contains(address, StringComparison.Ordinal), "out of search");
        Assert.DoesNotContain(address, await portal.GetStringAsync(new Uri("/gxq/xxgk/rss.xml", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain(address, await portal.GetStringAsync(new Uri("/sitemap-1.xml", UriKind.Relative)), StringComparison.Ordinal);

        // The record's history is in the console, and the chain is whole.
        var history = await reviewer.GetStringAsync(new Uri(recordUrl, UriKind.Relative));
        foreach (var step in new[] { "新建", "提交审核", "审核通过", "发布", "撤回" })
        {
            Assert.Contains($"<td>{step}</td>", history, StringComparison.Ordinal);
        }
        var verification = await fixture.App.ScopedAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync());
        Assert.True(verification.Intact, verification.Problem);
        Assert.Contains(await fixture.App.ScopedAsync(s => s.GetRequiredService<Data.GongkaiDbContext>().AuditEvents
            .Where(e => e.RecordId == id).Select(e => e.Action).ToListAsync()), a => a == "record.withdraw");
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(200);
        }
        Assert.Fail($"timed out waiting: {what}");
    }
}

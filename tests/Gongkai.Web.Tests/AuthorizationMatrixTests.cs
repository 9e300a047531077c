using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Gongkai.Web.Tests;

/// <summary>
/// Every role × every operation × (own organization, other organization, anonymous), through the
/// console pages and through the API: allowed → success; refused → 403; anonymous → sign-in
/// (pages) or 401 (API).
/// </summary>
public sealed class AuthorizationMatrixTests(ConsoleFixture fixture, ITestOutputHelper output) : IClassFixture<ConsoleFixture>
{
    private sealed record Case(string Name, Operation? Permission, string? State, Func<string?, long, Task<HttpResponseMessage>> Run, HttpStatusCode Success)
    {
        /// <summary>For a case about 临港 rather than 高新区: the people allowed, written out (the table below is about 高新区).</summary>
        public IReadOnlyList<string>? Only { get; init; }
    }

    private Task<int> LgAsync() => fixture.App.ScopedAsync(s => Testing.TestUsers.OrganizationAsync(s, Testing.TestUsers.Lg));

    /// <summary>A person of their own for the user-administration cases, so the matrix's people keep their accounts and roles.</summary>
    private Task<Gongkai.Application.Accounts.Actor> TargetAsync(Role? role = null) =>
        fixture.App.ScopedAsync(s => Testing.TestUsers.CreateAsync(s, $"target-{Guid.NewGuid():N}"[..24], role, Testing.TestUsers.Lg));

    private Task<int> GxqAsync() => fixture.App.ScopedAsync(s => Testing.TestUsers.OrganizationAsync(s, Testing.TestUsers.Gxq));

    private static readonly string?[] Everyone = [.. ConsoleFixture.People, null];

    private async Task<(string Primary, string Secondary)> ThemeAsync() => await fixture.App.ScopedAsync(async s =>
    {
        var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
        var secondary = terms.Of(Vocabulary.Theme).First(t => t.ParentId is not null);
        return (terms.Label(secondary.ParentId!.Value), secondary.Label);
    });

    /// <summary>
    /// The expected answers, written out independently of <see cref="Permissions"/>: every case is
    /// about a 高新区 record, so the 临港 editor and reviewer are "other organization".
    /// </summary>
    private static readonly Dictionary<string, Operation[]> Expected = new()
    {
        ["gxq-editor"] = [Operation.ViewDrafts, Operation.CreateDraft, Operation.EditDraft, Operation.Submit],
        ["gxq-reviewer"] = [Operation.ViewDrafts, Operation.Review, Operation.Publish, Operation.Withdraw, Operation.ReadReports, Operation.PublishReports],
        ["admin"] = [Operation.ManageUsers, Operation.ManageSiteGroup, Operation.ReadReports, Operation.PublishReports],
        ["lg-editor"] = [],
        ["lg-reviewer"] = [],
        ["gxq-handler"] = [Operation.HandleRequests, Operation.ReadReports],
    };

    private static bool Allowed(string? person, Operation? permission) =>
        person is not null && (permission is null || Expected[person].Contains(permission.Value));

    private HttpClient Api(string? person)
    {
        var client = fixture.NewClient();
        if (person is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens[person]);
        }
        return client;
    }

    private async Task<object> RecordJsonAsync(string title)
    {
        var (primary, secondary) = await ThemeAsync();
        return new
        {
            title,
            generatedOn = fixture.App.Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            genre = "通知",
            themePrimary = primary,
            themeSecondary = secondary,
            summary = "矩阵测试的内容概述。",
            bodyHtml = "<p>正文</p>",
        };
    }

    [Fact]
    public async Task An_editor_cannot_publish_into_a_sibling_organizations_site_but_may_into_the_governments()
    {
        // Probe finding F3: {"site":"lg","publisher":"01404053X"} by 高新区's editor was accepted.
        using (var sibling = await Api("gxq-editor").PostAsJsonAsync("/api/v1/editorial/records",
                   new { site = "lg", publisher = Gongkai.Testing.TestUsers.Gxq, record = await RecordJsonAsync("跨单位站点") }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, sibling.StatusCode);
            using var problem = System.Text.Json.JsonDocument.Parse(await sibling.Content.ReadAsStringAsync());
            Assert.Contains("不能发布江阴高新技术开发区管理委员会的信息", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using (var own = await Api("gxq-editor").PostAsJsonAsync("/api/v1/editorial/records", new { site = "lg", record = await RecordJsonAsync("跨单位站点二") }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode); // 临港's own drafts are not 高新区's editor's to make
        }
        using var parent = await Api("gxq-editor").PostAsJsonAsync("/api/v1/editorial/records",
            new { site = "jy", publisher = Gongkai.Testing.TestUsers.Gxq, record = await RecordJsonAsync("上级站点发布") });
        Assert.Equal(HttpStatusCode.Created, parent.StatusCode);
    }

    private List<Case> ApiCases() =>
    [
        new("api create", Operation.CreateDraft, null, async (p, _) =>
            await Api(p).PostAsJsonAsync("/api/v1/editorial/records", new { site = "gxq", record = await RecordJsonAsync("接口新建") }), HttpStatusCode.Created),
        new("api view", Operation.ViewDrafts, "editing", (p, id) => Api(p).GetAsync(new Uri($"/api/v1/editorial/records/{id}", UriKind.Relative)), HttpStatusCode.OK),
        new("api view published", Operation.ViewDrafts, "published", (p, id) => Api(p).GetAsync(new Uri($"/api/v1/editorial/records/{id}", UriKind.Relative)), HttpStatusCode.OK),
        new("api update", Operation.EditDraft, "editing", async (p, id) =>
            await Api(p).PutAsJsonAsync($"/api/v1/editorial/records/{id}", await RecordJsonAsync("接口修改")), HttpStatusCode.OK),
        new("api submit", Operation.Submit, "editing", (p, id) => Api(p).PostAsJsonAsync($"/api/v1/editorial/records/{id}/submit", new { }), HttpStatusCode.OK),
        new("api approve", Operation.Review, "submitted", (p, id) =>
            Api(p).PostAsJsonAsync($"/api/v1/editorial/records/{id}/approve", new { secrecyConfirmed = true }), HttpStatusCode.OK),
        new("api return", Operation.Review, "submitted", (p, id) =>
            Api(p).PostAsJsonAsync($"/api/v1/editorial/records/{id}/return", new { comment = "请修改" }), HttpStatusCode.OK),
        new("api publish", Operation.Publish, "approved", (p, id) => Api(p).PostAsJsonAsync($"/api/v1/editorial/records/{id}/publish", new { }), HttpStatusCode.OK),
        new("api withdraw", Operation.Withdraw, "published", (p, id) =>
            Api(p).PostAsJsonAsync($"/api/v1/editorial/records/{id}/withdraw", new { reason = "测试撤回" }), HttpStatusCode.OK),
        new("api attach", Operation.EditDraft, "editing", (p, id) =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent("%PDF-1.4 test"u8.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "附件.pdf");
            return Api(p).PostAsync(new Uri($"/api/v1/editorial/records/{id}/attachments", UriKind.Relative), form);
        }, HttpStatusCode.Created),
    ];

    private List<Case> PageCases() =>
    [
        new("page list", null, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin", UriKind.Relative)), HttpStatusCode.OK),
        new("page view", Operation.ViewDrafts, "editing", async (p, id) => await (await fixture.ClientAsync(p)).GetAsync(new Uri($"/admin/records/{id}", UriKind.Relative)), HttpStatusCode.OK),
        new("page view published", Operation.ViewDrafts, "published", async (p, id) => await (await fixture.ClientAsync(p)).GetAsync(new Uri($"/admin/records/{id}", UriKind.Relative)), HttpStatusCode.OK),
        new("page edit form", Operation.EditDraft, "editing", async (p, id) => await (await fixture.ClientAsync(p)).GetAsync(new Uri($"/admin/records/{id}/edit", UriKind.Relative)), HttpStatusCode.OK),
        new("page create", Operation.CreateDraft, null, async (p, _) =>
        {
            var (primary, secondary) = await ThemeAsync();
            return await fixture.PostFormAsync(p, "/admin/records/new", new Dictionary<string, string>
            {
                ["Form.Site"] = "gxq", ["Form.Title"] = "页面新建", ["Form.GeneratedOn"] = fixture.App.Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Form.Genre"] = "通知", ["Form.Theme"] = $"{primary}|{secondary}", ["Form.Summary"] = "概述", ["Form.BodyHtml"] = "<p>正文</p>",
                ["Form.DisclosureForms"] = "网站", ["Form.Procedure"] = "部门编制,经办公室审核后公开",
            });
        }, HttpStatusCode.Redirect),
        new("page submit", Operation.Submit, "editing", (p, id) => fixture.PostFormAsync(p, $"/admin/records/{id}?handler=Submit", []), HttpStatusCode.Redirect),
        new("page approve", Operation.Review, "submitted", (p, id) =>
            fixture.PostFormAsync(p, $"/admin/records/{id}?handler=Approve", new() { ["secrecyConfirmed"] = "true" }), HttpStatusCode.Redirect),
        new("page return", Operation.Review, "submitted", (p, id) =>
            fixture.PostFormAsync(p, $"/admin/records/{id}?handler=Return", new() { ["comment"] = "请修改" }), HttpStatusCode.Redirect),
        new("page publish", Operation.Publish, "approved", (p, id) => fixture.PostFormAsync(p, $"/admin/records/{id}?handler=Publish", []), HttpStatusCode.Redirect),
        new("page withdraw", Operation.Withdraw, "published", (p, id) =>
            fixture.PostFormAsync(p, $"/admin/records/{id}?handler=Withdraw", new() { ["reason"] = "测试撤回" }), HttpStatusCode.Redirect),
        new("page search index", Operation.ManageSiteGroup, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/search", UriKind.Relative)), HttpStatusCode.OK),
        new("page organizations", Operation.ManageSiteGroup, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/organizations", UriKind.Relative)), HttpStatusCode.OK),
        new("page vocabularies", Operation.ManageSiteGroup, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/vocabularies", UriKind.Relative)), HttpStatusCode.OK),
        new("page grant role", Operation.ManageUsers, null, async (p, _) =>
        {
            // The grant goes to a person of their own, so the matrix's people keep their roles.
            var target = await fixture.App.ScopedAsync(s => Testing.TestUsers.CreateAsync(s, $"grant-target-{Guid.NewGuid():N}"[..24], null));
            var lg = await fixture.App.ScopedAsync(s => Testing.TestUsers.OrganizationAsync(s, Testing.TestUsers.Lg));
            return await fixture.PostFormAsync(p, "/admin/users?handler=Grant", new()
            {
                ["userId"] = target.PersonId.ToString(CultureInfo.InvariantCulture), ["role"] = "Editor", ["organizationId"] = lg.ToString(CultureInfo.InvariantCulture),
            });
        }, HttpStatusCode.Redirect),
        new("page holidays", Operation.ManageSiteGroup, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/holidays", UriKind.Relative)), HttpStatusCode.OK),
        new("page letter templates", Operation.ManageSiteGroup, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/letters", UriKind.Relative)), HttpStatusCode.OK),
        new("page requests dashboard", Operation.HandleRequests, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/requests/dashboard", UriKind.Relative)), HttpStatusCode.OK),
        new("page requests", Operation.HandleRequests, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/requests", UriKind.Relative)), HttpStatusCode.OK),
        new("page request case", Operation.HandleRequests, null, async (p, _) =>
        {
            var submitted = await fixture.ApplicationAsync(phone: $"1390000{Random.Shared.Next(1000, 9999)}");
            return await (await fixture.ClientAsync(p)).GetAsync(new Uri($"/admin/requests/{submitted.Id}", UriKind.Relative));
        }, HttpStatusCode.OK),
        new("page confirm request", Operation.HandleRequests, null, async (p, _) =>
        {
            var submitted = await fixture.ApplicationAsync(phone: $"1390000{Random.Shared.Next(1000, 9999)}");
            return await fixture.PostFormAsync(p, $"/admin/requests/{submitted.Id}?handler=Confirm", []);
        }, HttpStatusCode.Redirect),
        new("page users", Operation.ManageUsers, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/users", UriKind.Relative)), HttpStatusCode.OK),
        new("page annual report", Operation.ReadReports, null, async (p, _) =>
            await (await fixture.ClientAsync(p)).GetAsync(new Uri($"/admin/reports?org={await GxqAsync()}&year=2025", UriKind.Relative)), HttpStatusCode.OK),
        new("page annual report export", Operation.ReadReports, null, async (p, _) =>
            await (await fixture.ClientAsync(p)).GetAsync(new Uri($"/admin/reports?handler=Xlsx&org={await GxqAsync()}&year=2025", UriKind.Relative)), HttpStatusCode.OK),
        new("page save annual report", Operation.PublishReports, null, async (p, _) =>
            // A year per person, so that one person's save does not make another's stale.
            await fixture.PostFormAsync(p, $"/admin/reports?handler=Save&org={await GxqAsync()}&year={2010 + Array.IndexOf(Everyone, p)}", new() { ["Form.Licensing"] = "3" }),
            HttpStatusCode.Redirect),
        new("page statistics", Operation.ReadReports, null, async (p, _) =>
            await (await fixture.ClientAsync(p)).GetAsync(new Uri($"/admin/statistics?org={await GxqAsync()}&year=2025", UriKind.Relative)), HttpStatusCode.OK),
        new("page annual report export (Word)", Operation.ReadReports, null, async (p, _) =>
            await (await fixture.ClientAsync(p)).GetAsync(new Uri($"/admin/reports?handler=Docx&org={await GxqAsync()}&year=2025", UriKind.Relative)), HttpStatusCode.OK),
        // 临港's reports: its own reviewer and the administrator, not 高新区's people.
        new("page annual report of 临港", Operation.ReadReports, null, async (p, _) =>
            await (await fixture.ClientAsync(p)).GetAsync(new Uri($"/admin/reports?org={await LgAsync()}&year=2025", UriKind.Relative)), HttpStatusCode.OK)
        {
            Only = ["admin", "lg-reviewer"],
        },
        new("page statistics of 临港", Operation.ReadReports, null, async (p, _) =>
            await (await fixture.ClientAsync(p)).GetAsync(new Uri($"/admin/statistics?org={await LgAsync()}&year=2025", UriKind.Relative)), HttpStatusCode.OK)
        {
            Only = ["admin", "lg-reviewer"],
        },
        new("page create user", Operation.ManageUsers, null, (p, _) => fixture.PostFormAsync(p, "/admin/users?handler=Create", new()
        {
            ["userName"] = $"new-{Guid.NewGuid():N}"[..20], ["displayName"] = "新用户", ["password"] = "Xinyonghu-Mima-2026",
        }), HttpStatusCode.Redirect),
        new("page revoke role", Operation.ManageUsers, null, async (p, _) =>
        {
            var target = await TargetAsync(Role.Editor);
            var grant = await fixture.App.ScopedAsync(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                s.GetRequiredService<Gongkai.Data.GongkaiDbContext>().RoleGrants.Where(g => g.UserId == target.PersonId).Select(g => g.Id)));
            return await fixture.PostFormAsync(p, "/admin/users?handler=Revoke", new() { ["grantId"] = grant.ToString(CultureInfo.InvariantCulture) });
        }, HttpStatusCode.Redirect),
        new("page unlock user", Operation.ManageUsers, null, async (p, _) =>
            await fixture.PostFormAsync(p, "/admin/users?handler=Unlock", new() { ["userName"] = (await TargetAsync()).Name }), HttpStatusCode.Redirect),
        new("page data retention", Operation.ManageSiteGroup, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/retention", UriKind.Relative)), HttpStatusCode.OK),
        new("page register a request", Operation.HandleRequests, null, async (p, _) =>
            await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/requests/register", UriKind.Relative)), HttpStatusCode.OK),
        new("page create own API token", null, null, (p, _) => fixture.PostFormAsync(p, "/admin/tokens?handler=Create", new() { ["name"] = "矩阵测试" }),
            HttpStatusCode.OK),
        new("page add vocabulary term", Operation.ManageSiteGroup, null, (p, _) => fixture.PostFormAsync(p, "/admin/vocabularies?handler=Add", new()
        {
            ["list"] = "Genre", ["label"] = $"矩阵体裁{Guid.NewGuid():N}"[..12],
        }), HttpStatusCode.Redirect),
        // An empty body restores the built-in text: allowed or not, nothing of the matrix changes.
        new("page save letter template", Operation.ManageSiteGroup, null, (p, _) =>
            fixture.PostFormAsync(p, "/admin/letters", new() { ["kind"] = "Acknowledgement", ["body"] = "" }), HttpStatusCode.Redirect),
        new("page own API tokens", null, null, async (p, _) => await (await fixture.ClientAsync(p)).GetAsync(new Uri("/admin/tokens", UriKind.Relative)), HttpStatusCode.OK),
        .. AdministrationPostCases(),
        .. RequestPostCases(),
        .. RecordFilePostCases(),
    ];

    /// <summary>The administrator's forms that change the site group, and the report and token forms.</summary>
    private List<Case> AdministrationPostCases() =>
    [
        new("page create organization", Operation.ManageSiteGroup, null, (p, _) =>
        {
            var body = "0140" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
            return fixture.PostFormAsync(p, "/admin/organizations?handler=CreateOrganization", new()
            {
                ["fullName"] = $"矩阵测试机构{body}", ["shortName"] = $"矩阵{body}", ["indexPrefix"] = body + OrganizationCode.Gb11714CheckCharacter(body),
            });
        }, HttpStatusCode.Redirect),
        new("page rename organization", Operation.ManageSiteGroup, null, async (p, _) =>
        {
            // 临港 keeps its names: the form is saved with them as they are.
            var lg = await fixture.App.ScopedAsync(s => s.GetRequiredService<Gongkai.Data.GongkaiDbContext>().Organizations
                .Where(o => o.IndexPrefix == Testing.TestUsers.Lg).Select(o => new { o.Id, o.FullName, o.ShortName }).SingleAsync());
            return await fixture.PostFormAsync(p, "/admin/organizations?handler=RenameOrganization", new()
            {
                ["id"] = lg.Id.ToString(CultureInfo.InvariantCulture), ["fullName"] = lg.FullName, ["shortName"] = lg.ShortName,
            });
        }, HttpStatusCode.Redirect),
        new("page create site", Operation.ManageSiteGroup, null, async (p, _) => await fixture.PostFormAsync(p, "/admin/organizations?handler=CreateSite", new()
        {
            ["name"] = "矩阵测试站点", ["slug"] = "mx" + string.Concat(Enumerable.Range(0, 6).Select(_ => (char)('a' + Random.Shared.Next(26)))),
            ["organizationId"] = (await LgAsync()).ToString(CultureInfo.InvariantCulture),
        }), HttpStatusCode.Redirect),
        new("page rename vocabulary term", Operation.ManageSiteGroup, null, async (p, _) => await fixture.PostFormAsync(p, "/admin/vocabularies?handler=Rename", new()
        {
            ["list"] = "Genre", ["id"] = (await TermAsync()).ToString(CultureInfo.InvariantCulture), ["label"] = $"矩阵改名{Guid.NewGuid():N}"[..12],
        }), HttpStatusCode.Redirect),
        new("page retire vocabulary term", Operation.ManageSiteGroup, null, async (p, _) => await fixture.PostFormAsync(p, "/admin/vocabularies?handler=Active", new()
        {
            ["list"] = "Genre", ["id"] = (await TermAsync()).ToString(CultureInfo.InvariantCulture), ["active"] = "false",
        }), HttpStatusCode.Redirect),
        // A year far from the fixture's dates, so that no deadline of the matrix moves.
        new("page import holidays", Operation.ManageSiteGroup, null, (p, _) => fixture.PostFormAsync(p, "/admin/holidays", new()
        {
            ["json"] = """{"year": 2035, "source": "矩阵测试", "days": [{"date": "2035-01-01", "name": "元旦", "off": true}]}""",
        }), HttpStatusCode.Redirect),
        new("page erase expired personal data", Operation.ManageSiteGroup, null, (p, _) => fixture.PostFormAsync(p, "/admin/retention", []), HttpStatusCode.Redirect),
        new("page rebuild search index", Operation.ManageSiteGroup, null, (p, _) => fixture.PostFormAsync(p, "/admin/search?handler=Rebuild", []), HttpStatusCode.Redirect),
        // A year per person, as for saving (2017 to 2023: ended, and none the other report cases use).
        new("page publish annual report", Operation.PublishReports, null, async (p, _) =>
            await fixture.PostFormAsync(p, $"/admin/reports?handler=Publish&org={await GxqAsync()}&year={2017 + Array.IndexOf(Everyone, p)}", new() { ["Form.Licensing"] = "3" }),
            HttpStatusCode.Redirect),
        new("page submit annual report to the 主管部门", Operation.PublishReports, null, async (p, _) =>
            await fixture.PostFormAsync(p, $"/admin/reports?handler=Submit&org={await GxqAsync()}&year={2008 + Array.IndexOf(Everyone, p)}", new() { ["Form.Licensing"] = "1" }),
            HttpStatusCode.Redirect),
        new("page import annual report", Operation.PublishReports, null, async (p, _) => await fixture.PostFileAsync(p,
            $"/admin/reports?handler=Import&org={await GxqAsync()}&year={2020 + Array.IndexOf(Everyone, p)}", [], "年报.xlsx", await ReportWorkbookAsync()),
            HttpStatusCode.Redirect),
        // Each person revokes a token of their own (anonymous: the administrator's, and is sent to sign in).
        new("page revoke own API token", null, null, async (p, _) =>
        {
            var issued = await fixture.App.ScopedAsync(s => s.GetRequiredService<Gongkai.Application.Accounts.ApiTokens>().IssueAsync(fixture.Actors[p ?? "admin"], "矩阵撤销"));
            return await fixture.PostFormAsync(p, "/admin/tokens?handler=Revoke", new() { ["tokenId"] = issued.Id.ToString(CultureInfo.InvariantCulture) });
        }, HttpStatusCode.Redirect),
    ];

    /// <summary>The moves of a request for disclosure, each on a case of its own that 高新区 has confirmed.</summary>
    private List<Case> RequestPostCases()
    {
        var today = fixture.App.Today;
        string Date(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Case Move(string name, string handler, Dictionary<string, string> fields) => new($"page request {name}", Operation.HandleRequests, null, async (p, _) =>
            await fixture.PostFormAsync(p, $"/admin/requests/{await ConfirmedRequestAsync()}?handler={handler}", new(fields)), HttpStatusCode.Redirect);
        return
        [
            new("page register a request (letter)", Operation.HandleRequests, null, (p, _) => fixture.PostFormAsync(p, "/admin/requests/register", new()
            {
                ["site"] = "gxq", ["channel"] = "RegisteredMail", ["receivedOn"] = Date(-1), ["Form.Kind"] = "NaturalPerson", ["Form.Name"] = "矩阵信函申请人",
                ["Form.IdType"] = "居民身份证", ["Form.IdNumber"] = "32028119900101123X", ["Form.Phone"] = "0510-86001234",
                ["Form.Description"] = "某规划批复", ["Form.FormWanted"] = "纸质", ["Form.DeliveryMethod"] = "邮寄",
            }), HttpStatusCode.OK),
            Move("assign", "Assign", new() { ["department"] = "办公室" }),
            Move("correction notice", "Correction", new() { ["reason"] = "请写明所需信息的名称或文号。", ["dueBy"] = Date(15) }),
            Move("consultation", "Consult", new() { ["whom"] = "第三方：某公司", ["on"] = Date(0) }),
            Move("extension", "Extend", new() { ["days"] = "20", ["approver"] = "办公室主任", ["reason"] = "需要调取档案。" }),
            Move("fee notice", "Fee", new() { ["mode"] = "PerPage", ["pages"] = "50", ["paymentMethod"] = "到政务服务中心窗口缴纳", ["deliveredOn"] = Date(0) }),
            Move("answer", "Answer", new() { ["outcome"] = "Disclosed", ["replyType"] = "Disclosed", ["text"] = "经审查，您申请的信息予以公开，见附件。" }),
            Move("large volume", "LargeVolume", new() { ["due"] = Date(60), ["reason"] = "申请数量明显超过合理范围。" }),
            InState("consultation letter delivered", "Delivered", (r, a, id) => r.StartConsultationAsync(a, id, "征求第三方意见", today), new() { ["on"] = Date(0) }),
            InState("consultation ended", "Consulted", (r, a, id) => r.StartConsultationAsync(a, id, "征求第三方意见", today), new() { ["on"] = Date(0) }),
            InState("correction received", "Corrected", (r, a, id) => r.RequestCorrectionAsync(a, id, "请写明文号。", today.AddDays(15)), new() { ["on"] = Date(0) }),
            // Allowed, and then refused for its timing (409): on a case made today the period to correct or
            // to pay cannot have run out; the others' 403 shows that the role is checked first.
            InState("closed without correction", "Abandon", (r, a, id) => r.RequestCorrectionAsync(a, id, "请写明文号。", today.AddDays(15)), [], HttpStatusCode.Conflict),
            InState("fee notice delivered", "FeeDelivered", Fee, new() { ["on"] = Date(0) }),
            InState("fee paid", "FeePaid", Fee, new() { ["on"] = Date(0) }),
            InState("closed for an unpaid fee", "FeeUnpaid", Fee, [], HttpStatusCode.Conflict),
        ];

        // A case in the state the move needs, reached through the service as 高新区's handler.
        Case InState(string name, string handler, Func<Gongkai.Application.Requests.RequestService, Gongkai.Application.Accounts.Actor, long, Task> prepare,
            Dictionary<string, string> fields, HttpStatusCode success = HttpStatusCode.Redirect) =>
            new($"page request {name}", Operation.HandleRequests, null, async (p, _) =>
            {
                var id = await ConfirmedRequestAsync();
                await fixture.App.ScopedAsync(s => prepare(s.GetRequiredService<Gongkai.Application.Requests.RequestService>(), fixture.Actors["gxq-handler"], id));
                return await fixture.PostFormAsync(p, $"/admin/requests/{id}?handler={handler}", new(fields));
            }, success);

        static Task Fee(Gongkai.Application.Requests.RequestService r, Gongkai.Application.Accounts.Actor a, long id) =>
            r.NoticeFeeAsync(a, id, Core.Requests.FeeMode.PerPage, 50, "到政务服务中心窗口缴纳", null);
    }

    /// <summary>The console's attach, detach and Word-import forms.</summary>
    private List<Case> RecordFilePostCases() =>
    [
        new("page attach a file", Operation.EditDraft, "editing", (p, id) =>
            fixture.PostFileAsync(p, $"/admin/records/{id}?handler=Attach", [], "附件.pdf", "%PDF-1.4 matrix"u8.ToArray()), HttpStatusCode.Redirect),
        new("page remove a file", Operation.EditDraft, "editing", async (p, id) =>
        {
            var attachment = await fixture.App.ScopedAsync(async s =>
            {
                await using var content = new MemoryStream("%PDF-1.4 matrix"u8.ToArray());
                return await s.GetRequiredService<Gongkai.Application.Editorial.RecordWorkflow>().AttachAsync(fixture.Actors["gxq-editor"], id, "待删除.pdf", content);
            });
            return await fixture.PostFormAsync(p, $"/admin/records/{id}?handler=Detach", new() { ["attachmentId"] = attachment.ToString(CultureInfo.InvariantCulture) });
        }, HttpStatusCode.Redirect),
        new("page import a Word file", Operation.CreateDraft, null, (p, _) => fixture.PostFileAsync(p, "/admin/records/new?handler=Import", new() { ["Form.Site"] = "gxq" },
            "通知.docx", Testing.WordDocuments.OfficialDocument(title: "关于矩阵测试的通知")), HttpStatusCode.OK)
        {
            // Nothing is saved by an import: every editor may use it, of whichever organization (and no one else).
            Only = ["gxq-editor", "lg-editor"],
        },
    ];

    /// <summary>A genre of its own for a vocabulary case, added by the administrator.</summary>
    private async Task<int> TermAsync()
    {
        var label = $"矩阵体裁{Guid.NewGuid():N}"[..12];
        (await fixture.PostFormAsync("admin", "/admin/vocabularies?handler=Add", new() { ["list"] = "Genre", ["label"] = label })).Dispose();
        return await fixture.App.ScopedAsync(s => s.GetRequiredService<Gongkai.Data.GongkaiDbContext>().Terms
            .Where(t => t.Vocabulary == Vocabulary.Genre && t.Label == label).Select(t => t.Id).SingleAsync());
    }

    private byte[]? _workbook;

    /// <summary>高新区's 2025 report as exported (the file the import form takes back).</summary>
    private async Task<byte[]> ReportWorkbookAsync() => _workbook ??=
        await (await fixture.ClientAsync("admin")).GetByteArrayAsync(new Uri($"/admin/reports?handler=Xlsx&org={await GxqAsync()}&year=2025", UriKind.Relative));

    /// <summary>An online request to 高新区, confirmed (受理) by its handler: the state every move of a case starts from.</summary>
    private async Task<long> ConfirmedRequestAsync()
    {
        var submitted = await fixture.ApplicationAsync(phone: $"1370000{Random.Shared.Next(1000, 9999)}");
        await fixture.App.ScopedAsync(s => s.GetRequiredService<Gongkai.Application.Requests.RequestService>()
            .ConfirmAsync(fixture.Actors["gxq-handler"], submitted.Id, fixture.App.Today));
        return submitted.Id;
    }

    [Fact]
    public async Task Every_role_gets_exactly_the_operations_its_role_allows_for_its_own_organization()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var (kind, cases) in new[] { ("api", ApiCases()), ("page", PageCases()) })
        {
            foreach (var c in cases)
            {
                foreach (var person in Everyone)
                {
                    var id = c.State is null ? 0 : await fixture.RecordInAsync(c.State);
                    using var response = await c.Run(person, id);
                    count++;
                    var allowed = c.Only is { } only ? person is not null && only.Contains(person) : Allowed(person, c.Permission);
                    var expected = allowed ? c.Success
                        : person is null ? (kind == "api" ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect)
                        : HttpStatusCode.Forbidden;
                    var ok = response.StatusCode == expected
                             && (allowed || person is not null || kind == "api" || response.Headers.Location?.OriginalString.Contains("/admin/login", StringComparison.Ordinal) == true);
                    if (!ok)
                    {
                        failures.Add($"{c.Name} as {person ?? "anonymous"}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"[..Math.Min(400, 60 + c.Name.Length + 300)]);
                    }
                }
            }
        }
        output.WriteLine($"authorization matrix: {count} cases ({ConsoleFixture.People.Length + 1} people × {ApiCases().Count} API operations and {PageCases().Count} console operations)");
        Console.WriteLine($"authorization matrix: {count} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Everyone.Length * (ApiCases().Count + PageCases().Count), count);
    }
}

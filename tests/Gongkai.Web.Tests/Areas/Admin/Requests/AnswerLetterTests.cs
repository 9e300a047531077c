using System.Net;
using Gongkai.Application.Accounts;
using Gongkai.Application.Requests;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Gongkai.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gongkai.Web.Tests.Areas.Admin.Requests;

/// <summary>The answer letter's remedies under the 行政复议法 as revised in 2023, naming the body the administrator set.</summary>
public sealed class AnswerLetterTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly GongkaiAppFactory _app;
    private Actor _handler = null!;
    private Actor _admin = null!;

    public AnswerLetterTests() => _app = new GongkaiAppFactory(generatedRecords: 0) { Time = _clock };

    public async Task InitializeAsync()
    {
        _handler = await _app.ScopedAsync(s => TestUsers.CreateAsync(s, "letter-handler", Role.RequestHandler));
        _admin = await _app.ScopedAsync(s => TestUsers.CreateAsync(s, "letter-admin", Role.Administrator, null));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_refusal_prints_a_letter_that_requires_reconsideration_first_and_names_the_body_the_administrator_set()
    {
        var id = (await TestRequests.RegisterAsync(_app, _handler, TestRequests.Citizen("复议测试", "13500007777", "某会议的内部讨论记录"))).Id;
        await _app.ScopedAsync(s => s.GetRequiredService<RequestService>().AnswerAsync(_handler, id, RequestOutcome.WithheldProcessInformation, ReplyType.NotDisclosed, "所申请信息属于过程性信息，不予公开。"));
        var organization = await _app.ScopedAsync(s => TestUsers.OrganizationAsync(s, TestUsers.Gxq));
        var client = _app.NewClient();
        (await ConsoleFixture.LoginAsync(client, "letter-handler", TestUsers.Password)).Dispose();
        async Task<string> LetterAsync() => WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/admin/requests/{id}/letters/Answer", UriKind.Relative)));

        // The demo's 高新区 names 江阴市人民政府.
        var letter = await LetterAsync();
        Assert.Contains("应当自收到本告知书之日起60日内先向江阴市人民政府申请行政复议", letter, StringComparison.Ordinal);
        Assert.Contains("《中华人民共和国行政复议法》第二十三条", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("6个月内依法向人民法院提起行政诉讼", letter, StringComparison.Ordinal);

        // The administrator names another body in 机构与站点: the next print names it.
        await _app.ScopedAsync(s => s.GetRequiredService<Application.Admin.SiteGroupAdministration>().RenameOrganizationAsync(_admin, organization,
            "江阴高新技术开发区管理委员会", "高新区管委会", "江阴市人民政府（市司法局受理）"));
        Assert.Contains("先向江阴市人民政府（市司法局受理）申请行政复议", await LetterAsync(), StringComparison.Ordinal);
        var admin = _app.NewClient();
        (await ConsoleFixture.LoginAsync(admin, "letter-admin", TestUsers.Password)).Dispose();
        Assert.Contains("value=\"江阴市人民政府（市司法局受理）\"", WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin/organizations", UriKind.Relative))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_not_this_office_answer_made_on_the_case_page_names_the_responsible_agency_in_the_letter_and_on_the_tracking_page()
    {
        var submitted = await TestRequests.RegisterAsync(_app, _handler, TestRequests.Citizen("负责机关测试", "13500007778", "某地块的土地出让合同"));
        var client = _app.NewClient();
        (await ConsoleFixture.LoginAsync(client, "letter-handler", TestUsers.Password)).Dispose();
        async Task<HttpResponseMessage> AnswerAsync(string agency, string contact) => await client.PostAsync(new Uri($"/admin/requests/{submitted.Id}?handler=Answer", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = (await ConsoleFixture.TokenAsync(client, $"/admin/requests/{submitted.Id}"))!,
                ["outcome"] = "UnavailableNotHeld", ["replyType"] = "NotThisOffice", ["text"] = "土地出让合同由市自然资源和规划局签订并保存，不属于本机关负责公开。",
                ["agency"] = agency, ["agencyContact"] = contact,
            }));
        using (var half = await AnswerAsync("江阴市自然资源和规划局", ""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode); // Art. 36(5): the name with the contact
            Assert.Contains("联系方式", WebUtility.HtmlDecode(await half.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        using (var answered = await AnswerAsync("江阴市自然资源和规划局", "0510-86001234"))
        {
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }
        var letter = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/admin/requests/{submitted.Id}/letters/Answer", UriKind.Relative)));
        Assert.Contains("负责公开该政府信息的行政机关：江阴市自然资源和规划局，联系方式：0510-86001234。", letter, StringComparison.Ordinal);
        var tracking = await _app.ScopedAsync(s => s.GetRequiredService<RequestService>().TrackAsync(submitted.QueryCode, "7778"));
        Assert.Contains("江阴市自然资源和规划局", tracking!.Answer, StringComparison.Ordinal);
    }
}

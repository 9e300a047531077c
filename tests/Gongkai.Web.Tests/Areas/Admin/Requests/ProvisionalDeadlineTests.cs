using System.Net;
using System.Text.Json;
using Gongkai.Application.Accounts;
using Gongkai.Application.Requests;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Gongkai.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gongkai.Web.Tests.Areas.Admin.Requests;

/// <summary>
/// December 2026 with no 2027 notice (the app ships notices up to 2026 only): requests get a 暂定
/// due date with its reason everywhere it is shown, and an exact one once 2027's notice is imported.
/// </summary>
public sealed class ProvisionalDeadlineTests : IAsyncLifetime, IDisposable
{
    private const string Reason = "2027年节假日安排尚未录入，暂按双休日计算；录入后自动更正";

    private const string Notice2027 = """
        {"year": 2027, "source": "测试用2027年节假日安排", "days": [{"date": "2027-01-01", "name": "元旦", "off": true}]}
        """;

    /// <summary>Saturday 31 October 2026, 10:00 in China; the request tests move it to Monday 7 December first.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 31, 10, 0, 0, TimeSpan.FromHours(8)));

    private void SetToday(int year, int month, int day) => _clock.SetUtcNow(new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.FromHours(8)));

    private readonly GongkaiAppFactory _app;

    public ProvisionalDeadlineTests() => _app = new GongkaiAppFactory(generatedRecords: 0) { Time = _clock, HolidaysThrough = 2026 };

    private Actor _handler = null!;
    private Actor _admin = null!;

    public async Task InitializeAsync()
    {
        _handler = await _app.ScopedAsync(s => TestUsers.CreateAsync(s, "handler", Role.RequestHandler));
        _admin = await _app.ScopedAsync(s => TestUsers.CreateAsync(s, "admin", Role.Administrator, null));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private async Task<HttpClient> SignedInAsync(string person)
    {
        var client = _app.NewClient();
        using var response = await ConsoleFixture.LoginAsync(client, person, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private Task<SubmittedApplication> RegisterAsync(string phone) =>
        TestRequests.RegisterAsync(_app, _handler, TestRequests.Citizen("期限测试申请人", phone, "2026年度高新区企业研发补助名单", "E9"));

    private static async Task<string> TrackAsync(HttpClient citizen, string code, string phoneLast4)
    {
        var page = await citizen.GetStringAsync(new Uri("/gxq/ysqgk/track", UriKind.Relative));
        using var tracked = await citizen.PostAsync(new Uri("/gxq/ysqgk/track", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["phone"] = phoneLast4, ["__RequestVerificationToken"] = ConsoleFixture.TokenIn(page)!,
        }));
        return await tracked.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_request_due_in_a_year_without_a_notice_shows_a_provisional_date_everywhere_until_the_notice_is_imported()
    {
        SetToday(2026, 12, 7);
        var submitted = await RegisterAsync("13700002468");
        var handler = await SignedInAsync("handler");
        var casePage = $"/admin/requests/{submitted.Id}";

        // Received Monday 7 December 2026: 18 working days in December, 1 January 2027 counted as a plain
        // Friday, then Monday 4 January.
        var page = WebUtility.HtmlDecode(await handler.GetStringAsync(new Uri(casePage, UriKind.Relative)));
        Assert.Contains("<dd class=\"due\">2027-01-04（暂定）</dd>", page, StringComparison.Ordinal);
        Assert.Contains($"<strong>暂定</strong>：{Reason}。", page, StringComparison.Ordinal);
        Assert.Contains("答复期限（暂定）：2027-01-04（星期一）。", page, StringComparison.Ordinal);
        Assert.DoesNotContain("无法计算", page, StringComparison.Ordinal);
        Assert.Contains("2027-01-04（暂定）", WebUtility.HtmlDecode(await handler.GetStringAsync(new Uri("/admin/requests", UriKind.Relative))), StringComparison.Ordinal);

        var letter = WebUtility.HtmlDecode(await handler.GetStringAsync(new Uri($"{casePage}/letters/Acknowledgement", UriKind.Relative)));
        Assert.Contains($"2027年1月4日（暂定：{Reason}）", letter, StringComparison.Ordinal);

        var citizen = _app.NewClient();
        var tracked = WebUtility.HtmlDecode(await TrackAsync(citizen, submitted.QueryCode, "2468"));
        Assert.Contains("2027-01-04（暂定）", tracked, StringComparison.Ordinal);
        Assert.Contains($"暂定：{Reason}。", tracked, StringComparison.Ordinal);

        // The public calculator still refuses to guess.
        using (var calculator = await citizen.GetAsync(new Uri("/api/v1/calendar/add-working-days?from=2026-12-07&days=20", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, calculator.StatusCode);
        }

        // The administrator imports the 2027 notice (1 January off): the same pages are exact, with no step per case.
        var admin = await SignedInAsync("admin");
        var form = await admin.GetStringAsync(new Uri("/admin/holidays", UriKind.Relative));
        using (var imported = await admin.PostAsync(new Uri("/admin/holidays", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
               {
                   ["json"] = Notice2027, ["__RequestVerificationToken"] = ConsoleFixture.TokenIn(form)!,
               })))
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        }
        page = WebUtility.HtmlDecode(await handler.GetStringAsync(new Uri(casePage, UriKind.Relative)));
        Assert.Contains("<dd class=\"due\">2027-01-05</dd>", page, StringComparison.Ordinal);
        Assert.Contains("2027-01-01 元旦放假，不计。", page, StringComparison.Ordinal);
        Assert.Contains("答复期限：2027-01-05（星期二）。", page, StringComparison.Ordinal);
        Assert.DoesNotContain("暂定", page, StringComparison.Ordinal);
        letter = WebUtility.HtmlDecode(await handler.GetStringAsync(new Uri($"{casePage}/letters/Acknowledgement", UriKind.Relative)));
        Assert.Contains("2027年1月5日前作出答复", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("暂定", letter, StringComparison.Ordinal);
        tracked = WebUtility.HtmlDecode(await TrackAsync(citizen, submitted.QueryCode, "2468"));
        Assert.Contains("<td class=\"track-due\">2027-01-05</td>", tracked, StringComparison.Ordinal);
        using var exact = await citizen.GetAsync(new Uri("/api/v1/calendar/add-working-days?from=2026-12-07&days=20", UriKind.Relative));
        Assert.Equal("2027-01-05", JsonDocument.Parse(await exact.Content.ReadAsStringAsync()).RootElement.GetProperty("due").GetString());
    }

    [Fact]
    public async Task The_dashboard_counts_and_sorts_provisional_dates_like_exact_ones_and_marks_them()
    {
        SetToday(2026, 12, 7);
        var late = await RegisterAsync("13700001357"); // due 2027-01-04 (暂定)
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 9, 10, 0, 0, TimeSpan.FromHours(8)));
        var later = await RegisterAsync("13700001358"); // due 2027-01-06 (暂定)
        // Thursday 31 December 2026: three working days ahead (1, 4 and 5 January, counted provisionally) reach 5 January.
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 10, 0, 0, TimeSpan.FromHours(8)));
        var rows = await _app.ScopedAsync(s => s.GetRequiredService<RequestDashboard>().BuildAsync(_handler));
        var row = Assert.Single(rows);
        Assert.Equal(2, row.Open);
        Assert.Equal(2, row.Provisional);
        Assert.Equal(1, row.DueSoon);
        var urgent = Assert.Single(row.Urgent);
        Assert.Equal(late.Id, urgent.Case.Id);
        Assert.True(urgent.Deadline.IsProvisional);

        var page = WebUtility.HtmlDecode(await (await SignedInAsync("handler")).GetStringAsync(new Uri("/admin/requests/dashboard", UriKind.Relative)));
        Assert.Contains("有 2 件申请的答复期限涉及尚未录入节假日安排的年份", page, StringComparison.Ordinal);
        Assert.Matches($"{late.CaseNumber}</a> 未分办 · [^<]+ · 期限 2027-01-04（暂定）</li>", page);
        Assert.DoesNotContain(later.CaseNumber, page, StringComparison.Ordinal);

        // Thursday 7 January 2027, a day of a year without a notice: both overdue, the earlier first.
        _clock.SetUtcNow(new DateTimeOffset(2027, 1, 7, 10, 0, 0, TimeSpan.FromHours(8)));
        row = Assert.Single(await _app.ScopedAsync(s => s.GetRequiredService<RequestDashboard>().BuildAsync(_handler)));
        Assert.Equal(2, row.Overdue);
        Assert.Equal([late.Id, later.Id], row.Urgent.Select(x => x.Case.Id));
    }

    [Fact]
    public async Task From_the_first_of_november_the_console_home_reminds_administrators_of_next_years_missing_notice()
    {
        var admin = await SignedInAsync("admin");
        Assert.DoesNotContain("data-holiday-reminder", await admin.GetStringAsync(new Uri("/admin", UriKind.Relative)), StringComparison.Ordinal);

        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(8)));
        admin = await SignedInAsync("admin");
        var home = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin", UriKind.Relative)));
        Assert.Contains("data-holiday-reminder=\"2027\"", home, StringComparison.Ordinal);
        Assert.Contains("2027年的节假日安排尚未录入", home, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/admin/holidays\">节假日安排</a>", home, StringComparison.Ordinal);
        Assert.Contains("data-missing=\"2027\"", await admin.GetStringAsync(new Uri("/admin/holidays", UriKind.Relative)), StringComparison.Ordinal);
        // Only administrators can import a notice, so only they are told.
        Assert.DoesNotContain("data-holiday-reminder", await (await SignedInAsync("handler")).GetStringAsync(new Uri("/admin", UriKind.Relative)), StringComparison.Ordinal);

        // A year that has begun without its notice is named too, as counted provisionally now.
        _clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.FromHours(8)));
        admin = await SignedInAsync("admin");
        home = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin", UriKind.Relative)));
        Assert.Contains("data-holiday-reminder=\"2027\"", home, StringComparison.Ordinal);
        Assert.Contains("本年的工作日现按双休日暂定计算", home, StringComparison.Ordinal);

        await _app.ScopedAsync(s => s.GetRequiredService<Application.Setup.HolidayAdministration>().ImportAsync(_admin, Notice2027));
        Assert.DoesNotContain("data-holiday-reminder", await admin.GetStringAsync(new Uri("/admin", UriKind.Relative)), StringComparison.Ordinal);
    }
}

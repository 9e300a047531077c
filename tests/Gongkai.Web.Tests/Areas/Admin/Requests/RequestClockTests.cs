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

/// <summary>When the answer clock stands still: a correction awaited (Art. 30), a consultation at most 15 working days (Art. 32, 34).</summary>
public sealed class RequestClockTests : IAsyncLifetime, IDisposable
{
    /// <summary>Wednesday 1 July 2026, 10:00 in China.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly GongkaiAppFactory _app;
    private Actor _handler = null!;

    public RequestClockTests() => _app = new GongkaiAppFactory(generatedRecords: 0) { Time = _clock };

    public async Task InitializeAsync() => _handler = await _app.ScopedAsync(s => TestUsers.CreateAsync(s, "clock-handler", Role.RequestHandler));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private void SetToday(int month, int day) => _clock.SetUtcNow(new DateTimeOffset(2026, month, day, 10, 0, 0, TimeSpan.FromHours(8)));

    private Task<T> RequestsAsync<T>(Func<RequestService, Task<T>> use) => _app.ScopedAsync(s => use(s.GetRequiredService<RequestService>()));

    /// <summary>The case page as the handler, signed in, reads it.</summary>
    private async Task<string> CasePageAsync(long id)
    {
        using var client = _app.NewClient();
        (await ConsoleFixture.LoginAsync(client, "clock-handler", TestUsers.Password)).Dispose();
        return WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/admin/requests/{id}", UriKind.Relative)));
    }

    private Task<DashboardRow> DashboardAsync() => _app.ScopedAsync(async s => Assert.Single(await s.GetRequiredService<RequestDashboard>().BuildAsync(_handler)));

    [Fact]
    public async Task A_case_waiting_for_its_correction_is_never_due_or_overdue_and_gets_its_date_when_the_correction_arrives()
    {
        var id = (await TestRequests.RegisterAsync(_app, _handler, TestRequests.Citizen("补正计时", "13500005678", "某项目的验收报告"))).Id;
        SetToday(7, 3);
        await _app.ScopedAsync(s => s.GetRequiredService<RequestService>().RequestCorrectionAsync(_handler, id, "请说明所需报告的年份", new DateOnly(2026, 8, 31)));

        // Two months later the correction has still not come: nothing is due, nothing overdue.
        SetToday(8, 28);
        var row = await DashboardAsync();
        Assert.Equal((1, 0, 0, 0), (row.Open, row.DueToday, row.DueSoon, row.Overdue));
        var view = await RequestsAsync(r => r.GetAsync(_handler, id));
        Assert.Null(view.Deadline.Due);
        Assert.Equal("等待补正，收到补正之日起计算", view.Deadline.Summary);

        // Received on Friday 28 August: due 20 working days later, 24 September (Sunday 20 September a 调休 working day).
        await _app.ScopedAsync(s => s.GetRequiredService<RequestService>().ReceiveCorrectionAsync(_handler, id, new DateOnly(2026, 8, 28)));
        view = await RequestsAsync(r => r.GetAsync(_handler, id));
        Assert.Equal(new DateOnly(2026, 9, 24), view.Deadline.Due);
        var page = await CasePageAsync(id);
        Assert.Contains("<dd class=\"due\">2026-09-24</dd>", page, StringComparison.Ordinal);
        Assert.Contains("2026-08-28 收到补正，答复期限自该日起重新计算（条例第三十条）", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unanswered_consultation_ends_by_itself_after_fifteen_working_days_and_the_case_page_says_so()
    {
        var id = (await TestRequests.RegisterAsync(_app, _handler, TestRequests.Citizen("征询计时", "13500004321", "某企业的环评材料"))).Id;
        SetToday(7, 6);
        await _app.ScopedAsync(s => s.GetRequiredService<RequestService>().StartConsultationAsync(_handler, id, "征求第三方（某企业）意见", new DateOnly(2026, 7, 6)));

        // Nobody closes it. The third party's 15 working days end on 27 July; from the 28th the clock runs: due 20 August.
        SetToday(8, 18);
        var row = await DashboardAsync();
        Assert.Equal((1, 1, 0), (row.Paused, row.DueSoon, row.Overdue));
        var page = await CasePageAsync(id);
        Assert.Contains("<dd class=\"due\">2026-08-20</dd>", page, StringComparison.Ordinal);
        Assert.Contains("征求意见自 2026-07-06 发出次日起15个工作日于 2026-07-27 期满（未登记送达日期；条例第三十二条、第三十四条），期满后恢复计算。", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consultation_letter_received_two_days_after_sending_moves_the_end_and_the_due_date_by_two_working_days()
    {
        var id = (await TestRequests.RegisterAsync(_app, _handler, TestRequests.Citizen("送达计时", "13500004322", "某企业的排污许可材料"))).Id;
        SetToday(7, 6);
        await _app.ScopedAsync(s => s.GetRequiredService<RequestService>().StartConsultationAsync(_handler, id, "征求第三方（某企业）意见", new DateOnly(2026, 7, 6)));

        // On 9 July the handler registers, on the case page, that the letter arrived on Wednesday 8 July (Art. 32: 自收到之日起).
        SetToday(7, 9);
        var client = _app.NewClient();
        (await ConsoleFixture.LoginAsync(client, "clock-handler", TestUsers.Password)).Dispose();
        async Task<HttpResponseMessage> DeliveredAsync(string on) => await client.PostAsync(new Uri($"/admin/requests/{id}?handler=Delivered", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["on"] = on, ["__RequestVerificationToken"] = (await ConsoleFixture.TokenAsync(client, $"/admin/requests/{id}"))!,
            }));
        using (var future = await DeliveredAsync("2026-07-10"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode); // not after today
            Assert.Contains("不能晚于今天", WebUtility.HtmlDecode(await future.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        using (var registered = await DeliveredAsync("2026-07-08"))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        // The 15 working days run from 9 July to 29 July; nobody closes it; due 24 August, two working days after the 20th.
        SetToday(8, 18);
        (await ConsoleFixture.LoginAsync(client, "clock-handler", TestUsers.Password)).Dispose(); // a new day, a new sign-in
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/admin/requests/{id}", UriKind.Relative)));
        Assert.Contains("<dd class=\"due\">2026-08-24</dd>", page, StringComparison.Ordinal);
        Assert.Contains("征求意见书 2026-07-08 送达，自次日起15个工作日于 2026-07-29 期满", page, StringComparison.Ordinal);
        var history = await RequestsAsync(r => r.GetAsync(_handler, id));
        Assert.Contains(history.History, e => e.Action == Core.Auditing.AuditActions.RequestConsultationDelivered && e.Reason == "2026-07-08");
    }
}

using System.Globalization;
using System.Net;
using Gongkai.Application.Accounts;
using Gongkai.Application.Requests;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gongkai.Web.Tests;

/// <summary>The demo's generated requests, loaded on a day near a year without a notice or in one.</summary>
public sealed class DemoOnAnyDayTests
{
    [Theory]
    [InlineData("2026-12-06")] // today when this was written: open cases near today are due in 2027, which has no notice here
    [InlineData("2031-03-03")] // years after the last notice shipped
    public async Task Demo_requests_loaded_on_any_day_show_every_open_case_with_a_due_date_and_none_with_an_error(string day)
    {
        var date = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var clock = new FakeTimeProvider(new DateTimeOffset(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));
        await using var app = new GongkaiAppFactory(generatedRecords: 0) { GeneratedRequests = 150, Time = clock, HolidaysThrough = 2026 };
        var prefixes = await app.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().RequestCases
            .Join(s.GetRequiredService<GongkaiDbContext>().Organizations, c => c.OrganizationId, o => o.Id, (c, o) => o.IndexPrefix).Distinct().ToListAsync());
        Assert.NotEmpty(prefixes);
        var provisional = 0;
        var open = 0;
        foreach (var prefix in prefixes)
        {
            var name = $"demo-handler-{prefix}";
            var actor = await app.ScopedAsync(s => TestUsers.CreateAsync(s, name, Role.RequestHandler, prefix));
            var cases = await app.ScopedAsync(s => s.GetRequiredService<RequestService>().ListAsync(actor, null));
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
            (await ConsoleFixture.LoginAsync(client, name, TestUsers.Password)).Dispose();
            foreach (var page in new[] { "/admin/requests", "/admin/requests/dashboard" })
            {
                using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.DoesNotContain("无法计算", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            foreach (var (c, deadline) in cases.Where(x => x.Case.State != RequestState.Answered))
            {
                open++;
                // Only a clock not yet started (awaiting confirmation) or paused (consultation, fee) has no date.
                if (deadline.Due is null)
                {
                    Assert.True(c.State is RequestState.AwaitingConfirmation or RequestState.Consulting or RequestState.AwaitingCorrection or RequestState.AwaitingFee,
                        $"{c.CaseNumber} ({c.State}) has no due date: {deadline.Summary}");
                }
                provisional += deadline.IsProvisional ? 1 : 0;
                using var response = await client.GetAsync(new Uri($"/admin/requests/{c.Id}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                Assert.DoesNotContain("无法计算", html, StringComparison.Ordinal);
                if (deadline.IsProvisional)
                {
                    Assert.Contains($"<dd class=\"due\">{deadline.DueText}</dd>", html, StringComparison.Ordinal);
                    Assert.Contains($"<strong>暂定</strong>：{deadline.Provisional}。", html, StringComparison.Ordinal);
                }
                else
                {
                    Assert.DoesNotContain("<strong>暂定</strong>", html, StringComparison.Ordinal);
                }
            }
        }
        Assert.True(open >= 6, $"{open} open cases");
        // Near today the open cases reach into a year without a notice, and say so.
        Assert.True(provisional > 0, "no open case has a provisional date");
    }
}

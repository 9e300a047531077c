using System.Text.RegularExpressions;
using Gongkai.Application.Requests;
using Gongkai.Core.Calendar;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests.Areas.Admin.Requests;

public sealed class RequestDashboardTests(RequestsFixture fixture) : IClassFixture<RequestsFixture>
{
    [Fact]
    public async Task The_dashboard_counts_cases_due_today_due_soon_overdue_and_paused_by_department()
    {
        var today = Core.ChinaTime.DateOf(fixture.Clock.GetUtcNow().UtcDateTime); // Wednesday 1 July 2026
        await fixture.App.ScopedAsync(async s =>
        {
            var calendar = s.GetRequiredService<WorkingDayCalendar>();
            var requests = s.GetRequiredService<RequestService>();
            var handler = await TestUsers.CreateAsync(s, "dashboard-handler", Role.RequestHandler);
            var site = await TestUsers.SiteAsync(s, "gxq");
            DateOnly ReceivedFor(DateOnly due)
            {
                var received = due.AddDays(-1);
                while (calendar.AddWorkingDays(received, Deadline.AnswerWorkingDays).Due > due)
                {
                    received = received.AddDays(-1);
                }
                return received;
            }
            async Task<long> CaseAsync(DateOnly received, string phone) => (await requests.RegisterAsync(handler, site, new ApplicationForm
            {
                Kind = ApplicantKind.NaturalPerson, Name = "看板测试", IdType = "护照", IdNumber = "E00000000", Phone = phone,
                Description = "测试", FormWanted = "纸质", DeliveryMethod = "邮寄",
            }, RequestChannel.InPerson, received)).Id;
            await CaseAsync(ReceivedFor(today), "13100000001");
            await CaseAsync(ReceivedFor(calendar.AddWorkingDays(today, 2).Due), "13100000002");
            await CaseAsync(ReceivedFor(today.AddDays(-10)), "13100000003");
            var paused = await CaseAsync(today.AddDays(-3), "13100000004");
            await requests.StartConsultationAsync(handler, paused, "征求第三方意见", today);
            var answered = await CaseAsync(ReceivedFor(today.AddDays(-10)), "13100000005");
            await requests.AnswerAsync(handler, answered, RequestOutcome.Disclosed, ReplyType.Disclosed, "已答复");
            return 0;
        });
        var client = fixture.NewClient();
        (await ConsoleFixture.LoginAsync(client, "dashboard-handler", TestUsers.Password)).Dispose();
        var page = await client.GetStringAsync(new Uri("/admin/requests/dashboard", UriKind.Relative));
        var row = Regex.Match(page, "<tr data-organization=\"\\d+\">([\\s\\S]*?)</tr>").Groups[1].Value;
        var cells = Regex.Matches(row, "<td[^>]*>(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains("<td>未分办</td>", row, StringComparison.Ordinal);
        Assert.Equal([4, 1, 1, 1, 1], cells); // open, due today, within 3 working days, overdue, paused
        Assert.Contains("<td class=\"overdue\">1</td>", row, StringComparison.Ordinal);
        Assert.Contains("（已逾期）", page, StringComparison.Ordinal);
        Assert.Contains("（今天到期）", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_registers_a_letter_and_an_ordinary_letter_waits_for_confirmation()
    {
        var client = await fixture.App.SignedInAsync("register-handler", Role.RequestHandler);
        async Task<string> RegisterAsync(string channel, string? received)
        {
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = (await ConsoleFixture.TokenAsync(client, "/admin/requests/register"))!,
                ["site"] = "gxq", ["channel"] = channel, ["Form.Kind"] = "NaturalPerson", ["Form.Name"] = "信函申请人",
                ["Form.IdType"] = "居民身份证", ["Form.IdNumber"] = "32028119900101123X", ["Form.Phone"] = "0510-86001234",
                ["Form.Description"] = "某规划批复", ["Form.FormWanted"] = "纸质", ["Form.DeliveryMethod"] = "邮寄",
            };
            if (received is not null)
            {
                fields["receivedOn"] = received;
            }
            using var response = await client.PostAsync(new Uri("/admin/requests/register", UriKind.Relative), new FormUrlEncodedContent(fields));
            return await response.Content.ReadAsStringAsync();
        }
        var registered = await RegisterAsync("RegisteredMail", "2026-06-30");
        var id = Regex.Match(registered, "已登记：申请编号 <a href=\"/admin/requests/(\\d+)\">").Groups[1].Value;
        Assert.NotEmpty(id);
        Assert.Contains("data-state=\"Processing\"", await client.GetStringAsync(new Uri($"/admin/requests/{id}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("须填写收到日期", await RegisterAsync("InPerson", null), StringComparison.Ordinal);
        var letter = await RegisterAsync("OrdinaryMail", null);
        var pending = Regex.Match(letter, "已登记：申请编号 <a href=\"/admin/requests/(\\d+)\">").Groups[1].Value;
        Assert.Contains("data-state=\"AwaitingConfirmation\"", await client.GetStringAsync(new Uri($"/admin/requests/{pending}", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fee_notice_reaches_the_applicant_as_a_letter_and_on_the_tracking_page()
    {
        var (handler, submitted) = await fixture.App.ScopedAsync(async s =>
        {
            var handler = await TestUsers.CreateAsync(s, "fee-letter-handler", Role.RequestHandler);
            var requests = s.GetRequiredService<RequestService>();
            var submitted = await requests.SubmitOnlineAsync("gxq", new ApplicationForm
            {
                Kind = ApplicantKind.NaturalPerson, Name = "收费测试", IdType = "护照", IdNumber = "E9", Phone = "13500002468",
                Description = "大量文件", FormWanted = "纸质", DeliveryMethod = "邮寄",
            });
            await requests.ConfirmAsync(handler, submitted.Id, new DateOnly(2026, 7, 1));
            Assert.Equal(720m, await requests.NoticeFeeAsync(handler, submitted.Id, FeeMode.PerPage, 101, "到政务服务中心窗口缴纳", null));
            return (handler, submitted);
        });
        var letter = await fixture.App.ScopedAsync(s => s.GetRequiredService<RequestLetters>().RenderAsync(handler, submitted.Id, LetterKind.FeeNotice));
        Assert.Contains(letter.Paragraphs, p => p.Contains("信息处理费720元", StringComparison.Ordinal) && p.Contains("101页", StringComparison.Ordinal));
        Assert.Contains(letter.Paragraphs, p => p.Contains("国办函〔2020〕109号", StringComparison.Ordinal));
        var tracked = await fixture.App.ScopedAsync(s => s.GetRequiredService<RequestService>().TrackAsync(submitted.QueryCode, "2468"));
        Assert.Equal(720m, tracked!.FeeAmount);
        Assert.Equal("待缴费", tracked.StateLabel);
    }

    [Fact]
    public async Task The_report_draft_shows_table_three_from_the_cases_and_that_it_balances()
    {
        await fixture.App.ScopedAsync(async s =>
        {
            var handler = await TestUsers.CreateAsync(s, "report-handler", Role.RequestHandler);
            var requests = s.GetRequiredService<RequestService>();
            var id = (await requests.RegisterAsync(handler, await TestUsers.SiteAsync(s, "gxq"), new ApplicationForm
            {
                Kind = ApplicantKind.Commercial, Name = "报表测试公司", CreditCode = "91320281MA1XXXXXXX", LegalRepresentative = "甲", ContactPerson = "乙",
                Phone = "13300001111", Description = "某信息", FormWanted = "纸质", DeliveryMethod = "邮寄",
            }.WithValidCode(), RequestChannel.InPerson, new DateOnly(2026, 6, 15))).Id;
            await requests.AnswerAsync(handler, id, RequestOutcome.WithheldThirdPartyRights, ReplyType.NotDisclosed, "涉及商业秘密");
            return 0;
        });
        var client = fixture.NewClient();
        (await ConsoleFixture.LoginAsync(client, "report-handler", TestUsers.Password)).Dispose();
        var page = await client.GetStringAsync(new Uri("/admin/reports?year=2026", UriKind.Relative));
        Assert.Contains("data-balanced=\"true\"", page, StringComparison.Ordinal);
        var w4 = Regex.Match(page, "<tr><th scope=\"row\">[　]*4.保护第三方合法权益</th>(.*?)</tr>").Groups[1].Value;
        var cells = Regex.Matches(w4, "<td>(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(cells[1] >= 1, "商业企业 column counts the withheld answer");
        Assert.Equal(cells.Take(6).Sum(), cells[6]);
    }
}

internal static class ApplicationFormExtensions
{
    /// <summary>Replaces the placeholder credit code with one whose GB 32100 check character is right.</summary>
    public static ApplicationForm WithValidCode(this ApplicationForm form)
    {
        // The embedded organization code (characters 9–17) carries its own GB 11714 check character.
        var body = "91320281" + "MA1XXXXX" + Gongkai.Core.Catalog.OrganizationCode.Gb11714CheckCharacter("MA1XXXXX");
        return form with { CreditCode = body + Gongkai.Core.Catalog.OrganizationCode.Gb32100CheckCharacter(body) };
    }
}

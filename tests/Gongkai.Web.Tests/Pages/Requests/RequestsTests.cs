using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gongkai.Application.Accounts;
using Gongkai.Core.Editorial;
using Gongkai.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gongkai.Web.Tests.Pages.Requests;

public sealed partial class RequestsTests(RequestsFixture fixture) : IClassFixture<RequestsFixture>
{
    private static readonly string[] Numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    [GeneratedRegex("<label for=\"answer\">(.)加(.)等于几？")]
    private static partial Regex Question();


    [GeneratedRegex("name=\"challenge\" value=\"([^\"]+)\"")]
    private static partial Regex ChallengeField();

    private async Task<(HttpResponseMessage Response, string Html)> ApplyAsync(HttpClient client, Dictionary<string, string> fields, bool answerRight = true)
    {
        var form = await client.GetStringAsync(new Uri("/gxq/ysqgk/", UriKind.Relative));
        var q = Question().Match(form);
        var answer = Array.IndexOf(Numerals, q.Groups[1].Value) + Array.IndexOf(Numerals, q.Groups[2].Value);
        fields["__RequestVerificationToken"] = ConsoleClients.TokenIn(form)!;
        fields["challenge"] = WebUtility.HtmlDecode(ChallengeField().Match(form).Groups[1].Value);
        fields["answer"] = (answerRight ? answer : answer + 1).ToString(CultureInfo.InvariantCulture);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5)); // a person takes a moment to fill it in
        var response = await client.PostAsync(new Uri("/gxq/ysqgk/", UriKind.Relative), new FormUrlEncodedContent(fields));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_answered_challenge_cannot_be_replayed()
    {
        var citizen = fixture.NewClient();
        var form = await citizen.GetStringAsync(new Uri("/gxq/ysqgk/", UriKind.Relative));
        var q = Question().Match(form);
        var fields = Citizen("139-0000-2468");
        fields["__RequestVerificationToken"] = ConsoleClients.TokenIn(form)!;
        fields["challenge"] = WebUtility.HtmlDecode(ChallengeField().Match(form).Groups[1].Value);
        fields["answer"] = (Array.IndexOf(Numerals, q.Groups[1].Value) + Array.IndexOf(Numerals, q.Groups[2].Value)).ToString(CultureInfo.InvariantCulture);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        using (var first = await citizen.PostAsync(new Uri("/gxq/ysqgk/", UriKind.Relative), new FormUrlEncodedContent(fields)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("查询码", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // The same answer to the same challenge, sent again (probe finding F13: accepted four times).
        using var replay = await citizen.PostAsync(new Uri("/gxq/ysqgk/", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("验证未通过", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Citizen(string phone) => new()
    {
        ["Form.Kind"] = "NaturalPerson", ["Form.Name"] = "隐私测试申请人", ["Form.IdType"] = "居民身份证", ["Form.IdNumber"] = "32028119900101123X",
        ["Form.Phone"] = phone, ["Form.Description"] = "2025年高新区科技创新券发放名单", ["Form.FormWanted"] = "电子邮件", ["Form.DeliveryMethod"] = "电子邮件",
    };

    private async Task<HttpClient> HandlerAsync()
    {
        var client = fixture.NewClient();
        (await ConsoleFixture.LoginAsync(client, "handler", TestUsers.Password)).Dispose();
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = (await ConsoleFixture.TokenAsync(client, page))!;
        var url = handler.Length == 0 ? page : $"{page}?handler={handler}";
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_citizen_applies_and_tracks_and_a_handler_corrects_consults_extends_and_answers_with_every_due_date_explained()
    {
        var citizen = fixture.NewClient();
        var (response, receipt) = await ApplyAsync(citizen, Citizen("138-0000-5678"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var code = Regex.Match(receipt, "<strong class=\"query-code\">([A-Z0-9-]+)</strong>").Groups[1].Value;
        var number = Regex.Match(receipt, "<td class=\"case-number\">([^<]+)</td>").Groups[1].Value;
        Assert.Matches("^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$", code);
        Assert.Matches(@"^01404053X-2026-\d{5}$", number);

        async Task<string> TrackAsync(string phone)
        {
            var page = await citizen.GetStringAsync(new Uri("/gxq/ysqgk/track", UriKind.Relative));
            using var tracked = await citizen.PostAsync(new Uri("/gxq/ysqgk/track", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["code"] = code.ToLowerInvariant(), ["phone"] = phone,
                ["__RequestVerificationToken"] = ConsoleClients.TokenIn(page)!,
            }));
            return await tracked.Content.ReadAsStringAsync();
        }
        Assert.Contains("没有找到", await TrackAsync("1234"), StringComparison.Ordinal);
        var waiting = await TrackAsync("5678");
        Assert.Contains("<td class=\"track-state\">待确认</td>", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("隐私测试申请人", waiting, StringComparison.Ordinal);

        // The handler confirms on 1 July: due 29 July (20 working days from the next day).
        var handler = await HandlerAsync();
        var list = await handler.GetStringAsync(new Uri("/admin/requests", UriKind.Relative));
        Assert.Contains("320***********123X", list, StringComparison.Ordinal);
        Assert.DoesNotContain("32028119900101123X", list, StringComparison.Ordinal);
        var id = Regex.Match(list, $"<a href=\"/admin/requests/(\\d+)\">{number}</a>").Groups[1].Value;
        var page = $"/admin/requests/{id}";
        async Task<string> Due() => Regex.Match(await handler.GetStringAsync(new Uri(page, UriKind.Relative)), "<dd class=\"due\">([^<]+)</dd>").Groups[1].Value;
        (await PostAsync(handler, page, "Confirm", new() { ["receivedOn"] = "2026-07-01" })).Dispose();
        Assert.Equal("2026-07-29", await Due());
        Assert.Contains("自 2026-07-01 次日起计算20个工作日（条例第三十三条）", await handler.GetStringAsync(new Uri(page, UriKind.Relative)), StringComparison.Ordinal);

        // 补正 asked on 3 July, received on 8 July: the clock restarts — due 5 August.
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        handler = await HandlerAsync(); // the console session ended after 30 idle minutes
        (await PostAsync(handler, page, "Correction", new() { ["reason"] = "请说明所需名单的批次", ["dueBy"] = "2026-07-20" })).Dispose();
        var tracked = WebUtility.HtmlDecode(await TrackAsync("5678"));
        Assert.Contains("请说明所需名单的批次", tracked, StringComparison.Ordinal);
        Assert.Contains("<td class=\"track-next\">请于2026年7月20日前按补正事项补正。答复期限自本机关收到补正之日起重新计算", tracked, StringComparison.Ordinal);
        // Art. 30: while the correction is awaited the clock does not run; nothing is due or overdue.
        Assert.Equal("等待补正，收到补正之日起计算", await Due());
        fixture.Clock.Advance(TimeSpan.FromDays(5));
        handler = await HandlerAsync();
        (await PostAsync(handler, page, "Corrected", new() { ["on"] = "2026-07-08" })).Dispose();
        Assert.Equal("2026-08-05", await Due());

        // A third party is consulted 13–17 July (five working days, not counted): due 12 August. While the
        // consultation is open the date assumes the third party takes its whole 15 working days (to 3 August).
        (await PostAsync(handler, page, "Consult", new() { ["whom"] = "征求第三方（某科技公司）意见", ["on"] = "2026-07-13" })).Dispose();
        Assert.Equal("2026-08-27", await Due());
        Assert.Contains("被征求意见方应于2026年8月3日前提出意见，期满后恢复计算", WebUtility.HtmlDecode(await TrackAsync("5678")), StringComparison.Ordinal);
        Assert.Contains("第三方应于 2026-08-03 前提出意见，条例第三十二条", await handler.GetStringAsync(new Uri(page, UriKind.Relative)), StringComparison.Ordinal);
        (await PostAsync(handler, page, "Consulted", new() { ["on"] = "2026-07-17" })).Dispose();
        Assert.Equal("2026-08-12", await Due());

        // One extension of 10 working days: due 26 August; a second is refused.
        using (var extended = await PostAsync(handler, page, "Extend", new() { ["days"] = "10", ["approver"] = "办公室主任王某", ["reason"] = "需汇总多个部门的材料" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        }
        Assert.Equal("2026-08-26", await Due());
        var explained = await handler.GetStringAsync(new Uri(page, UriKind.Relative));
        Assert.Contains("另延长10个工作日", explained, StringComparison.Ordinal);
        Assert.Contains("2026-07-13 至 2026-07-17 征求第三方（某科技公司）意见，不计入答复期限", explained, StringComparison.Ordinal);
        Assert.Contains("答复期限：2026-08-26（星期三）", explained, StringComparison.Ordinal);
        Assert.Contains("（已延长10个工作日）", await TrackAsync("5678"), StringComparison.Ordinal);

        // The answer; the applicant sees it.
        using (var answered = await PostAsync(handler, page, "Answer", new() { ["outcome"] = "Disclosed", ["replyType"] = "Disclosed", ["text"] = "予以公开，名单已发送至您的电子邮箱。" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }
        var final = await TrackAsync("5678");
        Assert.Contains("<td class=\"track-state\">已答复</td>", final, StringComparison.Ordinal);
        Assert.Contains("予以公开，名单已发送至您的电子邮箱。", final, StringComparison.Ordinal);
        var history = await handler.GetStringAsync(new Uri(page, UriKind.Relative));
        // The history names each step in Chinese (the stored key stays on the row).
        history = WebUtility.HtmlDecode(history);
        foreach (var (action, label) in new[] { ("request.submit", "提交申请"), ("request.confirm", "确认收到申请"), ("request.correction", "告知补正"), ("request.corrected", "收到补正"),
                     ("request.consult", "征求意见"), ("request.consulted", "征求意见结束"), ("request.extend", "延长答复期限"), ("request.answer", "答复") })
        {
            Assert.Matches($"<tr data-action=\"{Regex.Escape(action)}\"><td>[^<]*</td><td>[^<]*</td><td>{label}</td>", history);
        }

        // Every letter prints and downloads as .docx with the office, the number, the article and the date; the answer with the remedies.
        foreach (var (kind, article) in new[] { ("Acknowledgement", "第三十一条"), ("CorrectionNotice", "第三十条"), ("ThirdPartyConsultation", "第三十二条"), ("ExtensionNotice", "第三十三条第二款"), ("Answer", "第三十六条第二项") })
        {
            var letter = await handler.GetStringAsync(new Uri($"{page}/letters/{kind}", UriKind.Relative));
            Assert.Contains("江阴高新技术开发区管理委员会", letter, StringComparison.Ordinal);
            Assert.Contains(number, letter, StringComparison.Ordinal);
            Assert.Contains(article, letter, StringComparison.Ordinal);
            var bytes = await handler.GetByteArrayAsync(new Uri($"{page}/letters/{kind}?handler=Docx", UriKind.Relative));
            using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false);
            var text = docx.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains(number, text, StringComparison.Ordinal);
            Assert.Contains(article, text, StringComparison.Ordinal);
            Assert.Contains("2026年", text, StringComparison.Ordinal);
            if (kind == "Answer")
            {
                // Disclosed: either route, naming the organization's 行政复议机关 (the demo's 高新区 has 江阴市人民政府).
                Assert.Contains("60日内向江阴市人民政府申请行政复议", text, StringComparison.Ordinal);
                Assert.Contains("6个月内依法向人民法院提起行政诉讼", text, StringComparison.Ordinal);
                Assert.Contains("予以公开，名单已发送至您的电子邮箱。", text, StringComparison.Ordinal);
            }
            if (kind == "ExtensionNotice")
            {
                Assert.Contains("延长10个工作日，至2026年8月26日", text, StringComparison.Ordinal);
            }
        }

        // The applicant's identity is on no public surface.
        foreach (var url in new[] { "/", "/gxq/xxgk/", "/gxq/xxgk/ysqgk", "/search?q=" + Uri.EscapeDataString("科技创新券发放名单"), "/api/v1/search?q=" + Uri.EscapeDataString("科技创新券"), "/gxq/xxgk/rss.xml", "/sitemap-1.xml", "/api/v1/records?site=gxq" })
        {
            var body = await citizen.GetStringAsync(new Uri(url, UriKind.Relative));
            Assert.DoesNotContain("隐私测试申请人", body, StringComparison.Ordinal);
            Assert.DoesNotContain("32028119900101123X", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_administrator_edits_a_letter_template_but_cannot_drop_the_legal_basis()
    {
        var admin = await fixture.App.SignedInAsync("letters-admin", Role.Administrator);
        using (var refused = await PostAsync(admin, "/admin/letters", "", new() { ["kind"] = "Answer", ["body"] = "{申请人}：\n答复如下：{答复内容}\n{机关名称}\n{日期}" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("{申请编号}", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var body = Core.Requests.Letters.DefaultBody(Core.Requests.LetterKind.Answer).Replace("{救济途径}", "{救济途径}\n特此告知。", StringComparison.Ordinal);
        using (var saved = await PostAsync(admin, "/admin/letters", "", new() { ["kind"] = "Answer", ["body"] = body }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var paragraphs = await fixture.App.ScopedAsync(async s =>
        {
            var handler = await TestUsers.CreateAsync(s, "letters-handler", Role.RequestHandler);
            var requests = s.GetRequiredService<Application.Requests.RequestService>();
            var submitted = await requests.SubmitOnlineAsync("gxq", new Application.Requests.ApplicationForm
            {
                Kind = Core.Requests.ApplicantKind.NaturalPerson, Name = "模板测试", IdType = "护照", IdNumber = "E12345678",
                Phone = "13700001111", Description = "某文件", FormWanted = "纸质", DeliveryMethod = "邮寄",
            });
            await requests.ConfirmAsync(handler, submitted.Id, Core.ChinaTime.Today(fixture.Clock));
            await requests.AnswerAsync(handler, submitted.Id, Core.Requests.RequestOutcome.UnavailableNotHeld, Core.Requests.ReplyType.DoesNotExist, "经检索，本机关未制作或获取该信息。");
            return (await s.GetRequiredService<Application.Requests.RequestLetters>().RenderAsync(handler, submitted.Id, Core.Requests.LetterKind.Answer)).Paragraphs;
        });
        Assert.Contains("特此告知。", paragraphs);
        Assert.Contains(paragraphs, p => p.Contains("第三十六条第四项", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_console_session_ends_after_thirty_idle_minutes()
    {
        var handler = await HandlerAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(29));
        using (var active = await handler.GetAsync(new Uri("/admin/requests", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await handler.GetAsync(new Uri("/admin/requests", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Contains("/admin/login", idle.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_answer_to_the_check_or_a_filled_trap_field_saves_nothing()
    {
        var client = fixture.NewClient();
        var (wrong, html) = await ApplyAsync(client, Citizen("13900007777"), answerRight: false);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("验证未通过", html, StringComparison.Ordinal);
        Assert.Contains("value=\"13900007777\"", html, StringComparison.Ordinal); // nothing typed is lost
        var fields = Citizen("13900007777");
        fields["website"] = "http://spam.example";
        var (trapped, _) = await ApplyAsync(client, fields);
        Assert.Equal(HttpStatusCode.BadRequest, trapped.StatusCode);
    }

    [Fact]
    public async Task An_organization_needs_a_valid_credit_code()
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Kind"] = "Commercial", ["Form.Name"] = "江阴某科技有限公司", ["Form.CreditCode"] = "91320281MA1XXXXXX0",
            ["Form.LegalRepresentative"] = "李四", ["Form.ContactPerson"] = "王五", ["Form.Phone"] = "0510-86000000",
            ["Form.Description"] = "某项目环评批复", ["Form.FormWanted"] = "纸质", ["Form.DeliveryMethod"] = "邮寄",
        };
        var (response, html) = await ApplyAsync(fixture.NewClient(), fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("校验", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_without_the_handler_role_cannot_see_cases()
    {
        var client = await fixture.App.SignedInAsync("plain-editor", Role.Editor);
        using var response = await client.GetAsync(new Uri("/admin/requests", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

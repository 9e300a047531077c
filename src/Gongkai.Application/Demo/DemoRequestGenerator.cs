using Gongkai.Application.Requests;
using Gongkai.Core;
using Gongkai.Core.Calendar;
using Gongkai.Core.Requests;

namespace Gongkai.Application.Demo;

/// <summary>
/// Generated requests for disclosure over 2025 and 2026 (marked as demo data): every channel, every
/// applicant kind, every state — open ones near today, with corrections, consultations, fees and
/// extensions — and every outcome of the annual report's table 3, including cases carried over a
/// year end. Deterministic for a seed.
/// </summary>
public sealed class DemoRequestGenerator(IReadOnlyList<(int SiteId, int OrganizationId, string Prefix)> sites, WorkingDayCalendar calendar)
{
    public IEnumerable<RequestCase> Generate(int count, int seed, DateOnly today, IDictionary<string, int> serials)
    {
        ArgumentNullException.ThrowIfNull(serials);
        var random = new Random(seed);
        var outcomes = Enum.GetValues<RequestOutcome>();
        var kinds = Enum.GetValues<ApplicantKind>();
        var channels = Enum.GetValues<RequestChannel>();
        var first = new DateOnly(2025, 1, 2);
        var span = today.DayNumber - first.DayNumber;
        for (var i = 0; i < count; i++)
        {
            var site = sites[random.Next(sites.Count)];
            // The first dozen are recent and open, one of each open state, so the console and the
            // dashboard always have work to show; the rest spread over 2025 and 2026.
            var forced = i < 12 ? i % 6 : -1;
            var received = forced >= 0
                ? WorkingDayOnOrBefore(calendar.AddWorkingDays(today.AddDays(-30), i).Due.Min(today.AddDays(-1)))
                : WorkingDayOnOrBefore(first.AddDays(random.Next(Math.Max(1, span))));
            var kind = random.NextDouble() < 0.6 ? ApplicantKind.NaturalPerson : kinds[1 + random.Next(kinds.Length - 1)];
            var channel = forced == 0 ? RequestChannel.Online : forced > 0 ? RequestChannel.InPerson : channels[random.Next(channels.Length)];
            var year = received.Year;
            var key = $"{site.Prefix}-{year}";
            serials[key] = serials.TryGetValue(key, out var last) ? last + 1 : 1;
            var applicant = kind == ApplicantKind.NaturalPerson
                ? new Applicant(kind, $"演示申请人{i + 1:000}", $"1380000{i:0000}", "居民身份证", $"320281199{i % 10}0101{i:0000}", null, null, null, null, null)
                : new Applicant(kind, $"演示单位{i + 1:000}", $"0510860{i:00000}", null, null, "91320281MA00000000", "演示法定代表人", "演示联系人", null, null);
            var submitted = ChinaTime.StartOfDayUtc(received).AddHours(2);
            var c = RequestCase.Submit(site.SiteId, site.OrganizationId, $"{key}-{serials[key]:00000}", RequestService.HashCode(Guid.NewGuid().ToString("N")), applicant,
                Topics[random.Next(Topics.Length)], null, "电子邮件", "电子邮件", null, channel, submitted,
                channel is RequestChannel.InPerson or RequestChannel.RegisteredMail ? received : null, isDemo: true);
            var ageInWorkingDays = calendar.WorkingDaysAfter(received, today);
            if (forced == 0)
            {
                yield return c; // still to be confirmed
                continue;
            }
            if (c.State == RequestState.AwaitingConfirmation)
            {
                c.Confirm(received);
            }
            var day = received;
            DateOnly After(int workingDays) => calendar.AddWorkingDays(day, workingDays).Due.Min(today);
            if (forced > 0)
            {
                switch (forced)
                {
                    case 2:
                        c.RequestCorrection(After(1), "请说明所需信息的年份和文号", After(1).AddDays(15));
                        break;
                    case 3:
                        c.StartConsultation(After(2), "征求第三方意见");
                        break;
                    case 4:
                        NoticeDemoFee(c, 120, After(2));
                        break;
                    case 5:
                        c.Extend(10, "政府信息公开工作机构负责人（演示）", "需要汇总多个部门的材料", After(3));
                        break;
                }
                yield return c;
                continue;
            }
            var open = ageInWorkingDays < 25 && i % 2 == 0;
            if (i % 7 == 1 && After(2) < today)
            {
                var asked = After(2);
                c.RequestCorrection(asked, "请说明所需信息的年份和文号", asked.AddDays(15));
                if (open && i % 4 == 1)
                {
                    yield return c; // waiting for the correction
                    continue;
                }
                day = asked.AddDays(random.Next(2, 10));
                if (day >= today)
                {
                    yield return c;
                    continue;
                }
                c.ReceiveCorrection(day);
            }
            if (i % 9 == 2 && After(3) < today)
            {
                var from = After(3);
                c.StartConsultation(from, "征求第三方意见");
                if (open)
                {
                    yield return c; // consultation under way
                    continue;
                }
                c.EndConsultation(calendar.AddWorkingDays(from, random.Next(3, 12)).Due.Min(today));
            }
            if (i % 11 == 3 && After(4) < today)
            {
                NoticeDemoFee(c, 10 * random.Next(1, 20), After(4));
                if (open)
                {
                    yield return c; // waiting for payment
                    continue;
                }
                c.MarkFeePaid(After(4).AddDays(random.Next(1, 10)).Min(today));
            }
            if (i % 10 == 4)
            {
                c.Extend(random.Next(5, 21), "政府信息公开工作机构负责人（演示）", "需要汇总多个部门的材料", After(15).Min(today));
            }
            if (open)
            {
                yield return c; // being handled
                continue;
            }
            // Every outcome occurs; a quarter more are 予以公开, as in real offices. About one in
            // thirteen is answered late.
            var outcome = i % 4 == 0 ? RequestOutcome.Disclosed : outcomes[i % outcomes.Length];
            var quick = After(random.Next(3, 19));
            var answerOn = (i % 13 == 5 ? After(Deadline.AnswerWorkingDays + ExtraDays(c) + 3 + (i % 5)) : quick).Min(today);
            // Outcomes that the law allows only after a step (条例 Art. 30; 国办函〔2020〕109号) take that step first.
            if (outcome is RequestOutcome.OtherNoCorrection or RequestOutcome.UnavailableStillUnclear && c.CorrectionRequestedOn is null)
            {
                var asked = After(1);
                c.RequestCorrection(asked, "请说明所需信息的年份和文号", asked.AddDays(15));
            }
            if (outcome == RequestOutcome.OtherNoCorrection && c.CorrectionReceivedOn is not null)
            {
                outcome = RequestOutcome.UnavailableStillUnclear; // the correction came, and still did not say what was wanted
            }
            if (outcome == RequestOutcome.OtherNoCorrection)
            {
                var lapsed = c.CorrectionDueOn!.Value.AddDays(1);
                if (lapsed <= today)
                {
                    c.CloseForMissingCorrection(lapsed);
                }
                yield return c; // closed, or still waiting for the correction
                continue;
            }
            if (outcome == RequestOutcome.UnavailableStillUnclear && c.CorrectionReceivedOn is null)
            {
                var corrected = c.CorrectionRequestedOn!.Value.AddDays(3).Min(today);
                c.ReceiveCorrection(corrected);
                answerOn = answerOn < corrected ? corrected : answerOn;
            }
            if (outcome == RequestOutcome.OtherFeeUnpaid)
            {
                if (c.FeeMode is null && c.State == RequestState.Processing)
                {
                    NoticeDemoFee(c, 10 * random.Next(1, 20), After(4));
                }
                if (c.State == RequestState.AwaitingFee)
                {
                    var due = Deadline.FeePaymentDue(calendar, c)!.Date;
                    var lapsed = due.AddDays(1);
                    if (lapsed <= today)
                    {
                        c.CloseForUnpaidFee(lapsed, due);
                    }
                    yield return c; // closed, or still waiting for payment
                    continue;
                }
                outcome = RequestOutcome.Disclosed; // the fee was paid
            }
            c.Answer(outcome, ReplyFor(outcome), $"（演示答复）{RequestOutcomes.Label(outcome)}。", answerOn);
            yield return c;
        }
    }

    /// <summary>
    /// A demo fee notice, handed over the day it is sent: 按量 where copies were asked for, else 按件
    /// (国办函〔2020〕109号第五条).
    /// </summary>
    private static void NoticeDemoFee(RequestCase c, decimal amount, DateOnly on)
    {
        var perPage = RequestCase.PerPageApplies(c.FormWanted);
        c.NoticeFee(perPage ? FeeMode.PerPage : FeeMode.PerRequest, amount, perPage ? "按量计收（演示）" : "按件计收（演示）",
            "通过本机关政务服务窗口或非税收入缴款通知书所列账户缴纳（演示）", on, null, on);
    }

    /// <summary>Working days the case's clock stood still or was extended, so that a late answer is really late.</summary>
    private int ExtraDays(RequestCase c) =>
        c.ExtensionDays + c.Pauses.Sum(p => p.To is DateOnly to ? calendar.WorkingDaysAfter(p.From, to) : 0);

    private DateOnly WorkingDayOnOrBefore(DateOnly date)
    {
        while (!calendar.IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }
        return date;
    }

    private static ReplyType ReplyFor(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Disclosed or RequestOutcome.PartlyDisclosed => ReplyType.Disclosed,
        RequestOutcome.UnavailableNotHeld => ReplyType.DoesNotExist,
        RequestOutcome.NotHandledRepeat => ReplyType.Repeat,
        RequestOutcome.WithheldAdministrativeQuery => ReplyType.OtherRoute,
        >= RequestOutcome.WithheldStateSecret and <= RequestOutcome.UnavailableStillUnclear => ReplyType.NotDisclosed,
        _ => ReplyType.NotHandled,
    };

    private static readonly string[] Topics =
    [
        "2025年高新区科技创新券发放名单", "某地块国有土地使用权出让合同", "某项目环境影响评价批复文件", "2024年度部门预算执行情况",
        "某道路拓宽工程征收补偿方案", "企业研发费用补助资金分配结果", "某小区规划许可证及附图", "某学校新建工程招标文件",
        "2025年度政府信息公开工作年度报告的统计依据", "某企业行政处罚决定书",
    ];
}

internal static class DateOnlyExtensions
{
    public static DateOnly Min(this DateOnly a, DateOnly b) => a < b ? a : b;
}

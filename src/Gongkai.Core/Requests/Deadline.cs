using Gongkai.Core.Calendar;

namespace Gongkai.Core.Requests;

/// <summary>
/// A period during which the answer clock stands still (条例 Art. 33: consultation time does not
/// count): a consultation of a third party (Art. 32) or another agency (Art. 34), from the day the
/// letter is sent, or the wait for a processing fee (国办函〔2020〕109号), <see cref="FeeReason"/>.
/// </summary>
/// <param name="DeliveredOn">For a consultation: the day the letter reached the third party or the
/// agency consulted, when the office has registered it; their 15 working days run from the next day
/// (条例 Art. 32: 自收到征求意见书之日起15个工作日; Art. 34 likewise). Unregistered, the period is
/// counted from the day after sending, which never runs past what the articles allow. For the wait
/// for a fee: the day the fee notice reached the applicant, from which their 20 working days to pay run
/// (国办函〔2020〕109号第六条; <see cref="Deadline.FeePaymentDue"/>).</param>
public sealed record ClockPause(DateOnly From, DateOnly? To, string Reason, DateOnly? DeliveredOn = null)
{
    public const string FeeReason = "等待缴纳信息处理费";
}

/// <summary>
/// What the deadline depends on. <see cref="CorrectionRequestedOn"/>: a 补正 was asked for that day;
/// until <see cref="CorrectionReceivedOn"/> the clock does not run (Art. 30).
/// </summary>
public sealed record DeadlineInputs(
    DateOnly? ReceivedOn,
    DateOnly? CorrectionReceivedOn,
    IReadOnlyList<ClockPause> Pauses,
    int ExtensionDays,
    DateOnly? LargeVolumeDue,
    DateOnly? CorrectionRequestedOn = null);

/// <summary>One line of the explanation shown on the case page.</summary>
public sealed record DeadlineStep(DateOnly? Date, string Text);

/// <summary>
/// The answer deadline and how it was reached: the start (receipt, or the correction that restarted
/// the clock), each day skipped and why (周末, 春节, 国庆节 …), each 调休 working day counted, each
/// pause, the extension. <see cref="Due"/> is null while the clock is paused or not yet started.
/// <see cref="Provisional"/> is the reason a due date is only 暂定 (it reaches into a year without a
/// holiday notice and was counted with weekends only), or null for an exact one.
/// </summary>
public sealed record DeadlineExplanation(
    DateOnly? Due,
    DateOnly? Start,
    int WorkingDays,
    IReadOnlyList<SkippedDay> Skipped,
    IReadOnlyList<DeadlineStep> Steps,
    string Summary,
    string? Provisional = null)
{
    public bool IsProvisional => Provisional is not null;

    /// <summary>The due date as shown: "2027-01-05", "2027-01-05（暂定）", or the summary when there is none.</summary>
    public string DueText => Due is DateOnly due ? due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + (IsProvisional ? "（暂定）" : string.Empty) : Summary;
}

/// <summary>A date counted in working days: exact, or 暂定 with the reason (<see cref="Deadline.ProvisionalReason"/>).</summary>
public sealed record WorkingDayDate(DateOnly Date, string? Provisional)
{
    public bool IsProvisional => Provisional is not null;

    public override string ToString() => Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + (IsProvisional ? "（暂定）" : string.Empty);
}

/// <summary>
/// 依申请公开 deadlines, a pure function of the case's dates and the <see cref="WorkingDayCalendar"/>.
/// 条例 Art. 33: answer within 20 working days of receipt (counting from the next day); one
/// extension of at most 20 working days; time consulting third parties (Art. 32) or other agencies
/// does not count. Art. 30: after a 补正 the period runs from the day the correction is received.
/// Art. 35: for an unreasonably large volume the office may set a later deadline.
/// </summary>
public static class Deadline
{
    public const int AnswerWorkingDays = 20;
    public const int MaxExtensionWorkingDays = 20;
    public const int CorrectionNoticeWorkingDays = 7;
    public const int ThirdPartyWorkingDays = 15;

    public static DeadlineExplanation Compute(WorkingDayCalendar calendar, DeadlineInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(inputs);
        var steps = new List<DeadlineStep>();
        if (inputs.ReceivedOn is not DateOnly received)
        {
            return new DeadlineExplanation(null, null, 0, [], [new DeadlineStep(null, "申请尚未确认收到（条例第三十一条：网上、传真和平信申请自双方确认之日起算），期限尚未开始计算。")], "尚未开始计算");
        }
        steps.Add(new DeadlineStep(received, $"{received:yyyy-MM-dd} 收到申请（条例第三十一条）。"));
        if (inputs.CorrectionRequestedOn is DateOnly asked && inputs.CorrectionReceivedOn is null)
        {
            // Art. 30: "答复期限自行政机关收到补正的申请之日起计算" — nothing runs until the correction arrives.
            steps.Add(new DeadlineStep(asked, $"{asked:yyyy-MM-dd} 告知申请人补正；答复期限自收到补正之日起计算（条例第三十条），收到补正前不计算。"));
            return new DeadlineExplanation(null, null, 0, [], steps, "等待补正，收到补正之日起计算");
        }
        var start = received;
        if (inputs.CorrectionReceivedOn is DateOnly corrected)
        {
            start = corrected;
            steps.Add(new DeadlineStep(corrected, $"{corrected:yyyy-MM-dd} 收到补正，答复期限自该日起重新计算（条例第三十条）。"));
        }
        if (inputs.LargeVolumeDue is DateOnly large)
        {
            steps.Add(new DeadlineStep(large, $"申请数量、频次明显超过合理范围，机关确定延后答复期限至 {large:yyyy-MM-dd}，并告知申请人（条例第三十五条）。"));
            return new DeadlineExplanation(large, start, 0, [], steps, $"答复期限 {large:yyyy-MM-dd}（条例第三十五条）");
        }
        var days = AnswerWorkingDays + inputs.ExtensionDays;
        steps.Add(new DeadlineStep(null, $"自 {start:yyyy-MM-dd} 次日起计算{AnswerWorkingDays}个工作日（条例第三十三条）" +
            (inputs.ExtensionDays > 0 ? $"，另延长{inputs.ExtensionDays}个工作日（条例第三十三条第二款，一次，不超过20个工作日）" : string.Empty) + "。"));
        var pauses = new List<ClockPause>();
        foreach (var (pause, lapsed) in EffectivePauses(calendar, inputs.Pauses.Where(p => p.To is null || p.To >= start)))
        {
            if (lapsed)
            {
                steps.Add(new DeadlineStep(pause.To, pause.DeliveredOn is DateOnly delivered
                    ? $"征求意见书 {delivered:yyyy-MM-dd} 送达，自次日起15个工作日于 {pause.To:yyyy-MM-dd} 期满（条例第三十二条、第三十四条），期满后恢复计算。"
                    : $"征求意见自 {pause.From:yyyy-MM-dd} 发出次日起15个工作日于 {pause.To:yyyy-MM-dd} 期满（未登记送达日期；条例第三十二条、第三十四条），期满后恢复计算。"));
            }
            pauses.Add(pause);
        }
        var skipped = new List<SkippedDay>();
        var date = start;
        var left = days;
        var guard = 0;
        while (left > 0)
        {
            date = date.AddDays(1);
            if (++guard > 3660)
            {
                throw new InvalidOperationException("Deadline computation ran past ten years.");
            }
            var pause = pauses.FirstOrDefault(p => p.From <= date && (p.To is null || date <= p.To));
            if (pause is not null)
            {
                if (pause.To is null)
                {
                    steps.Add(new DeadlineStep(pause.From, $"自 {pause.From:yyyy-MM-dd} 起{pause.Reason}，期间不计入答复期限（条例第三十三条第三款）；已计 {days - left} 个工作日，恢复后继续计算剩余 {left} 个工作日。"));
                    return new DeadlineExplanation(null, start, days - left, skipped, steps, $"暂停计算（{pause.Reason}）");
                }
                if (date == pause.From || date == start.AddDays(1))
                {
                    steps.Add(new DeadlineStep(pause.From, $"{pause.From:yyyy-MM-dd} 至 {pause.To:yyyy-MM-dd} {pause.Reason}，不计入答复期限（条例第三十三条第三款）。"));
                }
                skipped.Add(new SkippedDay(date, pause.Reason));
                continue;
            }
            if (calendar.IsWorkingDay(date))
            {
                left--;
                if (calendar.MakeUpWorkday(date) is { } workday)
                {
                    steps.Add(new DeadlineStep(date, $"{date:yyyy-MM-dd}（{ChineseWeekday(date)}）调休上班（{workday.Name}），计为工作日。"));
                }
            }
            else
            {
                skipped.Add(new SkippedDay(date, calendar.NonWorkingReason(date)!));
            }
        }
        foreach (var group in Runs(skipped.Where(s => s.Reason != "周末" && !pauses.Any(p => p.Reason == s.Reason)).ToList()))
        {
            steps.Add(new DeadlineStep(group.First().Date, $"{Range(group)} {group.First().Reason}放假，不计。"));
        }
        var weekends = skipped.Count(s => s.Reason == "周末");
        if (weekends > 0)
        {
            steps.Add(new DeadlineStep(null, $"跳过周末 {weekends} 天。"));
        }
        steps.Add(new DeadlineStep(date, $"答复期限：{date:yyyy-MM-dd}（{ChineseWeekday(date)}）。"));
        return new DeadlineExplanation(date, start, days, skipped, steps, $"答复期限 {date:yyyy-MM-dd}");
    }

    /// <summary>
    /// <see cref="Compute"/>, except that a deadline reaching into a year without a holiday notice
    /// comes back as an explanation that says so (no due date) instead of an exception: what every
    /// page, letter and list that shows a deadline needs.
    /// </summary>
    public static DeadlineExplanation ComputeOrExplain(WorkingDayCalendar calendar, DeadlineInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(inputs);
        try
        {
            return Compute(calendar, inputs);
        }
        catch (CalendarYearUnknownException)
        {
            // The exact date is unknowable until the State Council's notice is imported, but a handler
            // still needs a date to work to: count the unknown year as a Monday–Friday week and say so.
            // Nothing is stored, so the date becomes exact by itself once the notice is imported.
            var provisional = Compute(calendar.AssumingWeekendsOnlyWhereUnknown(), inputs);
            if (provisional.Due is not DateOnly due || provisional.Start is not DateOnly start)
            {
                return provisional;
            }
            var reason = ProvisionalReason(calendar.UnknownYears(start, due));
            var steps = provisional.Steps.ToList();
            steps[^1] = new DeadlineStep(due, $"答复期限（暂定）：{due:yyyy-MM-dd}（{ChineseWeekday(due)}）。");
            steps.Insert(steps.Count - 1, new DeadlineStep(null, $"暂定：{reason}。"));
            return provisional with { Steps = steps, Summary = $"答复期限 {due:yyyy-MM-dd}（暂定）", Provisional = reason };
        }
    }

    /// <summary>"2027年节假日安排尚未录入，暂按双休日计算；录入后自动更正" for the years given.</summary>
    public static string ProvisionalReason(IReadOnlyCollection<int> unknownYears)
    {
        ArgumentNullException.ThrowIfNull(unknownYears);
        return $"{string.Join("、", unknownYears)}年节假日安排尚未录入，暂按双休日计算；录入后自动更正";
    }

    /// <summary>
    /// Whether an answer given on <paramref name="answeredOn"/> kept the deadline; null when the
    /// deadline cannot be computed exactly (a year without a holiday notice), so that it is not judged
    /// against a provisional date.
    /// </summary>
    public static bool? AnsweredOnTime(WorkingDayCalendar calendar, DeadlineInputs inputs, DateOnly answeredOn)
    {
        try
        {
            return Compute(calendar, inputs).Due is DateOnly due ? answeredOn <= due : null;
        }
        catch (CalendarYearUnknownException)
        {
            return null;
        }
    }

    /// <summary>
    /// <paramref name="days"/> working days after <paramref name="from"/>: exact, or 暂定 (counted with
    /// weekends only through a year without a notice) with the reason.
    /// </summary>
    public static WorkingDayDate AddWorkingDays(WorkingDayCalendar calendar, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        try
        {
            return new WorkingDayDate(calendar.AddWorkingDays(from, days).Due, null);
        }
        catch (CalendarYearUnknownException)
        {
            var due = calendar.AssumingWeekendsOnlyWhereUnknown().AddWorkingDays(from, days).Due;
            return new WorkingDayDate(due, ProvisionalReason(calendar.UnknownYears(from, due)));
        }
    }

    /// <summary>条例 Art. 30: the 补正 notice is due within 7 working days of receipt.</summary>
    public static WorkingDayDate CorrectionNoticeDue(WorkingDayCalendar calendar, DateOnly receivedOn) =>
        AddWorkingDays(calendar, receivedOn, CorrectionNoticeWorkingDays);

    /// <summary>A pause for a consultation (Art. 32, Art. 34), as opposed to the wait for a fee.</summary>
    public static bool IsConsultation(ClockPause pause)
    {
        ArgumentNullException.ThrowIfNull(pause);
        return pause.Reason != ClockPause.FeeReason;
    }

    /// <summary>
    /// The last day of a consultation: 15 working days from the day after its letter was received
    /// (<see cref="ClockPause.DeliveredOn"/>), or, while no delivery is registered, after it was sent.
    /// </summary>
    public static WorkingDayDate ConsultationEnd(WorkingDayCalendar calendar, ClockPause consultation)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(consultation);
        return AddWorkingDays(calendar, consultation.DeliveredOn ?? consultation.From, ThirdPartyWorkingDays);
    }

    /// <summary>国办函〔2020〕109号 Art. 6: the applicant pays within 20 working days of receiving the fee notice.</summary>
    public const int FeePaymentWorkingDays = 20;

    /// <summary>
    /// The last day to pay the processing fee: 20 working days from the day after the notice reached the
    /// applicant (国办函〔2020〕109号第六条, “收到收费通知次日起20个工作日内”); for a case noticed before this was
    /// counted, the date the handler set; null while the notice's delivery is not registered.
    /// </summary>
    public static WorkingDayDate? FeePaymentDue(WorkingDayCalendar calendar, RequestCase c)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(c);
        if (c.Pauses.LastOrDefault(p => p.Reason == ClockPause.FeeReason) is { DeliveredOn: DateOnly delivered })
        {
            return AddWorkingDays(calendar, delivered, FeePaymentWorkingDays);
        }
        return c.FeeDueOn is DateOnly legacy ? new WorkingDayDate(legacy, null) : null;
    }

    /// <summary>
    /// The pauses as the clock sees them, in order. Art. 32 (a third party) and Art. 34 (another
    /// agency): 15 working days to answer; a silent third party leaves the decision to the agency and a
    /// silent agency consents, so a consultation still open, or closed later, ends on its 15th day
    /// (<c>Lapsed</c>). The wait for a fee ends only when it is paid or the case is closed.
    /// </summary>
    private static IEnumerable<(ClockPause Pause, bool Lapsed)> EffectivePauses(WorkingDayCalendar calendar, IEnumerable<ClockPause> pauses)
    {
        foreach (var pause in pauses.OrderBy(p => p.From))
        {
            if (IsConsultation(pause) && ConsultationEnd(calendar, pause).Date is var end && (pause.To is not DateOnly to || to > end))
            {
                yield return (pause with { To = end }, true);
            }
            else
            {
                yield return (pause, false);
            }
        }
    }

    /// <summary>
    /// Working days the office took to answer: from the day after receipt (or after the correction) up
    /// to the answer, less the days the clock stood still, counted exactly as the deadline counts them
    /// (the statistics' 平均办理天数). Null without a start, when the answer precedes it, or in a year without a notice.
    /// </summary>
    public static int? WorkingDaysTaken(WorkingDayCalendar calendar, DeadlineInputs inputs, DateOnly answeredOn)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(inputs);
        if ((inputs.CorrectionReceivedOn ?? inputs.ReceivedOn) is not DateOnly start || answeredOn < start)
        {
            return null;
        }
        try
        {
            var pauses = EffectivePauses(calendar, inputs.Pauses).Select(p => p.Pause).ToList();
            var days = 0;
            for (var date = start.AddDays(1); date <= answeredOn; date = date.AddDays(1))
            {
                if (!pauses.Any(p => p.From <= date && (p.To is null || date <= p.To)) && calendar.IsWorkingDay(date))
                {
                    days++;
                }
            }
            return days;
        }
        catch (CalendarYearUnknownException)
        {
            return null;
        }
    }

    public static string ChineseWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };

    private static IEnumerable<List<SkippedDay>> Runs(List<SkippedDay> days)
    {
        var run = new List<SkippedDay>();
        foreach (var day in days)
        {
            if (run.Count > 0 && (day.Reason != run[^1].Reason || day.Date.DayNumber - run[^1].Date.DayNumber > 3))
            {
                yield return run;
                run = [];
            }
            run.Add(day);
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static string Range(List<SkippedDay> run) =>
        run.Count == 1 ? $"{run[0].Date:yyyy-MM-dd}" : $"{run[0].Date:yyyy-MM-dd} 至 {run[^1].Date:yyyy-MM-dd}（{run.Count}个工作日）";
}

/// <summary>
/// 信息处理费 (条例 Art. 42, 国办函〔2020〕109号), charged only for requests beyond a reasonable
/// quantity or frequency, per request or per page — never both.
/// </summary>
public static class ProcessingFee
{
    /// <summary>
    /// The fee for the <paramref name="requestsThisMonth"/> requests one applicant made in a calendar
    /// month: 1–10 free; 11–30: 100 元 each; from 31 on, 100 元 more for every further 10
    /// (31–40: 200 元, 41–50: 300 元 …). Example: 45 → 20×100 + 10×200 + 5×300 = 5,500 元.
    /// </summary>
    public static decimal PerRequest(int requestsThisMonth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsThisMonth);
        decimal total = 0;
        for (var n = 11; n <= requestsThisMonth; n++)
        {
            total += n <= 30 ? 100 : 100 * (((n - 31) / 10) + 2);
        }
        return total;
    }

    /// <summary>The price of the <paramref name="n"/>-th request of the month.</summary>
    public static decimal PriceOfRequest(int n) => n <= 10 ? 0 : PerRequest(n) - PerRequest(n - 1);

    /// <summary>Per page: 1–30 free; 31–100: 10 元; 101–200: 20 元; 201 and more: 40 元 per page.</summary>
    public static decimal PerPage(int pages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pages);
        decimal total = 0;
        for (var p = 31; p <= pages; p++)
        {
            total += p <= 100 ? 10 : p <= 200 ? 20 : 40;
        }
        return total;
    }
}

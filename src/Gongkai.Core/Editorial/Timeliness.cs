using Gongkai.Core.Calendar;

namespace Gongkai.Core.Editorial;

/// <summary>How a change published by a revision fared under 条例 Art. 26 (null on a revision that published no dated change).</summary>
public enum ChangeTimeliness
{
    OnTime = 1,
    Late = 2,
    /// <summary>The change date or the publication falls in a year without holiday data.</summary>
    Unjudged = 3,
}

/// <summary>
/// The outcome of the 条例 Art. 26 check for one record: <paramref name="Days"/> counted after the date
/// (working days, or calendar days under a period set in days), null when it could not be judged.
/// </summary>
public sealed record TimelinessCheck(bool Late, int? Days, string? Warning);

/// <summary>
/// 《政府信息公开条例》第二十六条: information to be disclosed proactively is published within 20
/// working days of being made or changed, or within the period another law or regulation sets
/// (<see cref="PublicationPeriod"/>). A date in a year without holiday data cannot be judged in
/// working days, and the check says so rather than guessing.
/// </summary>
public static class Timeliness
{
    public const int StatutoryWorkingDays = 20;

    /// <param name="dateLabel">What the first date is: 生成日期 (a record made), or 变更日期 (a change, e.g. 废止, that took effect).</param>
    /// <param name="period">The period another law or regulation sets for this record; null for Art. 26's 20 working days.</param>
    public static TimelinessCheck Check(WorkingDayCalendar calendar, DateOnly generatedOn, DateOnly publishedOn, string dateLabel = "生成日期", PublicationPeriod? period = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (publishedOn <= generatedOn)
        {
            return new TimelinessCheck(false, 0, null);
        }
        var rule = period is null ? "《政府信息公开条例》第二十六条" : $"{period.Basis}（条例第二十六条：法律、法规另有规定的，从其规定）";
        var limit = period?.Days ?? StatutoryWorkingDays;
        if (period is { WorkingDays: false })
        {
            var days = publishedOn.DayNumber - generatedOn.DayNumber;
            return days > limit
                ? new TimelinessCheck(true, days, $"公开日期（{publishedOn:yyyy-MM-dd}）在{dateLabel}（{generatedOn:yyyy-MM-dd}）之后第{days}日，超过{rule}规定的{period.Text}，将计为逾期公开。")
                : new TimelinessCheck(false, days, null);
        }
        try
        {
            var days = calendar.WorkingDaysAfter(generatedOn, publishedOn);
            return days > limit
                ? new TimelinessCheck(true, days,
                    $"公开日期（{publishedOn:yyyy-MM-dd}）在{dateLabel}（{generatedOn:yyyy-MM-dd}）之后第{days}个工作日，超过{rule}规定的{limit}个工作日，将计为逾期公开。")
                : new TimelinessCheck(false, days, null);
        }
        catch (CalendarYearUnknownException e)
        {
            return new TimelinessCheck(false, null, $"无法判断是否符合{rule}：{e.Message}");
        }
    }
}

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

/// <summary>The outcome of the 条例 Art. 26 check for one record.</summary>
public sealed record TimelinessCheck(bool Late, int? WorkingDays, string? Warning);

/// <summary>
/// 《政府信息公开条例》第二十六条: information to be disclosed proactively is published within 20
/// working days of being made or changed. A date in a year without holiday data cannot be judged,
/// and the check says so rather than guessing.
/// </summary>
public static class Timeliness
{
    public const int StatutoryWorkingDays = 20;

    /// <param name="dateLabel">What the first date is: 生成日期 (a record made), or 变更日期 (a change, e.g. 废止, that took effect).</param>
    public static TimelinessCheck Check(WorkingDayCalendar calendar, DateOnly generatedOn, DateOnly publishedOn, string dateLabel = "生成日期")
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (publishedOn <= generatedOn)
        {
            return new TimelinessCheck(false, 0, null);
        }
        try
        {
            var days = calendar.WorkingDaysAfter(generatedOn, publishedOn);
            return days > StatutoryWorkingDays
                ? new TimelinessCheck(true, days,
                    $"公开日期（{publishedOn:yyyy-MM-dd}）在{dateLabel}（{generatedOn:yyyy-MM-dd}）之后第{days}个工作日，超过《政府信息公开条例》第二十六条规定的{StatutoryWorkingDays}个工作日，将计为逾期公开。")
                : new TimelinessCheck(false, days, null);
        }
        catch (CalendarYearUnknownException e)
        {
            return new TimelinessCheck(false, null, $"无法判断是否符合《政府信息公开条例》第二十六条：{e.Message}");
        }
    }
}

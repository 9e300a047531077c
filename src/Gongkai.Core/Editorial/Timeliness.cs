using Gongkai.Core.Calendar;

namespace Gongkai.Core.Editorial;

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

    public static TimelinessCheck Check(WorkingDayCalendar calendar, DateOnly generatedOn, DateOnly publishedOn)
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
                    $"公开日期（{publishedOn:yyyy-MM-dd}）在生成日期（{generatedOn:yyyy-MM-dd}）之后第{days}个工作日，超过《政府信息公开条例》第二十六条规定的{StatutoryWorkingDays}个工作日，将计为逾期公开。")
                : new TimelinessCheck(false, days, null);
        }
        catch (CalendarYearUnknownException e)
        {
            return new TimelinessCheck(false, null, $"无法判断是否符合《政府信息公开条例》第二十六条：{e.Message}");
        }
    }
}

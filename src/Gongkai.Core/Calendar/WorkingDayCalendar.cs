namespace Gongkai.Core.Calendar;

/// <summary>
/// An exception to the Monday–Friday week from a State Council holiday notice: a weekday off
/// (<see cref="Off"/>), or a weekend day that is a working day (调休上班).
/// </summary>
public sealed record HolidayEntry(DateOnly Date, string Name, bool Off);

/// <summary>A day that a working-day count passed over, and why.</summary>
public sealed record SkippedDay(DateOnly Date, string Reason);

/// <summary>
/// The result of counting working days: the due date, the days skipped (周末 or the holiday's
/// name) and the weekend days counted because they were 调休 working days.
/// </summary>
public sealed record WorkingDayCount(DateOnly From, int Days, DateOnly Due, IReadOnlyList<SkippedDay> Skipped, IReadOnlyList<HolidayEntry> MakeUpWorkdays);

/// <summary>A date falls in a year for which no holiday notice has been loaded: the calendar does not guess.</summary>
public sealed class CalendarYearUnknownException(int year)
    : DomainException($"{year}年的节假日安排尚未录入，无法计算工作日。请管理员先导入国务院办公厅关于{year}年部分节假日安排的通知。")
{
    public int Year { get; } = year;
}

/// <summary>
/// 工作日: Monday–Friday minus the State Council's public holidays, plus the weekend days it makes
/// working days (调休). Holidays are data (one set of exceptions per notice, all notices merged: a
/// notice may reach into the previous December). A date in a year without a notice is unknown, not
/// a plain Monday–Friday week (regulations.md, "Working days").
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, HolidayEntry> _exceptions;
    private readonly HashSet<int> _years;
    private readonly bool _weekendsOnlyWhereUnknown;

    /// <param name="exceptions">the exceptions of every notice loaded</param>
    /// <param name="years">the years whose notice has been loaded (a notice's own year)</param>
    public WorkingDayCalendar(IEnumerable<HolidayEntry> exceptions, IEnumerable<int> years)
    {
        ArgumentNullException.ThrowIfNull(exceptions);
        ArgumentNullException.ThrowIfNull(years);
        _exceptions = [];
        foreach (var e in exceptions)
        {
            var weekend = e.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (e.Off == weekend)
            {
                throw new ArgumentException($"{e.Date:yyyy-MM-dd} ({e.Date.DayOfWeek}) cannot be listed with off={e.Off}: only weekdays off and weekend working days are exceptions.");
            }
            _exceptions[e.Date] = e;
        }
        _years = [.. years];
    }

    private WorkingDayCalendar(WorkingDayCalendar exact)
    {
        _exceptions = exact._exceptions;
        _years = exact._years;
        _weekendsOnlyWhereUnknown = true;
    }

    public IReadOnlyCollection<int> Years => _years;

    /// <summary>
    /// True for the calendar of <see cref="AssumingWeekendsOnlyWhereUnknown"/>: its counts through a
    /// year without a notice are provisional.
    /// </summary>
    public bool IsProvisional => _weekendsOnlyWhereUnknown;

    public bool Covers(DateOnly date) => _years.Contains(date.Year);

    /// <summary>
    /// The same calendar, except that a year without a notice counts as a plain Monday–Friday week
    /// instead of being refused. Only for a date marked 暂定 (provisional) wherever it is shown, and
    /// never for the public calculator: the exact calendar still refuses to guess.
    /// </summary>
    public WorkingDayCalendar AssumingWeekendsOnlyWhereUnknown() => _weekendsOnlyWhereUnknown ? this : new WorkingDayCalendar(this);

    /// <summary>The years from <paramref name="from"/> to <paramref name="to"/> (inclusive) that have no notice, in order.</summary>
    public IReadOnlyList<int> UnknownYears(DateOnly from, DateOnly to)
    {
        var years = new List<int>();
        for (var year = from.Year; year <= to.Year; year++)
        {
            if (!_years.Contains(year))
            {
                years.Add(year);
            }
        }
        return years;
    }

    /// <exception cref="CalendarYearUnknownException">the year has no holiday notice (exact calendar only)</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!Covers(date))
        {
            if (_weekendsOnlyWhereUnknown)
            {
                return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            }
            throw new CalendarYearUnknownException(date.Year);
        }
        return _exceptions.TryGetValue(date, out var e) ? !e.Off : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>Why a day is not a working day (周末, or the holiday's name), or null for a working day.</summary>
    public string? NonWorkingReason(DateOnly date) =>
        IsWorkingDay(date) ? null : _exceptions.TryGetValue(date, out var holiday) ? holiday.Name : "周末";

    /// <summary>The notice that makes this weekend day a working day (调休上班), or null.</summary>
    public HolidayEntry? MakeUpWorkday(DateOnly date) =>
        _exceptions.TryGetValue(date, out var e) && !e.Off ? e : null;

    /// <summary>
    /// The date <paramref name="days"/> working days after <paramref name="from"/>, counting from the
    /// next day (条例 Art. 33: "自收到申请之日起20个工作日内"; the day of receipt is not counted).
    /// </summary>
    public WorkingDayCount AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var skipped = new List<SkippedDay>();
        var makeUp = new List<HolidayEntry>();
        var date = from;
        var left = days;
        while (left > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                left--;
                if (_exceptions.TryGetValue(date, out var workday))
                {
                    makeUp.Add(workday);
                }
            }
            else
            {
                skipped.Add(new SkippedDay(date, _exceptions.TryGetValue(date, out var holiday) ? holiday.Name : "周末"));
            }
        }
        return new WorkingDayCount(from, days, date, skipped, makeUp);
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when to ≤ from).</summary>
    public int WorkingDaysAfter(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }
        return count;
    }
}

using System.Globalization;
using System.Text.Json;
using Gongkai.Core.Calendar;

namespace Gongkai.Core.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    internal static readonly WorkingDayCalendar Calendar = Load();

    /// <summary>
    /// The shipped notices up to 2026 only: the tests of a year without a notice use 2027 and must
    /// keep passing once data/holidays/2027.json ships.
    /// </summary>
    internal static readonly WorkingDayCalendar Through2026 = Load(lastYear: 2026);

    private static WorkingDayCalendar Load(int lastYear = int.MaxValue)
    {
        var exceptions = new List<HolidayEntry>();
        var years = new List<int>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "holidays"), "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            if (json.RootElement.GetProperty("year").GetInt32() > lastYear)
            {
                continue;
            }
            years.Add(json.RootElement.GetProperty("year").GetInt32());
            exceptions.AddRange(json.RootElement.GetProperty("days").EnumerateArray().Select(d => new HolidayEntry(
                DateOnly.ParseExact(d.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                d.GetProperty("name").GetString()!, d.GetProperty("off").GetBoolean())));
        }
        return new WorkingDayCalendar(exceptions, years);
    }

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    // from, days, due, skipped days
    [InlineData("2020-01-20", 5, "2020-02-04", 10)]  // 春节 extended by 国办发明电〔2020〕1号; 2020-02-01 no longer a working Saturday
    [InlineData("2019-04-26", 5, "2019-05-06", 5)]   // 劳动节 as changed by 国办发明电〔2019〕3号: 4/28 and 5/5 (Sundays) are working days
    [InlineData("2026-09-28", 5, "2026-10-10", 7)]   // 国庆节 2026
    [InlineData("2024-02-08", 3, "2024-02-19", 8)]   // 除夕 2024-02-09 is an ordinary working day; 2/18 (Sunday) a working day
    [InlineData("2025-01-27", 1, "2025-02-05", 8)]   // from 2025 除夕 is part of the holiday
    [InlineData("2018-12-28", 2, "2019-01-02", 3)]   // the 2019 notice reaches back: 2018-12-29 (Saturday) works, 12-31 is off
    [InlineData("2023-06-05", 20, "2023-07-04", 9)]  // 端午节 2023, with 6/25 (Sunday) a working day
    public void Due_dates_follow_the_state_council_notices(string from, int days, string due, int skipped)
    {
        var result = Calendar.AddWorkingDays(D(from), days);
        Assert.Equal(D(due), result.Due);
        Assert.Equal(skipped, result.Skipped.Count);
    }

    [Fact]
    public void Due_date_skips_the_spring_festival_and_counts_the_makeup_saturday()
    {
        // 2024-02-04 (Sunday) and 2024-02-18 (Sunday) are 调休 working days around 春节.
        var result = Calendar.AddWorkingDays(D("2024-02-02"), 2);
        Assert.Equal(D("2024-02-05"), result.Due);
        Assert.Equal([D("2024-02-04")], result.MakeUpWorkdays.Select(m => m.Date));
        Assert.Equal(new SkippedDay(D("2024-02-03"), "周末"), Assert.Single(result.Skipped));
    }

    [Fact]
    public void Skipped_days_say_why()
    {
        var result = Calendar.AddWorkingDays(D("2026-09-30"), 1);
        Assert.Equal(D("2026-10-08"), result.Due);
        Assert.Equal(["国庆节", "国庆节", "周末", "周末", "国庆节", "国庆节", "国庆节"], result.Skipped.Select(s => s.Reason));
    }

    [Fact]
    public void Counting_starts_the_day_after_receipt()
    {
        Assert.Equal(D("2026-03-03"), Calendar.AddWorkingDays(D("2026-03-02"), 1).Due);
        Assert.Equal(D("2026-03-02"), Calendar.AddWorkingDays(D("2026-03-02"), 0).Due);
    }

    [Fact]
    public void A_date_in_a_year_without_a_notice_is_an_error_not_a_guess()
    {
        var error = Assert.Throws<CalendarYearUnknownException>(() => Calendar.AddWorkingDays(D("2026-12-25"), 5));
        Assert.Equal(2027, error.Year);
        Assert.Contains("2027年的节假日安排尚未录入", error.Message, StringComparison.Ordinal);
        Assert.Throws<CalendarYearUnknownException>(() => Calendar.IsWorkingDay(D("2017-06-01")));
    }

    [Theory]
    [InlineData("2020-01-02", "2020-01-03", 1)]   // the reference record: formed one day, published the next
    [InlineData("2026-09-28", "2026-10-10", 5)]
    [InlineData("2026-03-02", "2026-03-02", 0)]
    [InlineData("2026-03-02", "2026-02-27", 0)]
    public void Working_days_between_two_dates_count_those_after_the_first(string from, string to, int expected)
    {
        Assert.Equal(expected, Calendar.WorkingDaysAfter(D(from), D(to)));
    }

    [Fact]
    public void A_weekday_off_or_a_weekend_working_day_is_all_an_exception_can_be()
    {
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([new HolidayEntry(D("2026-03-07"), "x", Off: true)], [2026]));
        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([new HolidayEntry(D("2026-03-09"), "x", Off: false)], [2026]));
    }
}

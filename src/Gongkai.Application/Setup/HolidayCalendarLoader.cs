using System.Globalization;
using Gongkai.Core.Calendar;

namespace Gongkai.Application.Setup;

/// <summary>
/// Builds the <see cref="WorkingDayCalendar"/> from the shipped notices (data/holidays/YYYY.json, a
/// copy of ../shared/reference/holidays): every file is loaded and merged, because a notice can
/// cover the last days of the previous December.
/// </summary>
public static class HolidayCalendarLoader
{
    public sealed record Day(string Date, string Name, bool Off);

    public sealed record Notice(int Year, string Source, List<Day> Days);

    public static WorkingDayCalendar Load(string? folder = null) => Build(Shipped(folder), []);

    /// <summary>The shipped notices, by year.</summary>
    public static IReadOnlyDictionary<int, Notice> Shipped(string? folder = null)
    {
        var path = folder ?? DataFiles.PathOf("holidays");
        var notices = new Dictionary<int, Notice>();
        foreach (var file in Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            var notice = System.Text.Json.JsonSerializer.Deserialize<Notice>(stream, DataFiles.Json)
                         ?? throw new InvalidDataException($"{file} is empty.");
            notices[notice.Year] = notice;
        }
        return notices;
    }

    /// <summary>Merges the shipped notices with the administrator's (which win for their year).</summary>
    public static WorkingDayCalendar Build(IReadOnlyDictionary<int, Notice> shipped, IEnumerable<Notice> entered)
    {
        var all = shipped.ToDictionary(p => p.Key, p => p.Value);
        foreach (var notice in entered)
        {
            all[notice.Year] = notice;
        }
        var exceptions = new Dictionary<DateOnly, HolidayEntry>();
        foreach (var notice in all.Values.OrderBy(n => n.Year))
        {
            foreach (var d in notice.Days)
            {
                var entry = new HolidayEntry(DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), d.Name, d.Off);
                exceptions[entry.Date] = entry;
            }
        }
        return new WorkingDayCalendar(exceptions.Values, all.Keys);
    }

    /// <summary>
    /// Reads a notice an administrator pastes or uploads, in the shipped JSON format, and checks it:
    /// dates in the notice's year (or the December before), weekdays only as days off and weekend
    /// days only as 调休 working days — with a Chinese message naming the first bad day.
    /// </summary>
    public static Notice Parse(string json)
    {
        Notice? notice;
        try
        {
            notice = System.Text.Json.JsonSerializer.Deserialize<Notice>(json, DataFiles.Json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Core.DomainException($"无法读取：不是有效的节假日通知 JSON（{e.Message}）。格式见 data/holidays/2026.json。", e);
        }
        if (notice is null || notice.Year is < 2000 or > 2100 || notice.Days is null || notice.Days.Count == 0)
        {
            throw new Core.DomainException("节假日通知须有 year（年份）和 days（日期列表）。");
        }
        foreach (var d in notice.Days)
        {
            if (!DateOnly.TryParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new Core.DomainException($"日期“{d.Date}”格式不对，应为 YYYY-MM-DD。");
            }
            if (date.Year != notice.Year && !(date.Year == notice.Year - 1 && date.Month == 12))
            {
                throw new Core.DomainException($"{d.Date} 不在{notice.Year}年（或上一年12月）内。");
            }
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (d.Off == weekend)
            {
                throw new Core.DomainException(d.Off
                    ? $"{d.Date} 是周末，本来就不上班，不必列为放假日。"
                    : $"{d.Date} 是工作日，本来就上班，不必列为调休上班日。");
            }
            if (string.IsNullOrWhiteSpace(d.Name))
            {
                throw new Core.DomainException($"{d.Date} 缺少节日名称。");
            }
        }
        return notice;
    }
}

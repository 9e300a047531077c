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
    private sealed record Day(string Date, string Name, bool Off);

    private sealed record Notice(int Year, string Source, List<Day> Days);

    public static WorkingDayCalendar Load(string? folder = null)
    {
        var path = folder ?? DataFiles.PathOf("holidays");
        var exceptions = new List<HolidayEntry>();
        var years = new List<int>();
        foreach (var file in Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            var notice = System.Text.Json.JsonSerializer.Deserialize<Notice>(stream, DataFiles.Json)
                         ?? throw new InvalidDataException($"{file} is empty.");
            years.Add(notice.Year);
            exceptions.AddRange(notice.Days.Select(d =>
                new HolidayEntry(DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), d.Name, d.Off)));
        }
        return new WorkingDayCalendar(exceptions, years);
    }
}

namespace Gongkai.Core.Calendar;

/// <summary>
/// A year's holiday notice entered or imported by an administrator (国务院办公厅关于某年部分节假日安排的通知),
/// in the JSON format of the shipped files. It replaces the shipped notice of the same year.
/// </summary>
public sealed class HolidayNotice
{
    public int Year { get; private set; }
    public string Source { get; private set; } = string.Empty;

    /// <summary>The notice as JSON: <c>{year, source, days[{date, name, off}]}</c>.</summary>
    public string Json { get; private set; } = string.Empty;

    public DateTime UpdatedAtUtc { get; private set; }
    public string UpdatedBy { get; private set; } = string.Empty;

    private HolidayNotice() { }

    public HolidayNotice(int year, string source, string json, DateTime nowUtc, string by)
    {
        Year = year;
        Replace(source, json, nowUtc, by);
    }

    public void Replace(string source, string json, DateTime nowUtc, string by)
    {
        Source = Require.Text(source, "通知名称和文号");
        Json = json;
        UpdatedAtUtc = nowUtc;
        UpdatedBy = by;
    }
}

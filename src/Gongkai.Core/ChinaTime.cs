namespace Gongkai.Core;

/// <summary>
/// Dates on the platform are China Standard Time dates (UTC+8, no daylight saving since 1991):
/// a record published at 2020-01-02T17:00Z has 公开日期 2020-01-03.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChina(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToChina(utc).DateTime);

    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOf(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Midnight at the start of <paramref name="date"/> in China, as UTC.</summary>
    public static DateTime StartOfDayUtc(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).UtcDateTime;
}

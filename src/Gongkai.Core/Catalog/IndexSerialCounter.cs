namespace Gongkai.Core.Catalog;

/// <summary>
/// The last serial handed out for one (prefix, year). Serials are never reused: a counter only
/// moves forward, and an imported index number moves it to at least that serial, so that numbers
/// assigned afterwards continue after the imported one.
/// </summary>
/// <remarks>
/// The year is the year of the record's 公开日期 (publication date, China time) at its first
/// publication — the day the number is assigned. A record formed (生成日期) in December and
/// published in January takes the new year's series; serials within a year therefore follow the
/// order of publication. The database performs <see cref="Next"/> atomically for concurrent
/// publishers (see <c>IndexSerialAllocator</c>); this class states the rules.
/// </remarks>
public sealed class IndexSerialCounter
{
    public string Prefix { get; private set; }
    public int Year { get; private set; }
    public int LastSerial { get; private set; }

    public IndexSerialCounter(string prefix, int year)
    {
        Prefix = OrganizationCode.Validate(prefix).Code;
        Year = year;
    }

    /// <summary>The year an index number assigned on <paramref name="publishedOn"/> belongs to.</summary>
    public static int YearFor(DateOnly publishedOn) => publishedOn.Year;

    public IndexNumber Next()
    {
        if (LastSerial >= IndexNumber.MaxSerial)
        {
            throw new DomainConflictException(
                $"索引号前段码 {Prefix} 在 {Year} 年的序号已用完（最大 {IndexNumber.MaxSerial}）。");
        }
        LastSerial++;
        return IndexNumber.Create(Prefix, Year, LastSerial);
    }

    /// <summary>Takes note of an existing (imported) number so that it is never handed out again.</summary>
    public void Observe(IndexNumber existing)
    {
        if (existing.Prefix != Prefix || existing.Year != Year)
        {
            throw new ArgumentException($"{existing} does not belong to the series {Prefix}/{Year}.", nameof(existing));
        }
        LastSerial = Math.Max(LastSerial, existing.Serial);
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gongkai.Core.Catalog;

/// <summary>
/// 信息索引号: <c>前段码/后段码</c> = <c>{prefix}/{year}-{serial:00000}</c> (国办秘函〔2009〕6号), for
/// example <c>01404053X/2020-00390</c>. The prefix is the publisher's organization code (9) or
/// credit code (18); the serial runs per (prefix, year) from 00001 to 99999.
/// Once assigned, an index number never changes and is never reused.
/// </summary>
public readonly record struct IndexNumber
{
    public const int MinYear = 1949;
    public const int MaxYear = 9999;
    public const int MaxSerial = 99_999;

    public string Prefix { get; }
    public int Year { get; }
    public int Serial { get; }

    private IndexNumber(string prefix, int year, int serial)
    {
        Prefix = prefix;
        Year = year;
        Serial = serial;
    }

    /// <summary>Creates an index number, validating the prefix's check character.</summary>
    public static IndexNumber Create(string prefix, int year, int serial)
    {
        var (code, _) = OrganizationCode.Validate(prefix);
        if (year is < MinYear or > MaxYear)
        {
            throw new DomainException($"索引号年份“{year}”无效。");
        }
        if (serial is < 1 or > MaxSerial)
        {
            throw new DomainException($"索引号序号“{serial}”无效：序号应在00001至{MaxSerial}之间。");
        }
        return new IndexNumber(code, year, serial);
    }

    /// <summary>The suffix (后段码) as it appears in URLs: <c>2020-00390</c>.</summary>
    public string Suffix => FormatSuffix(Year, Serial);

    public override string ToString() => $"{Prefix}/{Suffix}";

    public static string FormatSuffix(int year, int serial) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{serial:00000}");

    public static IndexNumber Parse(string text) =>
        TryParse(text, out var number, out var error) ? number : throw new DomainException(error);

    public static bool TryParse(string? text, out IndexNumber number) => TryParse(text, out number, out _);

    public static bool TryParse(string? text, out IndexNumber number, out string error)
    {
        number = default;
        var value = (text ?? string.Empty).Trim();
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            error = $"索引号“{value}”格式不正确，应为“前段码/年份-序号”，例如 01404053X/2020-00390。";
            return false;
        }
        return TryParse(value[..slash], value[(slash + 1)..], out number, out error);
    }

    /// <summary>Parses the two halves as they come from a URL: <c>/xxgk/{prefix}/{suffix}</c>.</summary>
    public static bool TryParse(string? prefix, string? suffix, [NotNullWhen(true)] out IndexNumber? number, out string error)
    {
        var ok = TryParse(prefix, suffix, out IndexNumber value, out error);
        number = ok ? value : null;
        return ok;
    }

    private static bool TryParse(string? prefix, string? suffix, out IndexNumber number, out string error)
    {
        number = default;
        if (!OrganizationCode.TryValidate(prefix, out var code, out _, out error))
        {
            error = "索引号前段码无效：" + error;
            return false;
        }
        var s = suffix ?? string.Empty;
        // 后段码 is exactly YYYY-NNNNN: four digits, a hyphen, five digits.
        if (s.Length != 10 || s[4] != '-' || !AllDigits(s.AsSpan(0, 4)) || !AllDigits(s.AsSpan(5, 5)))
        {
            error = $"索引号后段码“{s}”格式不正确，应为“年份-五位序号”，例如 2020-00390。";
            return false;
        }
        var year = int.Parse(s.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var serial = int.Parse(s.AsSpan(5, 5), CultureInfo.InvariantCulture);
        if (year < MinYear || serial < 1)
        {
            error = $"索引号后段码“{s}”无效：年份或序号超出范围。";
            return false;
        }
        number = new IndexNumber(code, year, serial);
        error = string.Empty;
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}

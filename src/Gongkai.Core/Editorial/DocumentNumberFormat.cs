using System.Text.RegularExpressions;

namespace Gongkai.Core.Editorial;

/// <summary>
/// 文号 (发文字号): 机关代字〔年份〕序号号, e.g. 澄政办发〔2020〕12号 (GB/T 9704-2012 §7.2.4: the year in
/// 六角括号 〔〕, the number without leading zeros). Square and round brackets, full- or half-width,
/// are accepted and written as 〔〕. 令 numbers (江阴市人民政府令第1号) have their own form.
/// </summary>
public static partial class DocumentNumberFormat
{
    [GeneratedRegex(@"^(?<agency>[\p{IsCJKUnifiedIdeographs}A-Za-z]{1,20})\s*[〔\[［(（【]\s*(?<year>(19|20)\d{2})\s*[〕\]］)）】]\s*(?<serial>\d{1,5})\s*号$")]
    private static partial Regex Standard();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}]{2,30}令第\s*(?<serial>\d{1,5})\s*号$")]
    private static partial Regex Decree();

    /// <summary>The 文号 in its canonical form, null for none; a malformed one is a <see cref="DomainException"/>.</summary>
    public static string? Normalize(string? documentNumber)
    {
        if (string.IsNullOrWhiteSpace(documentNumber))
        {
            return null;
        }
        var text = documentNumber.Trim();
        var match = Standard().Match(text);
        if (match.Success)
        {
            var serial = int.Parse(match.Groups["serial"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return $"{match.Groups["agency"].Value}〔{match.Groups["year"].Value}〕{serial}号";
        }
        if (Decree().IsMatch(text))
        {
            return text.Replace(" ", string.Empty, StringComparison.Ordinal);
        }
        throw new DomainException($"文号“{text}”的格式不对：应为“机关代字〔年份〕序号号”，例如“澄政办发〔2020〕12号”。");
    }

    /// <summary>Finds the first 文号 in a text (for Word import), or null.</summary>
    public static string? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = FindRegex().Match(text);
        return match.Success ? Normalize(match.Value) : null;
    }

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}A-Za-z]{1,20}\s*[〔\[［(（【]\s*(19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,5}\s*号")]
    private static partial Regex FindRegex();
}

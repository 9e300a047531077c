using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Gongkai.Application.Search;

/// <summary>Text folding shared by indexing, querying and highlighting.</summary>
public static partial class TextNormalizer
{
    /// <summary>
    /// Folds full-width ASCII (Ａ１！) to half-width and upper to lower case, one UTF-16 unit for one,
    /// so that offsets in the folded text are offsets in the original.
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (c is >= '\uFF01' and <= '\uFF5E')
                {
                    c = (char)(c - 0xFEE0);
                }
                else if (c == '\u3000')
                {
                    c = ' ';
                }
                span[i] = char.ToLowerInvariant(c);
            }
        });
    }

    /// <summary>
    /// The canonical form of a 文号 for exact matching: 〔〕, [], (), （）, ［］ and 【】 are all the same
    /// bracket, widths are folded, spaces dropped. 澄政发〔2023〕10号 = 澄政发[2023]10号 = 澄政发（2023）10号.
    /// </summary>
    public static string DocumentNumberKey(string documentNumber)
    {
        var folded = Fold(documentNumber);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            switch (c)
            {
                case '〔' or '[' or '(' or '【' or '［' or '（' or '﹝' or '⟮':
                    builder.Append('(');
                    break;
                case '〕' or ']' or ')' or '】' or '］' or '）' or '﹞' or '⟯':
                    builder.Append(')');
                    break;
                default:
                    if (!char.IsWhiteSpace(c))
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>True when the text, as a whole, looks like a 文号 (机关代字〔年份〕序号号).</summary>
    public static bool TryParseDocumentNumber(string? text, out string agency, out int year, out int serial)
    {
        agency = string.Empty;
        year = serial = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var m = DocumentNumberPattern().Match(DocumentNumberKey(text));
        if (!m.Success)
        {
            return false;
        }
        agency = m.Groups["agency"].Value;
        year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        serial = int.Parse(m.Groups["serial"].Value, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The key of an index number for exact matching (upper-case prefix, folded width).</summary>
    public static string IndexNumberKey(string text) => Fold(text).Trim().ToUpperInvariant();

    /// <summary>Text of sanitised body HTML: tags dropped, block ends as line breaks, entities decoded.</summary>
    public static string HtmlToText(string html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }
        var withBreaks = BlockEnd().Replace(html, "\n");
        var text = Tag().Replace(withBreaks, string.Empty);
        return WebUtility.HtmlDecode(text).Trim();
    }

    [GeneratedRegex(@"^(?<agency>\D+?)\((?<year>\d{4})\)(?<serial>\d{1,6})号?$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentNumberPattern();

    [GeneratedRegex(@"</(p|div|li|tr|h[1-6]|table|blockquote)>|<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}

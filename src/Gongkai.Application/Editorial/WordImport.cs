using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.Application.Catalog;
using Gongkai.Application.Search;
using Gongkai.Core;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using JiebaNet.Analyser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using A = DocumentFormat.OpenXml.Drawing;

namespace Gongkai.Application.Editorial;

/// <summary>What a Word file gave: the body as clean HTML and suggestions the editor accepts or changes.</summary>
public sealed record ImportSuggestions(
    string BodyHtml,
    string? Title,
    string? DocumentNumber,
    DateOnly? GeneratedOn,
    IReadOnlyList<string> Keywords,
    string? Summary,
    int? ThemeId,
    string? ThemeLabel,
    IReadOnlyList<string> Notes);

/// <summary>
/// 导入Word: turns a .docx (DocumentFormat.OpenXml) into the record body — headings, paragraphs,
/// lists, tables and images — and suggests the metadata an official document carries: the title,
/// the 文号, the 成文日期 at its end (生成日期), keywords (jieba TextRank), a summary and the theme
/// most used by the published records most like it. The HTML is sanitised like any body.
/// </summary>
public sealed partial class WordImport(BodySanitizer sanitizer, SearchService search, GongkaiDbContext db, TermDirectory terms, IOptions<GongkaiOptions> options)
{
    private static readonly Lazy<TextRankExtractor> TextRank = new(() => new TextRankExtractor());

    public async Task<ImportSuggestions> ImportAsync(Stream docx, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(docx);
        var limit = options.Value.Editorial.MaxImportMegabytes * 1024L * 1024L;
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(docx, buffer, limit, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        CheckPackage(buffer, options.Value.Editorial.MaxImportUnpackedMegabytes);
        buffer.Position = 0;
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(buffer, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or ArgumentException)
        {
            throw new DomainException(NotReadable, e);
        }
        using (document)
        {
            Converted converted;
            try
            {
                if (document.MainDocumentPart?.Document?.Body is null)
                {
                    throw new DomainException("该 Word 文件中没有正文（缺少 word/document.xml 或其中没有 w:body）。");
                }
                converted = Convert(document);
            }
            catch (Exception e) when (e is System.Xml.XmlException or OpenXmlPackageException or InvalidDataException or InvalidOperationException
                                          or FormatException or ArgumentException)
            {
                // A malformed part, a DTD (which the reader refuses, entity expansion included), a
                // wrong root element: the file is not a Word document the platform can read.
                throw new DomainException("该 Word 文件已损坏或格式不符，无法读取正文；请在 Word 中打开并另存为 .docx 后再导入。", e);
            }
            var notes = new List<string>();
            var text = converted.PlainText;
            IReadOnlyList<string> keywords = text.Length == 0 ? [] : TextRank.Value.ExtractTags(text, 5).ToList();
            var (themeId, themeLabel) = await SuggestThemeAsync(keywords, cancellationToken).ConfigureAwait(false);
            if (converted.Title is null)
            {
                notes.Add("未能识别标题，请手工填写。");
            }
            if (converted.GeneratedOn is null)
            {
                notes.Add("未在文末找到成文日期（如“2020年1月3日”），请手工填写生成日期。");
            }
            if (themeId is null)
            {
                notes.Add("没有找到相似的已发布信息，请手工选择主题。");
            }
            return new ImportSuggestions(sanitizer.Sanitize(converted.Html), converted.Title, converted.DocumentNumber,
                converted.GeneratedOn, keywords, converted.Summary, themeId, themeLabel, notes);
        }
    }

    private const string NotReadable = "无法读取该文件：请上传 Word 2007 及以后版本的 .docx 文件（.doc 请先另存为 .docx）。";

    /// <summary>Entries above this size must not unpack to more than this many times their packed size.</summary>
    private const long RatioCheckedFrom = 1024 * 1024;
    private const int MaxCompressionRatio = 100;
    private const int MaxEntries = 5000;

    /// <summary>
    /// Looks at the package before anything unpacks it (probe finding F5: a 483 KB file unpacking to a
    /// 100 MB document.xml took 46 s and a gigabyte): at most <paramref name="maxUnpackedMegabytes"/>
    /// unpacked in all, no part packed more than a hundredfold, at most 5,000 parts. The sizes come from
    /// the zip directory; a part that unpacks to more than it declares fails to read (ZipArchive checks).
    /// </summary>
    private static void CheckPackage(Stream package, int maxUnpackedMegabytes)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(package, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries)
            {
                throw new DomainException($"该 Word 文件包含的部件过多（{zip.Entries.Count} 个），不像正常的公文，未导入。");
            }
            var total = 0L;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (entry.Length > RatioCheckedFrom && entry.Length > entry.CompressedLength * MaxCompressionRatio)
                {
                    throw new DomainException($"该 Word 文件的“{entry.FullName}”解压后是压缩大小的 {entry.Length / Math.Max(1, entry.CompressedLength)} 倍，疑为压缩炸弹，未导入。");
                }
            }
            if (total > maxUnpackedMegabytes * 1024L * 1024L)
            {
                throw new DomainException($"该 Word 文件解压后有 {total / (1024 * 1024)}MB，超过了 {maxUnpackedMegabytes}MB 的上限，未导入。");
            }
        }
        catch (InvalidDataException e)
        {
            throw new DomainException(NotReadable, e);
        }
    }

    /// <summary>The theme most used among the published records that best match the keywords.</summary>
    private async Task<(int? Id, string? Label)> SuggestThemeAsync(IReadOnlyList<string> keywords, CancellationToken cancellationToken)
    {
        if (keywords.Count == 0)
        {
            return (null, null);
        }
        var queries = new List<string>();
        for (var i = 0; i < Math.Min(3, keywords.Count); i++)
        {
            for (var j = i + 1; j < Math.Min(3, keywords.Count); j++)
            {
                queries.Add($"{keywords[i]} {keywords[j]}");
            }
        }
        queries.AddRange(keywords.Take(2));
        var votes = new Dictionary<long, double>();
        foreach (var q in queries)
        {
            var response = await search.SearchAsync(new SearchQuery { Text = q, PageSize = 10 }, cancellationToken).ConfigureAwait(false);
            for (var rank = 0; rank < response.Hits.Count; rank++)
            {
                votes[response.Hits[rank].Id] = votes.GetValueOrDefault(response.Hits[rank].Id) + 1.0 / (rank + 1);
            }
        }
        if (votes.Count == 0)
        {
            return (null, null);
        }
        var ids = votes.Keys.ToList();
        var themes = await db.Records.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.ThemeId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var best = themes.GroupBy(r => r.ThemeId).Select(g => (Theme: g.Key, Score: g.Sum(r => votes[r.Id])))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Theme).First().Theme;
        var snapshot = await terms.GetAsync(cancellationToken).ConfigureAwait(false);
        var label = snapshot.Label(best);
        return (best, snapshot.TryGet(best, out var term) && term.ParentId is int parent ? $"{snapshot.Label(parent)} / {label}" : label);
    }

    private static async Task CopyLimitedAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new DomainException($"Word 文件不能超过{limit / 1024 / 1024}MB。");
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    internal sealed record Converted(string Html, string PlainText, string? Title, string? DocumentNumber, DateOnly? GeneratedOn, string? Summary);

    [GeneratedRegex(@"^\s*(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日\s*$")]
    private static partial Regex ArabicDate();

    [GeneratedRegex(@"^\s*(?<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?<m>[一二三四五六七八九十]{1,2})\s*月\s*(?<d>[一二三四五六七八九十]{1,3})\s*日\s*$")]
    private static partial Regex ChineseDate();

    internal static Converted Convert(WordprocessingDocument document)
    {
        var main = document.MainDocumentPart ?? throw new DomainException("该 Word 文件没有正文。");
        var body = main.Document?.Body ?? throw new DomainException("该 Word 文件没有正文。");
        var styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>()
            .Where(s => s.StyleId?.Value is not null)
            .ToDictionary(s => s.StyleId!.Value!, s => s, StringComparer.OrdinalIgnoreCase) ?? [];
        var blocks = body.ChildElements.Where(e => e is Paragraph or Table).ToList();
        var paragraphs = blocks.OfType<Paragraph>().Select(p => (Paragraph: p, Text: TextOf(p))).ToList();

        // 文号 near the top, the title (a Title/heading style, else the first centred line after the
        // 文号 that is not the 红头), the 成文日期 as the last date line.
        string? documentNumber = null;
        Paragraph? numberParagraph = null;
        foreach (var (p, text) in paragraphs.Take(12))
        {
            var found = TryFindNumber(text);
            if (found is not null)
            {
                documentNumber = found;
                numberParagraph = p;
                break;
            }
        }
        var skip = new HashSet<Paragraph>();
        if (numberParagraph is not null)
        {
            skip.Add(numberParagraph);
        }
        foreach (var (p, text) in paragraphs.TakeWhile(x => x.Paragraph != numberParagraph).Where(x => x.Text.EndsWith("文件", StringComparison.Ordinal)))
        {
            skip.Add(p); // 红头: "…管理委员会文件"
        }
        // An official document's title is set centred below the 文号 (GB/T 9704); a Title style
        // wins, and a first-level heading ("一、…") is a section, not the title, unless nothing else fits.
        Paragraph? titleParagraph = paragraphs.FirstOrDefault(x => x.Text.Length > 0 && StyleKind(x.Paragraph, styles) is "title").Paragraph;
        if (titleParagraph is null)
        {
            var start = numberParagraph is null ? 0 : paragraphs.FindIndex(x => x.Paragraph == numberParagraph) + 1;
            titleParagraph = paragraphs.Skip(start).Take(6)
                .FirstOrDefault(x => x.Text.Length > 0 && !skip.Contains(x.Paragraph) && IsCentred(x.Paragraph) && !IsDate(x.Text)).Paragraph
                ?? paragraphs.FirstOrDefault(x => x.Text.Length > 0 && !skip.Contains(x.Paragraph) && StyleKind(x.Paragraph, styles) is "h1").Paragraph
                ?? paragraphs.Skip(start).FirstOrDefault(x => x.Text.Length > 0 && !skip.Contains(x.Paragraph)).Paragraph;
        }
        string? title = null;
        if (titleParagraph is not null)
        {
            title = TextOf(titleParagraph).Trim();
            skip.Add(titleParagraph);
            // A long title set on two lines: the next centred line in the same style continues it.
            var index = paragraphs.FindIndex(x => x.Paragraph == titleParagraph);
            if (index + 1 < paragraphs.Count && IsCentred(titleParagraph) && IsCentred(paragraphs[index + 1].Paragraph)
                && paragraphs[index + 1].Text.Length > 0 && StyleKind(paragraphs[index + 1].Paragraph, styles) == StyleKind(titleParagraph, styles)
                && TryFindNumber(paragraphs[index + 1].Text) is null && !IsDate(paragraphs[index + 1].Text))
            {
                title += paragraphs[index + 1].Text.Trim();
                skip.Add(paragraphs[index + 1].Paragraph);
            }
        }
        DateOnly? generatedOn = null;
        foreach (var (_, text) in Enumerable.Reverse(paragraphs))
        {
            if (ParseDate(text) is DateOnly date)
            {
                generatedOn = date;
                break;
            }
        }

        var html = new StringBuilder();
        var plain = new StringBuilder();
        string? openList = null;
        foreach (var block in blocks)
        {
            if (block is Paragraph p && skip.Contains(p))
            {
                continue;
            }
            var listKind = block is Paragraph lp ? ListKind(lp, main) : null;
            if (openList is not null && listKind != openList)
            {
                html.Append("</").Append(openList).Append('>');
                openList = null;
            }
            switch (block)
            {
                case Table table:
                    html.Append(TableHtml(table, main));
                    plain.AppendLine(table.InnerText);
                    break;
                case Paragraph paragraph:
                    var inner = RunsHtml(paragraph, main);
                    var text = TextOf(paragraph);
                    if (listKind is not null)
                    {
                        if (openList is null)
                        {
                            html.Append('<').Append(listKind).Append('>');
                            openList = listKind;
                        }
                        html.Append("<li>").Append(inner).Append("</li>");
                    }
                    else if (inner.Length > 0)
                    {
                        var tag = StyleKind(paragraph, styles) switch
                        {
                            "h1" or "title" => "h2",
                            "h2" => "h3",
                            "h3" => "h4",
                            _ => "p",
                        };
                        var align = IsCentred(paragraph) ? " style=\"text-align: center\"" : IsRight(paragraph) ? " style=\"text-align: right\"" : string.Empty;
                        html.Append('<').Append(tag).Append(align).Append('>').Append(inner).Append("</").Append(tag).Append('>');
                    }
                    if (text.Length > 0)
                    {
                        plain.AppendLine(text);
                    }
                    break;
            }
        }
        if (openList is not null)
        {
            html.Append("</").Append(openList).Append('>');
        }
        var summary = Summarize(paragraphs.Where(x => !skip.Contains(x.Paragraph) && ((x.Text.Length >= 20 && !x.Text.StartsWith('各')) || x.Text.Length >= 40)).Select(x => x.Text));
        return new Converted(html.ToString(), plain.ToString(), string.IsNullOrWhiteSpace(title) ? null : title, documentNumber, generatedOn, summary);
    }

    private static string? TryFindNumber(string text)
    {
        try
        {
            return text.Length <= 40 ? DocumentNumberFormat.Find(text) : null;
        }
        catch (DomainException)
        {
            return null;
        }
    }

    private static bool IsDate(string text) => ParseDate(text) is not null;

    internal static DateOnly? ParseDate(string text)
    {
        var match = ArabicDate().Match(text);
        int y, m, d;
        if (match.Success)
        {
            y = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
            m = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            d = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        }
        else if ((match = ChineseDate().Match(text)).Success)
        {
            y = ChineseDigits(match.Groups["y"].Value);
            m = ChineseNumber(match.Groups["m"].Value);
            d = ChineseNumber(match.Groups["d"].Value);
        }
        else
        {
            return null;
        }
        return m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(Math.Clamp(y, 1, 9999), m) && y is > 1900 and < 2200
            ? new DateOnly(y, m, d) : null;
    }

    private static int Digit(char c) => c switch
    {
        '〇' or '○' or '零' => 0, '一' => 1, '二' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9, _ => -1,
    };

    private static int ChineseDigits(string s) => s.Aggregate(0, (n, c) => (n * 10) + Digit(c));

    /// <summary>一 … 三十一.</summary>
    private static int ChineseNumber(string s)
    {
        var ten = s.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return Digit(s[0]);
        }
        var tens = ten == 0 ? 1 : Digit(s[0]);
        var units = ten == s.Length - 1 ? 0 : Digit(s[^1]);
        return (tens * 10) + units;
    }

    /// <summary>The opening sentences of the body, up to about 150 characters.</summary>
    private static string? Summarize(IEnumerable<string> paragraphs)
    {
        var first = paragraphs.FirstOrDefault(p => !IsDate(p));
        if (first is null)
        {
            return null;
        }
        var sentences = Regex.Split(first.Trim(), "(?<=[。！？；])");
        var summary = new StringBuilder();
        foreach (var sentence in sentences.Where(s => s.Length > 0))
        {
            if (summary.Length > 0 && summary.Length + sentence.Length > 150)
            {
                break;
            }
            summary.Append(sentence);
        }
        var text = summary.ToString();
        return text.Length > 300 ? text[..300] + "……" : text;
    }

    private static string TextOf(OpenXmlElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Descendants())
        {
            switch (node)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
            }
        }
        return text.ToString().Trim();
    }

    private static string? StyleKind(Paragraph paragraph, Dictionary<string, Style> styles)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is int outline && outline <= 2)
        {
            return $"h{outline + 1}";
        }
        var id = properties?.ParagraphStyleId?.Val?.Value;
        if (id is null)
        {
            return null;
        }
        var name = styles.TryGetValue(id, out var style) ? style.StyleName?.Val?.Value ?? id : id;
        name = name.ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (name is "title" or "标题")
        {
            return "title";
        }
        foreach (var level in new[] { 1, 2, 3 })
        {
            if (name == $"heading{level}" || name == $"标题{level}" || id.Equals($"Heading{level}", StringComparison.OrdinalIgnoreCase))
            {
                return $"h{level}";
            }
        }
        if (style?.StyleParagraphProperties?.OutlineLevel?.Val?.Value is int styleOutline && styleOutline <= 2)
        {
            return $"h{styleOutline + 1}";
        }
        return null;
    }

    private static bool IsCentred(Paragraph paragraph) =>
        paragraph.ParagraphProperties?.Justification?.Val?.Value == JustificationValues.Center;

    private static bool IsRight(Paragraph paragraph) =>
        paragraph.ParagraphProperties?.Justification?.Val?.Value == JustificationValues.Right;

    /// <summary>"ol" or "ul" for a numbered or bulleted paragraph, else null.</summary>
    private static string? ListKind(Paragraph paragraph, MainDocumentPart main)
    {
        var numbering = paragraph.ParagraphProperties?.NumberingProperties;
        if (numbering?.NumberingId?.Val?.Value is not int numId || numId == 0)
        {
            return null;
        }
        var level = numbering.NumberingLevelReference?.Val?.Value ?? 0;
        var definitions = main.NumberingDefinitionsPart?.Numbering;
        var instance = definitions?.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
        var abstractId = instance?.AbstractNumId?.Val?.Value;
        var format = definitions?.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId)?
            .Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == level)?.NumberingFormat?.Val?.Value;
        return format == NumberFormatValues.Bullet ? "ul" : "ol";
    }

    private static string RunsHtml(OpenXmlElement container, MainDocumentPart main)
    {
        var html = new StringBuilder();
        foreach (var run in container.Descendants<Run>())
        {
            var properties = run.RunProperties;
            var bold = properties?.Bold is { } b && (b.Val is null || b.Val.Value);
            var italic = properties?.Italic is { } i && (i.Val is null || i.Val.Value);
            var underline = properties?.Underline?.Val is { } u && u.Value != UnderlineValues.None;
            var content = new StringBuilder();
            foreach (var child in run.ChildElements)
            {
                switch (child)
                {
                    case Text t:
                        content.Append(WebUtility.HtmlEncode(t.Text));
                        break;
                    case TabChar:
                        content.Append(' ');
                        break;
                    case Break:
                        content.Append("<br>");
                        break;
                    case Drawing drawing:
                        content.Append(ImageHtml(drawing, main));
                        break;
                }
            }
            if (content.Length == 0)
            {
                continue;
            }
            var text = content.ToString();
            if (underline)
            {
                text = $"<u>{text}</u>";
            }
            if (italic)
            {
                text = $"<em>{text}</em>";
            }
            if (bold)
            {
                text = $"<strong>{text}</strong>";
            }
            html.Append(text);
        }
        return html.ToString();
    }

    private static string ImageHtml(Drawing drawing, MainDocumentPart main)
    {
        var blip = drawing.Descendants<A.Blip>().FirstOrDefault();
        var id = blip?.Embed?.Value;
        if (id is null || main.GetPartById(id) is not ImagePart image)
        {
            return string.Empty;
        }
        var type = image.ContentType;
        if (type is not ("image/png" or "image/jpeg" or "image/gif"))
        {
            return string.Empty;
        }
        using var stream = image.GetStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var alt = drawing.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().FirstOrDefault()?.Description?.Value
                  ?? drawing.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().FirstOrDefault()?.Name?.Value ?? "图片";
        return $"<img src=\"data:{type};base64,{System.Convert.ToBase64String(copy.ToArray())}\" alt=\"{WebUtility.HtmlEncode(alt)}\">";
    }

    private static string TableHtml(Table table, MainDocumentPart main)
    {
        var rows = table.Elements<TableRow>().ToList();
        // Grid positions of each cell, to turn vertical merges into rowspan.
        var grid = rows.Select(row =>
        {
            var cells = new List<(TableCell Cell, int Column, int Span)>();
            var column = 0;
            foreach (var cell in row.Elements<TableCell>())
            {
                var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                cells.Add((cell, column, span));
                column += span;
            }
            return cells;
        }).ToList();
        var html = new StringBuilder("<table><tbody>");
        for (var r = 0; r < grid.Count; r++)
        {
            html.Append("<tr>");
            foreach (var (cell, column, span) in grid[r])
            {
                var merge = cell.TableCellProperties?.VerticalMerge;
                if (merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue))
                {
                    continue; // covered by the rowspan of the cell above
                }
                var rowspan = 1;
                if (merge?.Val?.Value == MergedCellValues.Restart)
                {
                    for (var below = r + 1; below < grid.Count; below++)
                    {
                        var next = grid[below].FirstOrDefault(c => c.Column == column);
                        var nextMerge = next.Cell?.TableCellProperties?.VerticalMerge;
                        if (next.Cell is null || nextMerge is null || (nextMerge.Val is not null && nextMerge.Val.Value != MergedCellValues.Continue))
                        {
                            break;
                        }
                        rowspan++;
                    }
                }
                var tag = r == 0 && table.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>() is not null ? "th" : "td";
                html.Append('<').Append(tag);
                if (span > 1)
                {
                    html.Append(CultureInfo.InvariantCulture, $" colspan=\"{span}\"");
                }
                if (rowspan > 1)
                {
                    html.Append(CultureInfo.InvariantCulture, $" rowspan=\"{rowspan}\"");
                }
                html.Append('>');
                html.Append(string.Join("<br>", cell.Elements<Paragraph>().Select(p => RunsHtml(p, main)).Where(s => s.Length > 0)));
                html.Append("</").Append(tag).Append('>');
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.Core.Reports;
using MiniExcelLibs;

namespace Gongkai.Application.Reports;

/// <summary>A table cell of the printed report: text, spans, and whether it is a header (and for what).</summary>
public sealed record ReportCell(string Text, int ColSpan = 1, int RowSpan = 1, string? Scope = null)
{
    public bool IsHeader => Scope is not null;
}

/// <summary>One printed table: caption, header rows and body rows, shared by the HTML page and the .docx.</summary>
public sealed record ReportGrid(string Caption, IReadOnlyList<IReadOnlyList<ReportCell>> Head, IReadOnlyList<IReadOnlyList<ReportCell>> Body);

/// <summary>
/// The annual report in the 2021 format (国办公开办函〔2021〕30号) as accessible HTML (the published
/// record's body), as .docx (OpenXml) and as .xlsx (MiniExcel, one sheet per table, numbers as numbers).
/// </summary>
public static class ReportDocument
{
    public const string Table2Sheet = "表二 主动公开";
    public const string Table3Sheet = "表三 依申请公开";
    public const string Table4Sheet = "表四 复议诉讼";
    public const string TextSheet = "文字部分";

    public static readonly IReadOnlyList<string> SectionTitles =
    [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ];

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static ReportCell Th(string text, int colSpan = 1, int rowSpan = 1, string scope = "col") => new(text, colSpan, rowSpan, scope);

    private static ReportCell Td(string text) => new(text);

    /// <summary>Table 2 as four small tables, one per item of 条例 Art. 20, as printed.</summary>
    public static IReadOnlyList<ReportGrid> Table2(ProactiveTable t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return
        [
            new("第二十条第（一）项",
                [[Th("信息内容"), Th("本年制发件数"), Th("本年废止件数"), Th("现行有效件数")]],
                [
                    [Th("规章", scope: "row"), Td(N(t.Regulations.Made)), Td(N(t.Regulations.Repealed)), Td(N(t.Regulations.InForce))],
                    [Th("行政规范性文件", scope: "row"), Td(N(t.NormativeDocuments.Made)), Td(N(t.NormativeDocuments.Repealed)), Td(N(t.NormativeDocuments.InForce))],
                ]),
            new("第二十条第（五）项",
                [[Th("信息内容"), Th("本年处理决定数量")]],
                [[Th("行政许可", scope: "row"), Td(N(t.Licensing))]]),
            new("第二十条第（六）项",
                [[Th("信息内容"), Th("本年处理决定数量")]],
                [[Th("行政处罚", scope: "row"), Td(N(t.Penalties))], [Th("行政强制", scope: "row"), Td(N(t.Enforcement))]]),
            new("第二十条第（八）项",
                [[Th("信息内容"), Th("本年收费金额（单位：万元）")]],
                [[Th("行政事业性收费", scope: "row"), Td(Money(t.FeesTenThousandYuan))]]),
        ];
    }

    /// <summary>The label the printed table 3 gives, in a cell of its own, to the rows of outcomes.</summary>
    public const string ResultsGroup = "三、本年度办理结果";

    /// <summary>
    /// Table 3 as the 2021 format prints it: the balance note over the two label columns; 申请人情况
    /// over the seven number columns, with 自然人, 法人或其他组织 (its five kinds) and 总计 under it;
    /// rows 一、二、四 across both label columns; the outcome rows under “三、本年度办理结果”, a cell
    /// spanning them all, the second level indented.
    /// </summary>
    public static ReportGrid Table3(RequestTable t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var head = new List<IReadOnlyList<ReportCell>>
        {
            new[] { Th("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", colSpan: 2, rowSpan: 3), Th("申请人情况", colSpan: 7, scope: "colgroup") },
            new[] { Th("自然人", rowSpan: 2), Th("法人或其他组织", colSpan: 5, scope: "colgroup"), Th("总计", rowSpan: 2) },
            RequestTable.Columns.Skip(1).Take(5).Select(c => Th(c)).ToArray(),
        };
        var results = RequestTable.Rows.Count(r => r.Level > 0);
        var body = RequestTable.Rows.Select(row =>
        {
            var labels = row.Level == 0 ? new[] { Th(row.Label, colSpan: 2, scope: "row") }
                : row.Key == "disclosed" ? new[] { Th(ResultsGroup, rowSpan: results, scope: "rowgroup"), Th(row.Label, scope: "row") }
                : new[] { Th(new string('　', row.Level - 1) + row.Label, scope: "row") };
            return (IReadOnlyList<ReportCell>)labels.Concat(t.Row(row.Key).Select(v => Td(N(v)))).ToArray();
        }).ToList();
        return new ReportGrid("收到和处理政府信息公开申请情况", head, body);
    }

    public static ReportGrid Table4(ReviewAndLitigationTable t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var columns = ReviewAndLitigationTable.Columns;
        var head = new List<IReadOnlyList<ReportCell>>
        {
            new[] { Th("行政复议", colSpan: 5, rowSpan: 2, scope: "colgroup"), Th("行政诉讼", colSpan: 10, scope: "colgroup") },
            new[] { Th("未经复议直接起诉", colSpan: 5, scope: "colgroup"), Th("复议后起诉", colSpan: 5, scope: "colgroup") },
            Enumerable.Range(0, 3).SelectMany(_ => columns).Select(c => Th(c)).ToArray(),
        };
        var values = t.InOrder().SelectMany(g => new[] { g.Figures.Upheld, g.Figures.Corrected, g.Figures.Other, g.Figures.Pending, g.Figures.Total }).Select(v => Td(N(v))).ToArray();
        return new ReportGrid("政府信息公开行政复议、行政诉讼情况", head, [values]);
    }

    /// <summary>The report as the body of the published record: six sections, real tables with captions and header scopes.</summary>
    public static string Html(AnnualReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var html = new StringBuilder();
        void Section(string title) => html.Append("<h2>").Append(WebUtility.HtmlEncode(title)).Append("</h2>");
        void Text(string text)
        {
            foreach (var paragraph in Paragraphs(text))
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
            }
        }
        html.Append("<p>本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。")
            .Append("报告所列数据的统计期限自").Append(N(view.Year)).Append("年1月1日起至").Append(N(view.Year)).Append("年12月31日止。</p>");
        Section(SectionTitles[0]);
        Text(view.Texts.Overview);
        Section(SectionTitles[1]);
        foreach (var grid in Table2(view.Table2))
        {
            AppendHtml(html, grid);
        }
        Section(SectionTitles[2]);
        AppendHtml(html, Table3(view.Table3));
        Section(SectionTitles[3]);
        AppendHtml(html, Table4(view.Table4));
        Section(SectionTitles[4]);
        Text(view.Texts.Problems);
        Section(SectionTitles[5]);
        Text(view.Texts.OtherMatters);
        return html.ToString();
    }

    public static void AppendHtml(StringBuilder html, ReportGrid grid)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(grid);
        html.Append("<table class=\"report-table\"><caption>").Append(WebUtility.HtmlEncode(grid.Caption)).Append("</caption><thead>");
        foreach (var row in grid.Head)
        {
            AppendRow(html, row);
        }
        html.Append("</thead><tbody>");
        foreach (var row in grid.Body)
        {
            AppendRow(html, row);
        }
        html.Append("</tbody></table>");
    }

    private static void AppendRow(StringBuilder html, IReadOnlyList<ReportCell> row)
    {
        html.Append("<tr>");
        foreach (var cell in row)
        {
            var tag = cell.IsHeader ? "th" : "td";
            html.Append('<').Append(tag);
            if (cell.Scope is not null)
            {
                html.Append(" scope=\"").Append(cell.Scope).Append('"');
            }
            if (cell.ColSpan > 1)
            {
                html.Append(" colspan=\"").Append(N(cell.ColSpan)).Append('"');
            }
            if (cell.RowSpan > 1)
            {
                html.Append(" rowspan=\"").Append(N(cell.RowSpan)).Append('"');
            }
            html.Append('>').Append(WebUtility.HtmlEncode(cell.Text)).Append("</").Append(tag).Append('>');
        }
        html.Append("</tr>");
    }

    public static IEnumerable<string> Paragraphs(string text) =>
        (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    /// <summary>The report as a .docx: title, the six sections, the tables with merged header cells.</summary>
    public static byte[] Docx(AnnualReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return Documents.Docx.Create(body =>
        {
            body.Append(Paragraph(view.Title, JustificationValues.Center, bold: true, size: 36));
            body.Append(Paragraph($"（统计期限：{view.Year}年1月1日至{view.Year}年12月31日）", JustificationValues.Center, size: 24));
            void Section(int i) => body.Append(Paragraph(SectionTitles[i], JustificationValues.Left, bold: true, size: 32));
            void Text(string text)
            {
                foreach (var p in Paragraphs(text))
                {
                    body.Append(Paragraph(p, JustificationValues.Both, size: 28, indent: true));
                }
            }
            Section(0);
            Text(view.Texts.Overview);
            Section(1);
            foreach (var grid in Table2(view.Table2))
            {
                AppendDocx(body, grid);
            }
            Section(2);
            AppendDocx(body, Table3(view.Table3));
            Section(3);
            AppendDocx(body, Table4(view.Table4));
            Section(4);
            Text(view.Texts.Problems);
            Section(5);
            Text(view.Texts.OtherMatters);
        });
    }

    private static void AppendDocx(Body body, ReportGrid grid)
    {
        body.Append(Paragraph(grid.Caption, JustificationValues.Center, bold: true, size: 24));
        var table = new Table(new TableProperties(
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        // Row spans become vertically merged cells: the rows below get a “continue” cell in the same place.
        var pending = new Dictionary<int, (int Rows, int ColSpan)>();
        foreach (var (row, isHead) in grid.Head.Select(r => (r, true)).Concat(grid.Body.Select(r => (r, false))))
        {
            var tableRow = new DocumentFormat.OpenXml.Wordprocessing.TableRow();
            if (isHead)
            {
                tableRow.Append(new TableRowProperties(new TableHeader()));
            }
            var column = 0;
            using var cells = row.GetEnumerator();
            var more = cells.MoveNext();
            while (more || pending.Keys.Any(k => k >= column))
            {
                if (pending.TryGetValue(column, out var merged))
                {
                    tableRow.Append(Cell(string.Empty, merged.ColSpan, new VerticalMerge { Val = MergedCellValues.Continue }, bold: false));
                    pending[column] = (merged.Rows - 1, merged.ColSpan);
                    if (merged.Rows - 1 == 0)
                    {
                        pending.Remove(column);
                    }
                    column += merged.ColSpan;
                    continue;
                }
                if (!more)
                {
                    break;
                }
                var cell = cells.Current;
                VerticalMerge? merge = null;
                if (cell.RowSpan > 1)
                {
                    merge = new VerticalMerge { Val = MergedCellValues.Restart };
                    pending[column] = (cell.RowSpan - 1, cell.ColSpan);
                }
                tableRow.Append(Cell(cell.Text, cell.ColSpan, merge, cell.IsHeader));
                column += cell.ColSpan;
                more = cells.MoveNext();
            }
            table.Append(tableRow);
        }
        body.Append(table);
    }

    private static TableCell Cell(string text, int colSpan, VerticalMerge? merge, bool bold)
    {
        var properties = new TableCellProperties();
        if (colSpan > 1)
        {
            properties.Append(new GridSpan { Val = colSpan });
        }
        if (merge is not null)
        {
            properties.Append(merge);
        }
        return new TableCell(properties, Paragraph(text, JustificationValues.Center, bold, size: 21));
    }

    private static Paragraph Paragraph(string text, JustificationValues justification, bool bold = false, int size = 28, bool indent = false) =>
        Documents.Docx.Paragraph(text, justification, bold, size, indent);

    /// <summary>
    /// The report as an .xlsx with one sheet per table, numbers stored as numbers: 表二 as rows of
    /// 项目 · 信息内容 · 指标 · 数值; 表三 as the printed rows (大项 · 项目) × seven columns; 表四 as three rows × five
    /// columns; and the text sections.
    /// </summary>
    public static byte[] Xlsx(AnnualReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var t2 = view.Table2;
        static Dictionary<string, object> Item(string item, string content, string measure, object value) =>
            new() { ["项目"] = item, ["信息内容"] = content, ["指标"] = measure, ["数值"] = value };
        var table2 = new List<Dictionary<string, object>>
        {
            Item("第二十条第（一）项", "规章", "本年制发件数", t2.Regulations.Made),
            Item("第二十条第（一）项", "规章", "本年废止件数", t2.Regulations.Repealed),
            Item("第二十条第（一）项", "规章", "现行有效件数", t2.Regulations.InForce),
            Item("第二十条第（一）项", "行政规范性文件", "本年制发件数", t2.NormativeDocuments.Made),
            Item("第二十条第（一）项", "行政规范性文件", "本年废止件数", t2.NormativeDocuments.Repealed),
            Item("第二十条第（一）项", "行政规范性文件", "现行有效件数", t2.NormativeDocuments.InForce),
            Item("第二十条第（五）项", "行政许可", "本年处理决定数量", t2.Licensing),
            Item("第二十条第（六）项", "行政处罚", "本年处理决定数量", t2.Penalties),
            Item("第二十条第（六）项", "行政强制", "本年处理决定数量", t2.Enforcement),
            Item("第二十条第（八）项", "行政事业性收费", "本年收费金额（单位：万元）", t2.FeesTenThousandYuan),
        };
        // 大项 keeps the printed table's first label column: 一、二、四 themselves, or 三、本年度办理结果.
        var table3 = RequestTable.Rows.Select(row =>
        {
            var line = new Dictionary<string, object> { ["大项"] = row.Level == 0 ? row.Label : ResultsGroup, ["项目"] = row.Label };
            for (var c = 0; c < RequestTable.Columns.Count; c++)
            {
                line[RequestTable.Columns[c]] = view.Table3[row.Key, c];
            }
            return line;
        }).ToList();
        var table4 = view.Table4.InOrder().Select(g => new Dictionary<string, object>
        {
            ["类别"] = g.Name,
            [ReviewAndLitigationTable.Columns[0]] = g.Figures.Upheld,
            [ReviewAndLitigationTable.Columns[1]] = g.Figures.Corrected,
            [ReviewAndLitigationTable.Columns[2]] = g.Figures.Other,
            [ReviewAndLitigationTable.Columns[3]] = g.Figures.Pending,
            [ReviewAndLitigationTable.Columns[4]] = g.Figures.Total,
        }).ToList();
        var text = new[] { (0, view.Texts.Overview), (4, view.Texts.Problems), (5, view.Texts.OtherMatters) }
            .Select(x => new Dictionary<string, object> { ["部分"] = SectionTitles[x.Item1], ["内容"] = x.Item2 }).ToList();
        var sheets = new Dictionary<string, object>
        {
            [Table2Sheet] = table2,
            [Table3Sheet] = table3,
            [Table4Sheet] = table4,
            [TextSheet] = text,
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    /// <summary>
    /// Reads what the office enters from an .xlsx in the export's layout (an exported report, filled
    /// in): 表二's 行政许可, 行政处罚, 行政强制 and 行政事业性收费, and 表四's three rows. Anything else in
    /// the file is ignored (tables 2's catalog part and 3 always come from the data).
    /// </summary>
    public static (EnteredFigures Figures, ReviewAndLitigationTable Table4) ReadEntered(Stream xlsx)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        List<IDictionary<string, object>> Sheet(string name)
        {
            try
            {
                if (xlsx.CanSeek)
                {
                    xlsx.Position = 0;
                }
                if (!xlsx.GetSheetNames().Contains(name))
                {
                    throw new Core.DomainException($"文件中没有工作表“{name}”。请先导出本报告的Excel，在其中填写后再导入。");
                }
                xlsx.Position = 0;
                return xlsx.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object>>().ToList();
            }
            catch (Core.DomainException)
            {
                throw;
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or NotSupportedException or ArgumentException
                                          or System.Xml.XmlException or KeyNotFoundException)
            {
                throw new Core.DomainException("无法读取这个文件，请上传由本系统导出的Excel（.xlsx）文件。", e);
            }
        }
        static decimal Number(object? value, string where, bool whole)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return 0;
            }
            if (!decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number) || (whole && number != decimal.Truncate(number)))
            {
                throw new Core.DomainException($"{where}应为{(whole ? "整数" : "数字")}，文件中是“{text}”。");
            }
            if (Math.Abs(number) > 100_000_000)
            {
                throw new Core.DomainException($"{where}过大（文件中是“{text}”）。");
            }
            return number;
        }
        var table2 = Sheet(Table2Sheet);
        decimal Item(string content, bool whole)
        {
            var row = table2.FirstOrDefault(r => Convert.ToString(r.TryGetValue("信息内容", out var v) ? v : null, CultureInfo.InvariantCulture) == content)
                      ?? throw new Core.DomainException($"工作表“{Table2Sheet}”中没有“{content}”一行。");
            return Number(row.TryGetValue("数值", out var value) ? value : null, $"表二“{content}”的数值", whole);
        }
        var figures = new EnteredFigures((int)Item("行政许可", true), (int)Item("行政处罚", true), (int)Item("行政强制", true), Item("行政事业性收费", false));
        var table4 = Sheet(Table4Sheet);
        ReviewAndLitigationTable.Group Group(string name)
        {
            var row = table4.FirstOrDefault(r => Convert.ToString(r.TryGetValue("类别", out var v) ? v : null, CultureInfo.InvariantCulture) == name)
                      ?? throw new Core.DomainException($"工作表“{Table4Sheet}”中没有“{name}”一行。");
            int Cell(string column) => (int)Number(row.TryGetValue(column, out var value) ? value : null, $"表四“{name}”的“{column}”", true);
            var c = ReviewAndLitigationTable.Columns;
            return new ReviewAndLitigationTable.Group(Cell(c[0]), Cell(c[1]), Cell(c[2]), Cell(c[3]), Cell(c[4]));
        }
        return (figures, new ReviewAndLitigationTable(Group("行政复议"), Group("行政诉讼·未经复议直接起诉"), Group("行政诉讼·复议后起诉")));
    }
}

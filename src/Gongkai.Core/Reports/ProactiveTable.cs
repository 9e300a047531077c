using Gongkai.Core.Catalog;

namespace Gongkai.Core.Reports;

/// <summary>A 规章 or 行政规范性文件 as table 2 sees it: what kind, when made, its 效力状况 and since when.</summary>
public sealed record CatalogDocument(DocumentKind Kind, DateOnly GeneratedOn, bool Ended, DateOnly? EndedOn, DateOnly? ValidUntil);

/// <summary>Table 2's counts for one kind of document: 本年制发件数 · 本年废止件数 · 现行有效件数.</summary>
public sealed record DocumentCounts(int Made, int Repealed, int InForce);

/// <summary>
/// Table 2, 主动公开政府信息情况 (国办公开办函〔2021〕30号): 规章 and 行政规范性文件 counted from the
/// catalog (条例 Art. 20 (一)); 行政许可 (Art. 20 (五)), 行政处罚 and 行政强制 (Art. 20 (六)) decisions
/// and 行政事业性收费 (Art. 20 (八), in 万元) as the office enters them.
/// </summary>
public sealed record ProactiveTable(DocumentCounts Regulations, DocumentCounts NormativeDocuments,
    int Licensing, int Penalties, int Enforcement, decimal FeesTenThousandYuan)
{
    public static readonly IReadOnlyList<string> DocumentColumns = ["本年制发件数", "本年废止件数", "现行有效件数"];

    /// <summary>
    /// Counts the catalog's documents of <paramref name="year"/>: made = 成文 (生成日期) in the year;
    /// repealed = 废止 or 失效 with the change dated in the year; in force at 31 December = made by then,
    /// not ended by then, and its 有效期 (if any) not over.
    /// </summary>
    public static DocumentCounts Count(IEnumerable<CatalogDocument> documents, DocumentKind kind, int year)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var end = new DateOnly(year, 12, 31);
        int made = 0, repealed = 0, inForce = 0;
        foreach (var d in documents.Where(d => d.Kind == kind))
        {
            if (d.GeneratedOn.Year == year)
            {
                made++;
            }
            if (d.Ended && d.EndedOn?.Year == year)
            {
                repealed++;
            }
            var endedByYearEnd = d.Ended && (d.EndedOn is not DateOnly on || on <= end);
            if (d.GeneratedOn <= end && !endedByYearEnd && (d.ValidUntil is not DateOnly until || until >= end))
            {
                inForce++;
            }
        }
        return new DocumentCounts(made, repealed, inForce);
    }

    /// <summary>Every figure is a count or an amount: none may be negative; the fee has at most four decimals (1 元).</summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        foreach (var (label, value) in new[] { ("行政许可", Licensing), ("行政处罚", Penalties), ("行政强制", Enforcement) })
        {
            if (value < 0)
            {
                problems.Add($"表二“{label}”行“本年处理决定数量”列：数量不能为负数（填写的是{value}）。");
            }
        }
        if (FeesTenThousandYuan < 0)
        {
            problems.Add($"表二“行政事业性收费”行“本年收费金额（单位：万元）”列：金额不能为负数（填写的是{FeesTenThousandYuan}）。");
        }
        if (decimal.Round(FeesTenThousandYuan, 4) != FeesTenThousandYuan)
        {
            problems.Add("表二“行政事业性收费”行：金额以万元为单位，最多保留四位小数（即精确到元）。");
        }
        return problems;
    }
}

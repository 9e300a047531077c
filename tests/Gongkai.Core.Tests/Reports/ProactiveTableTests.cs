using Gongkai.Core.Catalog;
using Gongkai.Core.Reports;

namespace Gongkai.Core.Tests.Reports;

/// <summary>Table 2's document counts from the catalog, and its entered figures' checks.</summary>
public sealed class ProactiveTableTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static readonly CatalogDocument[] Documents =
    [
        new(DocumentKind.NormativeDocument, D(2025, 3, 1), false, null, null),            // made 2025, in force
        new(DocumentKind.NormativeDocument, D(2025, 12, 31), true, D(2025, 12, 31), null), // made and repealed on the last day
        new(DocumentKind.NormativeDocument, D(2022, 1, 1), true, D(2025, 6, 1), null),    // repealed 2025
        new(DocumentKind.NormativeDocument, D(2022, 1, 1), true, D(2026, 2, 1), null),    // repealed later: in force at the end of 2025
        new(DocumentKind.NormativeDocument, D(2022, 1, 1), false, null, D(2025, 12, 30)), // 有效期 over before 31 December
        new(DocumentKind.NormativeDocument, D(2022, 1, 1), false, null, D(2025, 12, 31)), // valid through 31 December
        new(DocumentKind.NormativeDocument, D(2026, 1, 2), false, null, null),            // made next year
        new(DocumentKind.NormativeDocument, D(2021, 1, 1), true, null, null),             // repealed, date unknown: not in force, not counted as repealed in 2025
        new(DocumentKind.Regulation, D(2025, 2, 2), false, null, null),
        new(DocumentKind.Other, D(2025, 2, 2), false, null, null),
    ];

    [Fact]
    public void Documents_are_counted_as_made_repealed_and_in_force_at_the_years_end()
    {
        Assert.Equal(new DocumentCounts(Made: 2, Repealed: 2, InForce: 3), ProactiveTable.Count(Documents, DocumentKind.NormativeDocument, 2025));
        Assert.Equal(new DocumentCounts(Made: 1, Repealed: 0, InForce: 1), ProactiveTable.Count(Documents, DocumentKind.Regulation, 2025));
        Assert.Equal(new DocumentCounts(Made: 1, Repealed: 1, InForce: 2), ProactiveTable.Count(Documents, DocumentKind.NormativeDocument, 2026));
    }

    [Fact]
    public void Entered_figures_must_be_counts_and_an_amount_in_ten_thousand_yuan_to_the_yuan()
    {
        var none = new DocumentCounts(0, 0, 0);
        Assert.Empty(new ProactiveTable(none, none, 1, 2, 3, 12.3456m).Check());
        var bad = new ProactiveTable(none, none, 0, -2, 0, -0.00001m).Check();
        Assert.Equal(3, bad.Count);
        Assert.Contains("表二“行政处罚”行“本年处理决定数量”列：数量不能为负数（填写的是-2）。", bad);
        Assert.Contains(bad, p => p.StartsWith("表二“行政事业性收费”行“本年收费金额（单位：万元）”列：金额不能为负数", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("规章", DocumentKind.Regulation)]
    [InlineData("行政规范性文件", DocumentKind.NormativeDocument)]
    [InlineData("规范性文件", DocumentKind.NormativeDocument)]
    [InlineData("", DocumentKind.Other)]
    [InlineData("其他文件", DocumentKind.Other)]
    public void Document_kinds_read_their_Chinese_names(string label, DocumentKind kind) => Assert.Equal(kind, DocumentKinds.Parse(label));

    [Fact]
    public void An_unknown_document_kind_gets_a_Chinese_message() =>
        Assert.Contains("文件类别“条例”不在列表中", Assert.Throws<DomainException>(() => DocumentKinds.Parse("条例")).Message, StringComparison.Ordinal);
}

/// <summary>条例 Art. 49: when the annual report of the year is due, by kind of organization.</summary>
public sealed class AnnualReportDueDateTests
{
    [Theory]
    [InlineData(Gongkai.Core.Catalog.OrganizationKind.Department, 2025, "2026-01-31")]
    [InlineData(Gongkai.Core.Catalog.OrganizationKind.Other, 2025, "2026-01-31")]
    [InlineData(Gongkai.Core.Catalog.OrganizationKind.Government, 2025, "2026-03-31")]
    public void A_department_publishes_by_31_january_and_a_governments_report_is_due_by_31_march(Gongkai.Core.Catalog.OrganizationKind kind, int year, string due) =>
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Gongkai.Core.Reports.AnnualReport.DueDate(kind, year));
}

using Gongkai.Core.Reports;
using Gongkai.Core.Requests;

namespace Gongkai.Core.Tests.Reports;

/// <summary>The annual report's table 3 from a crafted year of cases, and its balance rules.</summary>
public sealed class RequestTableTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static readonly (ApplicantKind, DateOnly?, DateOnly?, RequestOutcome?)[] Year2025 =
    [
        (ApplicantKind.NaturalPerson, D(2024, 12, 20), D(2025, 1, 10), RequestOutcome.Disclosed),         // carried over from 2024, answered
        (ApplicantKind.NaturalPerson, D(2024, 11, 1), D(2024, 11, 20), RequestOutcome.Disclosed),         // all in 2024: not counted
        (ApplicantKind.Commercial, D(2025, 3, 1), D(2025, 3, 20), RequestOutcome.WithheldThirdPartyRights),
        (ApplicantKind.Research, D(2025, 12, 20), null, null),                                           // open at year end
        (ApplicantKind.LegalService, D(2025, 12, 22), D(2026, 1, 5), RequestOutcome.Disclosed),           // answered next year
        (ApplicantKind.NaturalPerson, D(2025, 6, 1), D(2025, 6, 10), RequestOutcome.OtherNoCorrection),
        (ApplicantKind.PublicWelfare, null, null, null),                                                 // never confirmed: not received
        (ApplicantKind.OtherOrganization, D(2024, 12, 30), null, null),                                  // carried in and carried out
        (ApplicantKind.NaturalPerson, D(2026, 1, 3), null, null),                                        // next year
    ];

    [Fact]
    public void A_crafted_year_gives_exactly_the_expected_numbers_and_balances()
    {
        var t = RequestTable.Build(Year2025, 2025);
        Assert.Equal([1, 1, 1, 0, 1, 0, 4], t.Row("new"));
        Assert.Equal([1, 0, 0, 0, 0, 1, 2], t.Row("carried-in"));
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], t.Row("disclosed"));
        Assert.Equal([0, 1, 0, 0, 0, 0, 1], t.Row("w4"));
        Assert.Equal([0, 1, 0, 0, 0, 0, 1], t.Row("withheld"));
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], t.Row("o1"));
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], t.Row("other"));
        Assert.Equal([2, 1, 0, 0, 0, 0, 3], t.Row("total"));
        Assert.Equal([0, 0, 1, 0, 1, 1, 3], t.Row("carried-out"));
        Assert.Empty(t.Check());
    }

    [Fact]
    public void An_unbalanced_table_is_refused_naming_the_row_and_column()
    {
        var t = RequestTable.Build(Year2025, 2025);
        t["new", 0] += 1;
        var problems = t.Check();
        Assert.Contains(problems, p => p.StartsWith("表三“自然人”列：一、本年新收（2）＋二、上年结转（1）＝3，不等于（七）总计（2）＋四、结转下年度（0）＝2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("“一、本年新收政府信息公开申请数量”行：总计列为4，六类申请人之和为5", StringComparison.Ordinal));

        var subtotal = RequestTable.Build(Year2025, 2025);
        subtotal["withheld", 1] = 5;
        Assert.Contains(subtotal.Check(), p => p == "表三“（三）不予公开”行“商业企业”列：小计为5，所含各项之和为1。");
    }

    [Fact]
    public void Every_outcome_has_exactly_one_leaf_row()
    {
        foreach (var outcome in Enum.GetValues<RequestOutcome>())
        {
            Assert.Single(RequestTable.Rows, r => r.Outcome == outcome);
        }
    }
}

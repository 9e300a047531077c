using Gongkai.Core.Reports;
using G = Gongkai.Core.Reports.ReviewAndLitigationTable.Group;

namespace Gongkai.Core.Tests.Reports;

public sealed class ReviewAndLitigationTableTests
{
    [Fact]
    public void Each_total_is_the_sum_of_its_four_results() =>
        Assert.Empty(new ReviewAndLitigationTable(new G(2, 1, 0, 1, 4), new G(0, 0, 0, 0, 0), new G(1, 0, 0, 0, 1)).Check());

    [Fact]
    public void A_wrong_total_is_named_by_its_group()
    {
        var problems = new ReviewAndLitigationTable(new G(2, 1, 0, 1, 5), new G(0, 0, 0, 0, 0), new G(0, 0, -1, 0, -1)).Check();
        Assert.Contains("表四“行政复议”的“总计”为5，结果维持、结果纠正、其他结果、尚未审结之和为4。", problems);
        Assert.Contains("表四“行政诉讼·复议后起诉”：数量不能为负数。", problems);
    }
}

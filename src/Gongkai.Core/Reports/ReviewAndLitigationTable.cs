namespace Gongkai.Core.Reports;

/// <summary>
/// Table 4, 政府信息公开行政复议、行政诉讼情况: one row of 15 figures the office enters — 行政复议,
/// 行政诉讼·未经复议直接起诉, 行政诉讼·复议后起诉, each {结果维持, 结果纠正, 其他结果, 尚未审结, 总计};
/// each 总计 is the sum of its four.
/// </summary>
public sealed record ReviewAndLitigationTable(ReviewAndLitigationTable.Group Review, ReviewAndLitigationTable.Group DirectSuit, ReviewAndLitigationTable.Group SuitAfterReview)
{
    public sealed record Group(int Upheld, int Corrected, int Other, int Pending, int Total);

    public static readonly IReadOnlyList<string> Columns = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

    public static readonly ReviewAndLitigationTable Empty = new(new Group(0, 0, 0, 0, 0), new Group(0, 0, 0, 0, 0), new Group(0, 0, 0, 0, 0));

    /// <summary>The three groups with their printed names, in the printed order.</summary>
    public IReadOnlyList<(string Name, Group Figures)> InOrder() => [("行政复议", Review), ("行政诉讼·未经复议直接起诉", DirectSuit), ("行政诉讼·复议后起诉", SuitAfterReview)];

    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        foreach (var (name, g) in InOrder())
        {
            if (new[] { g.Upheld, g.Corrected, g.Other, g.Pending, g.Total }.Any(v => v < 0))
            {
                problems.Add($"表四“{name}”：数量不能为负数。");
            }
            var sum = g.Upheld + g.Corrected + g.Other + g.Pending;
            if (sum != g.Total)
            {
                problems.Add($"表四“{name}”的“总计”为{g.Total}，结果维持、结果纠正、其他结果、尚未审结之和为{sum}。");
            }
        }
        return problems;
    }
}

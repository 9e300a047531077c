using Gongkai.Core.Requests;

namespace Gongkai.Core.Reports;

/// <summary>A row of the annual report's table 3 (国办公开办函〔2021〕30号), in the printed order.</summary>
public sealed record TableRow(string Key, string Label, int Level, RequestOutcome? Outcome = null, IReadOnlyList<string>? Sum = null);

/// <summary>
/// Table 3, 收到和处理政府信息公开申请情况: rows by the printed order, columns 自然人, the five kinds of
/// 法人或其他组织, 总计. Built only from the request cases, so it is an aggregation of the data.
/// </summary>
public sealed class RequestTable
{
    public static readonly IReadOnlyList<string> Columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];

    public static readonly IReadOnlyList<TableRow> Rows =
    [
        new("new", "一、本年新收政府信息公开申请数量", 0),
        new("carried-in", "二、上年结转政府信息公开申请数量", 0),
        new("disclosed", "（一）予以公开", 1, RequestOutcome.Disclosed),
        new("partly", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, RequestOutcome.PartlyDisclosed),
        new("withheld", "（三）不予公开", 1, Sum: ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"]),
        new("w1", "1.属于国家秘密", 2, RequestOutcome.WithheldStateSecret),
        new("w2", "2.其他法律行政法规禁止公开", 2, RequestOutcome.WithheldForbiddenByLaw),
        new("w3", "3.危及“三安全一稳定”", 2, RequestOutcome.WithheldSecurityStability),
        new("w4", "4.保护第三方合法权益", 2, RequestOutcome.WithheldThirdPartyRights),
        new("w5", "5.属于三类内部事务信息", 2, RequestOutcome.WithheldInternalAffairs),
        new("w6", "6.属于四类过程性信息", 2, RequestOutcome.WithheldProcessInformation),
        new("w7", "7.属于行政执法案卷", 2, RequestOutcome.WithheldEnforcementFile),
        new("w8", "8.属于行政查询事项", 2, RequestOutcome.WithheldAdministrativeQuery),
        new("unavailable", "（四）无法提供", 1, Sum: ["u1", "u2", "u3"]),
        new("u1", "1.本机关不掌握相关政府信息", 2, RequestOutcome.UnavailableNotHeld),
        new("u2", "2.没有现成信息需要另行制作", 2, RequestOutcome.UnavailableNeedsCreation),
        new("u3", "3.补正后申请内容仍不明确", 2, RequestOutcome.UnavailableStillUnclear),
        new("not-handled", "（五）不予处理", 1, Sum: ["n1", "n2", "n3", "n4", "n5"]),
        new("n1", "1.信访举报投诉类申请", 2, RequestOutcome.NotHandledPetition),
        new("n2", "2.重复申请", 2, RequestOutcome.NotHandledRepeat),
        new("n3", "3.要求提供公开出版物", 2, RequestOutcome.NotHandledPublication),
        new("n4", "4.无正当理由大量反复申请", 2, RequestOutcome.NotHandledExcessive),
        new("n5", "5.要求行政机关确认或重新出具已获取信息", 2, RequestOutcome.NotHandledConfirmation),
        new("other", "（六）其他处理", 1, Sum: ["o1", "o2", "o3"]),
        new("o1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 2, RequestOutcome.OtherNoCorrection),
        new("o2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 2, RequestOutcome.OtherFeeUnpaid),
        new("o3", "3.其他", 2, RequestOutcome.OtherElse),
        new("total", "（七）总计", 1, Sum: ["disclosed", "partly", "withheld", "unavailable", "not-handled", "other"]),
        new("carried-out", "四、结转下年度继续办理", 0),
    ];

    private readonly Dictionary<string, int[]> _cells = Rows.ToDictionary(r => r.Key, _ => new int[Columns.Count]);

    public int this[string row, int column]
    {
        get => _cells[row][column];
        set => _cells[row][column] = value;
    }

    public IReadOnlyList<int> Row(string key) => _cells[key];

    public static int ColumnOf(ApplicantKind kind) => (int)kind;

    /// <summary>
    /// Table 3 of <paramref name="year"/> from the cases: 新收 = received in the year; 上年结转 =
    /// received before it and not answered before it; each outcome = answered in the year; 结转下年 =
    /// received by the year's end and not answered by then. Subtotals and the 总计 column are sums.
    /// </summary>
    public static RequestTable Build(IEnumerable<(ApplicantKind Kind, DateOnly? ReceivedOn, DateOnly? AnsweredOn, RequestOutcome? Outcome)> cases, int year)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var table = new RequestTable();
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        foreach (var c in cases)
        {
            if (c.ReceivedOn is not DateOnly received || received > end)
            {
                continue; // not yet received (Art. 31) or after the year
            }
            var column = ColumnOf(c.Kind);
            var answeredBefore = c.AnsweredOn is DateOnly a1 && a1 < start;
            if (answeredBefore)
            {
                continue;
            }
            table[received >= start ? "new" : "carried-in", column]++;
            if (c.AnsweredOn is DateOnly answered && answered <= end && c.Outcome is RequestOutcome outcome)
            {
                table[Rows.Single(r => r.Outcome == outcome).Key, column]++;
            }
            else
            {
                table["carried-out", column]++;
            }
        }
        table.Recompute();
        return table;
    }

    /// <summary>Fills the subtotals and the 总计 column from the leaves.</summary>
    public void Recompute()
    {
        foreach (var row in Rows.Where(r => r.Sum is not null).OrderByDescending(r => r.Key == "total" ? 0 : 1))
        {
            for (var c = 0; c < Columns.Count - 1; c++)
            {
                this[row.Key, c] = row.Sum!.Sum(k => this[k, c]);
            }
        }
        foreach (var row in Rows)
        {
            this[row.Key, Columns.Count - 1] = Enumerable.Range(0, Columns.Count - 1).Sum(c => this[row.Key, c]);
        }
    }

    /// <summary>
    /// The balance rules (勾稽关系), each failure naming the row and the column: per column
    /// 一 + 二 = 三（七）总计 + 四; the 总计 column is the sum of the six; each subtotal is the sum of its items.
    /// </summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        for (var c = 0; c < Columns.Count; c++)
        {
            var left = this["new", c] + this["carried-in", c];
            var right = this["total", c] + this["carried-out", c];
            if (left != right)
            {
                problems.Add($"表三“{Columns[c]}”列：一、本年新收（{this["new", c]}）＋二、上年结转（{this["carried-in", c]}）＝{left}，不等于（七）总计（{this["total", c]}）＋四、结转下年度（{this["carried-out", c]}）＝{right}。");
            }
        }
        foreach (var row in Rows)
        {
            var sum = Enumerable.Range(0, Columns.Count - 1).Sum(c => this[row.Key, c]);
            if (sum != this[row.Key, Columns.Count - 1])
            {
                problems.Add($"表三“{row.Label}”行：总计列为{this[row.Key, Columns.Count - 1]}，六类申请人之和为{sum}。");
            }
            if (row.Sum is not null)
            {
                for (var c = 0; c < Columns.Count; c++)
                {
                    var items = row.Sum.Sum(k => this[k, c]);
                    if (items != this[row.Key, c])
                    {
                        problems.Add($"表三“{row.Label}”行“{Columns[c]}”列：小计为{this[row.Key, c]}，所含各项之和为{items}。");
                    }
                }
            }
        }
        return problems;
    }
}

namespace Gongkai.Core.Reports;

/// <summary>What the office enters for table 2: the counts of decisions and the fees collected.</summary>
public sealed record EnteredFigures(int Licensing, int Penalties, int Enforcement, decimal FeesTenThousandYuan)
{
    public static readonly EnteredFigures None = new(0, 0, 0, 0m);
}

/// <summary>
/// 政府信息公开工作年度报告 of one organization for one year (条例 Arts. 49–50): the figures and text the
/// office enters; tables 2 (catalog part) and 3 are built from the data each time. Published as a
/// record of genre 报告 in the 政府信息公开年报 column; edits after publication are published again
/// as a new version of the same record.
/// </summary>
public sealed class AnnualReport
{
    private AnnualReport()
    {
    }

    /// <summary>
    /// 条例 Art. 49: a government department publishes its report for <paramref name="year"/> by 31
    /// January of the next year (after submitting it to the 政府信息公开工作主管部门); the 主管部门 of a
    /// people's government at county level and above publishes that government's report by 31 March.
    /// </summary>
    public static DateOnly DueDate(Catalog.OrganizationKind kind, int year) =>
        kind == Catalog.OrganizationKind.Government ? new DateOnly(year + 1, 3, 31) : new DateOnly(year + 1, 1, 31);

    public AnnualReport(int organizationId, int year, DateTime nowUtc)
    {
        OrganizationId = organizationId;
        Year = year is >= 2008 and <= 2100 ? year : throw new DomainException("年份无效。");
        CreatedAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int OrganizationId { get; private set; }
    public int Year { get; private set; }
    public EnteredFigures Figures { get; private set; } = EnteredFigures.None;
    public ReviewAndLitigationTable Table4 { get; private set; } = ReviewAndLitigationTable.Empty;

    /// <summary>一、总体情况; null until the office edits it (the draft from the data is shown).</summary>
    public string? Overview { get; private set; }

    /// <summary>五、存在的主要问题及改进情况.</summary>
    public string? Problems { get; private set; }

    /// <summary>六、其他需要报告的事项.</summary>
    public string? OtherMatters { get; private set; }

    /// <summary>The record it was published as.</summary>
    public long? RecordId { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }

    /// <summary>
    /// 报送: when a department last submitted this report to its 政府信息公开工作主管部门 (条例 Art. 49:
    /// “向本级政府信息公开工作主管部门提交…并向社会公布”), and who did.
    /// </summary>
    public DateTime? SubmittedAtUtc { get; private set; }

    public string? SubmittedBy { get; private set; }

    /// <summary>
    /// Changed after it was last submitted: the 主管部门 has an older version. (<see cref="UpdatedAtUtc"/>
    /// is the last change of its content: neither submitting nor publishing moves it.)
    /// </summary>
    public bool HasUnsubmittedChanges => SubmittedAtUtc is DateTime at && UpdatedAtUtc > at;

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public int Version { get; private set; }

    public bool IsPublished => RecordId is not null;

    /// <summary>Changed after its last publication, so the public version is older than this one.</summary>
    public bool HasUnpublishedChanges => PublishedAtUtc is DateTime at && UpdatedAtUtc > at;

    public void Enter(EnteredFigures figures, ReviewAndLitigationTable table4, string? overview, string? problems, string? otherMatters, DateTime nowUtc)
    {
        EnterFigures(figures, table4, nowUtc);
        Overview = Text(overview, "一、总体情况");
        Problems = Text(problems, "五、存在的主要问题及改进情况");
        OtherMatters = Text(otherMatters, "六、其他需要报告的事项");
        UpdatedAtUtc = nowUtc;
        Version++;
    }

    /// <summary>Table 2's entered figures and table 4 only (an import), the text left as it is.</summary>
    public void EnterFigures(EnteredFigures figures, ReviewAndLitigationTable table4, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(table4);
        Figures = figures;
        Table4 = table4;
        UpdatedAtUtc = nowUtc;
        Version++;
    }

    /// <summary>Submitted (again) to the 主管部门 as it stands now.</summary>
    public void MarkSubmitted(string by, DateTime nowUtc)
    {
        SubmittedBy = Require.Text(by, "报送人", 256);
        SubmittedAtUtc = nowUtc;
        Version++;
    }

    public void MarkPublished(long recordId, DateTime nowUtc)
    {
        RecordId = recordId;
        PublishedAtUtc = nowUtc;
        Version++;
    }

    private static string? Text(string? text, string section)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var trimmed = text.Trim().ReplaceLineEndings("\n");
        return trimmed.Length <= 20_000 ? trimmed : throw new DomainException($"“{section}”不能超过20000字。");
    }
}

using Gongkai.Application.Reports;
using Gongkai.Core.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>What the office types into the report form: table 2's entered figures, table 4 and the text.</summary>
public sealed class ReportForm
{
    public int Licensing { get; set; }
    public int Penalties { get; set; }
    public int Enforcement { get; set; }
    public decimal Fees { get; set; }

    /// <summary>Table 4: three groups × {结果维持, 结果纠正, 其他结果, 尚未审结, 总计}.</summary>
    public List<int> Table4 { get; set; } = [];

    public string? Overview { get; set; }
    public string? Problems { get; set; }
    public string? OtherMatters { get; set; }
    public int Version { get; set; }

    public AnnualReportInput ToInput()
    {
        var v = Enumerable.Range(0, 15).Select(i => i < Table4.Count ? Table4[i] : 0).ToArray();
        ReviewAndLitigationTable.Group G(int o) => new(v[o], v[o + 1], v[o + 2], v[o + 3], v[o + 4]);
        return new AnnualReportInput(new EnteredFigures(Licensing, Penalties, Enforcement, Fees), new ReviewAndLitigationTable(G(0), G(5), G(10)),
            Overview, Problems, OtherMatters, Version);
    }

    public static ReportForm From(AnnualReportView view) => new()
    {
        Licensing = view.Table2.Licensing,
        Penalties = view.Table2.Penalties,
        Enforcement = view.Table2.Enforcement,
        Fees = view.Table2.FeesTenThousandYuan,
        Table4 = view.Table4.InOrder().SelectMany(g => new[] { g.Figures.Upheld, g.Figures.Corrected, g.Figures.Other, g.Figures.Pending, g.Figures.Total }).ToList(),
        Overview = view.Texts.Overview,
        Problems = view.Texts.Problems,
        OtherMatters = view.Texts.OtherMatters,
        Version = view.Version,
    };
}

/// <summary>
/// 年度报告: builds an organization's report for a year from the platform's data, shows every table
/// with its balance check, takes the entered figures and the text, publishes it (refused while it does
/// not balance) and exports .docx and .xlsx.
/// </summary>
public sealed class ReportsModel(AnnualReports reports, TimeProvider time) : ConsolePageModel
{
    public AnnualReportView? Report { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];
    public IReadOnlyList<ReportReminder> Reminders { get; private set; } = [];
    public int Year { get; private set; }
    public int Organization { get; private set; }
    public bool CanEdit { get; private set; }

    [BindProperty]
    public ReportForm Form { get; set; } = new();

    public Task<IActionResult> OnGetAsync(int? org, int? year, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            if (!await LoadAsync(org, year, cancellationToken))
            {
                return Forbidden("您没有查看年度报告的权限。");
            }
            Form = ReportForm.From(Report!);
            return Page();
        });

    public Task<IActionResult> OnPostSaveAsync(int org, int year, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await LoadAsync(org, year, cancellationToken);
            Require();
            await reports.SaveAsync(Actor, org, year, Form.ToInput(), cancellationToken);
            TempData["Message"] = "已保存。";
            return RedirectToPage(new { org, year });
        });

    public Task<IActionResult> OnPostPublishAsync(int org, int year, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await LoadAsync(org, year, cancellationToken);
            Require();
            var view = await reports.SaveAsync(Actor, org, year, Form.ToInput(), cancellationToken);
            view = await reports.PublishAsync(Actor, org, year, cancellationToken);
            TempData["Message"] = $"《{view.Title}》已发布到“政府信息公开年报”栏目。";
            return RedirectToPage(new { org, year });
        });

    /// <summary>报送: saves the form, then submits the report to the 主管部门 (条例 Art. 49).</summary>
    public Task<IActionResult> OnPostSubmitAsync(int org, int year, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await LoadAsync(org, year, cancellationToken);
            Require();
            var view = await reports.SaveAsync(Actor, org, year, Form.ToInput(), cancellationToken);
            view = await reports.SubmitAsync(Actor, org, year, cancellationToken);
            TempData["Message"] = $"《{view.Title}》已报送{view.Supervision?.Supervisor}。请于1月31日前发布。";
            return RedirectToPage(new { org, year });
        });

    /// <summary>The most an import file may weigh: the export of a report is about 10 KB.</summary>
    public const long MaxImportBytes = 2 * 1024 * 1024;

    public Task<IActionResult> OnPostImportAsync(int org, int year, IFormFile? file, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await LoadAsync(org, year, cancellationToken);
            Require();
            if (file is null || file.Length == 0)
            {
                throw new Core.DomainException("请选择要导入的Excel文件。");
            }
            if (file.Length > MaxImportBytes)
            {
                throw new Core.DomainException("文件过大：导入的Excel不能超过2 MB。");
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            await reports.ImportAsync(Actor, org, year, buffer, cancellationToken);
            TempData["Message"] = "已从Excel导入表二（行政许可、行政处罚、行政强制、行政事业性收费）和表四的数字。";
            return RedirectToPage(new { org, year });
        });

    public Task<IActionResult> OnGetDocxAsync(int org, int year, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var view = await reports.BuildAsync(Actor, org, year, cancellationToken);
            return File(ReportDocument.Docx(view), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", view.Title + ".docx");
        });

    public Task<IActionResult> OnGetXlsxAsync(int org, int year, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var view = await reports.BuildAsync(Actor, org, year, cancellationToken);
            return File(ReportDocument.Xlsx(view), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", view.Title + ".xlsx");
        });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        // Show the page again with what was typed and the message; the tables come from the data. When
        // the report itself cannot be built (a bad year), the page shows the message and the selector.
        if (Report is null && Organizations.Count > 0 && Year is >= 2008 and <= 2100)
        {
            try
            {
                Report = await reports.BuildAsync(Actor, Organization, Year, HttpContext.RequestAborted);
            }
            catch (Core.DomainException)
            {
                // The report itself cannot be built (no such organization): the message already says why.
            }
        }
        return Page();
    }

    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["Form.Licensing"] = "行政许可", ["Form.Penalties"] = "行政处罚", ["Form.Enforcement"] = "行政强制", ["Form.Fees"] = "行政事业性收费（万元）",
        ["Form.Version"] = "版本",
    };

    /// <summary>A number the browser let through but that is not one (typed by hand, or posted by a script) is refused in Chinese, not read as 0.</summary>
    private void RequireNumbers()
    {
        var bad = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).Where(k => k.StartsWith("Form.", StringComparison.Ordinal)).ToList();
        if (bad.Count == 0)
        {
            return;
        }
        foreach (var key in bad)
        {
            ModelState.Remove(key);
        }
        var names = bad.Select(k => FieldLabels.TryGetValue(k, out var label) ? label
            : k.StartsWith("Form.Table4[", StringComparison.Ordinal) && int.TryParse(k["Form.Table4[".Length..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i is >= 0 and < 15
                ? $"表四{ReviewAndLitigationTable.Empty.InOrder()[i / 5].Name}“{ReviewAndLitigationTable.Columns[i % 5]}”"
                : k);
        throw new Core.DomainException($"以下数字无效，请填写不小于0的数（表四和决定数量为整数）：{string.Join("、", names)}。");
    }

    private void Require()
    {
        Actor.Demand(Core.Editorial.Operation.PublishReports, Organization);
        RequireNumbers();
    }

    private async Task<bool> LoadAsync(int? org, int? year, CancellationToken cancellationToken)
    {
        Organizations = await reports.ReadableOrganizationsAsync(Actor, cancellationToken);
        if (Organizations.Count == 0)
        {
            return false;
        }
        Reminders = await reports.RemindersAsync(Actor, cancellationToken);
        Year = year ?? Core.ChinaTime.DateOf(time.GetUtcNow().UtcDateTime).Year - 1;
        Organization = org ?? Organizations[0].Id;
        CanEdit = Actor.Can(Core.Editorial.Operation.PublishReports, Organization);
        Report = await reports.BuildAsync(Actor, Organization, Year, cancellationToken);
        return true;
    }
}

using Gongkai.Application.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>
/// 统计 in the console: the public charts for one organization (or, for administrators, all), and
/// what the office needs besides — answers by 承办部门 and the records published late under 条例 Art. 26.
/// </summary>
public sealed class StatisticsModel(Application.Reports.Statistics statistics, AnnualReports reports, TimeProvider time) : ConsolePageModel
{
    public StatisticsView? View { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];
    public IReadOnlyList<DepartmentFigures> Departments { get; private set; } = [];
    public IReadOnlyList<LateRecord> LateRecords { get; private set; } = [];
    public int Year { get; private set; }
    public int? Organization { get; private set; }

    public Task<IActionResult> OnGetAsync(int? org, int? year, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            Organizations = await reports.ReadableOrganizationsAsync(Actor, cancellationToken);
            if (Organizations.Count == 0)
            {
                return Forbidden("您没有查看统计的权限。");
            }
            Year = year ?? Core.ChinaTime.DateOf(time.GetUtcNow().UtcDateTime).Year;
            // Administrators may look at the whole site group; others at an organization of theirs.
            Organization = org ?? (Actor.IsAdministrator ? null : Organizations[0].Id);
            if (Organization is int o)
            {
                Actor.Demand(Core.Editorial.Operation.ReadReports, o);
            }
            View = await statistics.BuildAsync(Year, Organization, cancellationToken);
            if (Organization is int chosen)
            {
                Departments = await statistics.DepartmentsAsync(chosen, Year, cancellationToken);
                LateRecords = await statistics.LateRecordsAsync(chosen, Year, cancellationToken);
            }
            return Page();
        });

    public string CsvUrl(string chart) => $"/statistics/{chart}.csv?year={Year}" + (Organization is int o ? $"&org={o}" : "");
}

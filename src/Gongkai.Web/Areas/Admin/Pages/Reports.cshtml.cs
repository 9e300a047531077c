using Gongkai.Application.Reports;
using Gongkai.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>年度报告（草稿）: table 3 from the request data with its balance check, and the year's figures.</summary>
public sealed class ReportsModel(AnnualReportBuilder builder, GongkaiDbContext db, TimeProvider time) : ConsolePageModel
{
    public AnnualReportDraft? Draft { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];
    public int Year { get; private set; }
    public int? Organization { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? org, int? year, CancellationToken cancellationToken)
    {
        var all = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.FullName }).ToListAsync(cancellationToken);
        Organizations = all.Where(o => Actor.IsAdministrator || Actor.Can(Core.Editorial.Operation.HandleRequests, o.Id) || Actor.Can(Core.Editorial.Operation.Review, o.Id))
            .Select(o => (o.Id, o.FullName)).ToList();
        if (Organizations.Count == 0)
        {
            return Forbidden("您没有查看年度报告的权限。");
        }
        Year = year ?? Core.ChinaTime.DateOf(time.GetUtcNow().UtcDateTime).Year - 1;
        Organization = org ?? Organizations[0].Id;
        Draft = await builder.BuildAsync(Actor, Organization.Value, Year, cancellationToken);
        return Page();
    }
}

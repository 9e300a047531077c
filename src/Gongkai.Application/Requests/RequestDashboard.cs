using Gongkai.Application.Accounts;
using Gongkai.Core;
using Gongkai.Core.Calendar;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Requests;

/// <summary>
/// One department's line of the dashboard. <see cref="Provisional"/> counts the open cases whose due
/// date is only 暂定 (a year without a holiday notice); they are counted and sorted like the others.
/// </summary>
public sealed record DashboardRow(int OrganizationId, string Organization, string Department, int Open, int DueToday, int DueSoon, int Overdue, int Paused,
    IReadOnlyList<(RequestCase Case, DeadlineExplanation Deadline)> Urgent, int Provisional = 0);

/// <summary>
/// 办理提醒: per department, the open cases due today, due within 3 working days, overdue, and paused.
/// A provisional due date counts as its date (a handler works to it until the notice makes it exact).
/// </summary>
public sealed class RequestDashboard(GongkaiDbContext db, WorkingDayCalendar calendar, TimeProvider time)
{
    public const int SoonWorkingDays = 3;

    public async Task<IReadOnlyList<DashboardRow>> BuildAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var organizations = Permissions.Organizations(actor.Grants, Operation.HandleRequests).ToList();
        if (organizations.Count == 0)
        {
            throw new DomainForbiddenException("您没有办理依申请公开的权限。");
        }
        var today = ChinaTime.DateOf(time.GetUtcNow().UtcDateTime);
        var soonLimit = Deadline.AddWorkingDays(calendar, today, SoonWorkingDays).Date;
        var names = await db.Organizations.AsNoTracking().Where(o => organizations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.FullName, cancellationToken).ConfigureAwait(false);
        var open = await db.RequestCases.AsNoTracking()
            .Where(c => organizations.Contains(c.OrganizationId) && c.State != RequestState.Answered)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<DashboardRow>();
        // One line per department (承办部门) of each organization; unassigned cases have their own line.
        var groups = open.GroupBy(c => (c.OrganizationId, Department: c.AssignedDepartment ?? "未分办"))
            .Select(g => g.Key).Concat(organizations.Where(o => open.All(c => c.OrganizationId != o)).Select(o => (OrganizationId: o, Department: "未分办")))
            .OrderBy(k => k.OrganizationId).ThenBy(k => k.Department == "未分办").ThenBy(k => k.Department, StringComparer.Ordinal);
        foreach (var (organization, department) in groups)
        {
            var cases = open.Where(c => c.OrganizationId == organization && (c.AssignedDepartment ?? "未分办") == department)
                .Select(c => (Case: c, Deadline: Deadline.ComputeOrExplain(calendar, c.DeadlineInputs))).ToList();
            rows.Add(new DashboardRow(organization, names.GetValueOrDefault(organization, string.Empty), department, cases.Count,
                cases.Count(x => x.Deadline.Due == today),
                cases.Count(x => x.Deadline.Due > today && x.Deadline.Due <= soonLimit),
                cases.Count(x => x.Deadline.Due < today),
                cases.Count(x => x.Case.State == RequestState.Consulting),
                cases.Where(x => x.Deadline.Due is DateOnly d && d <= soonLimit).OrderBy(x => x.Deadline.Due).ThenBy(x => x.Case.Id).Take(20).ToList(),
                cases.Count(x => x.Deadline.IsProvisional)));
        }
        return rows;
    }
}

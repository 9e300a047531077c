using Gongkai.Application.Requests;

namespace Gongkai.Web.Areas.Admin.Pages.Requests;

/// <summary>办理提醒: due today, due within 3 working days, overdue — by department.</summary>
public sealed class DashboardModel(RequestDashboard dashboard, TimeProvider time) : ConsolePageModel
{
    public IReadOnlyList<DashboardRow> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = Core.ChinaTime.DateOf(time.GetUtcNow().UtcDateTime);
        Rows = await dashboard.BuildAsync(Actor, cancellationToken);
    }
}

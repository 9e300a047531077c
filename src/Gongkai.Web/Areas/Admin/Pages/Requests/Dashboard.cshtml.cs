using Gongkai.Application.Requests;

namespace Gongkai.Web.Areas.Admin.Pages.Requests;

/// <summary>办理提醒: due today, due within 3 working days, overdue — by department.</summary>
public sealed class DashboardModel(RequestDashboard dashboard, RequestService requests, EmailSender email, TimeProvider time) : ConsolePageModel
{
    public bool EmailEnabled => email.Enabled;

    public Task<Microsoft.AspNetCore.Mvc.IActionResult> OnPostRemindAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var sent = await requests.SendRemindersAsync(Actor, await dashboard.BuildAsync(Actor, ct), ct);
        TempData["Message"] = sent > 0 ? $"已向 {sent} 位办理员发送到期提醒。" : "没有需要提醒的申请，或办理员未登记电子邮箱。";
        return Redirect("/admin/requests/dashboard");
    });

    protected override async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnInvalidAsync()
    {
        await OnGetAsync(HttpContext.RequestAborted);
        return Page();
    }

    public IReadOnlyList<DashboardRow> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = Core.ChinaTime.DateOf(time.GetUtcNow().UtcDateTime);
        Rows = await dashboard.BuildAsync(Actor, cancellationToken);
    }
}

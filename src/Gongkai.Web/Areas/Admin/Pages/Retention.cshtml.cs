using Gongkai.Application;
using Gongkai.Application.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>数据保留 (管理员): erase applicants' personal data after the retention period; statistics stay.</summary>
public sealed class RetentionModel(RequestService requests, IOptions<GongkaiOptions> options) : ConsolePageModel
{
    public int Years => options.Value.Requests.RetentionYears;

    public IActionResult OnGet()
    {
        Actor.Demand(Core.Editorial.Operation.ManageSiteGroup, null);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var count = await requests.EraseExpiredAsync(Actor, ct);
        TempData["Message"] = $"已清除 {count} 件申请的申请人个人信息（答复满{Years}年）。统计数据不受影响。";
        return Redirect("/admin/retention");
    });
}

using Gongkai.Application.Search;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>检索索引 (管理员): does the index agree with the database, and a rebuild with its progress.</summary>
public sealed class SearchModel(IndexRebuildJob maintenance) : ConsolePageModel
{
    public SearchCheckResult? Check { get; private set; }
    public RebuildStatus Status => maintenance.Status;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Check = await maintenance.CheckAsync(Actor, cancellationToken);

    public Task<IActionResult> OnPostRebuildAsync(CancellationToken cancellationToken) => RunAsync(async () =>
    {
        await maintenance.StartRebuildAsync(Actor, cancellationToken);
        TempData["Message"] = "已开始重建检索索引；完成后自动切换，期间检索照常可用。";
        return Redirect("/admin/search");
    });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        Check = await maintenance.CheckAsync(Actor, HttpContext.RequestAborted);
        return Page();
    }
}

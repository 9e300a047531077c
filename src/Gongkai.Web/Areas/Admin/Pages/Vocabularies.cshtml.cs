using Gongkai.Application.Admin;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>词表 (管理员): the controlled lists of the record form — add, rename, retire, restore.</summary>
public sealed class VocabulariesModel(SiteGroupAdministration administration, TermDirectory terms) : ConsolePageModel
{
    public static readonly (Vocabulary Vocabulary, string Label)[] Lists =
    [
        (Vocabulary.Theme, "主题"), (Vocabulary.Genre, "体裁"), (Vocabulary.DisclosureForm, "公开形式"),
        (Vocabulary.DisclosureMethod, "公开方式"), (Vocabulary.DisclosureScope, "公开范围"), (Vocabulary.DisclosureTerm, "公开时限"),
        (Vocabulary.EffectStatus, "效力状况"),
    ];

    public Vocabulary Current { get; private set; } = Vocabulary.Theme;
    public TermSnapshot Terms { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Vocabulary? list, CancellationToken cancellationToken)
    {
        Actor.Demand(Core.Editorial.Operation.ManageSiteGroup, null);
        Current = list ?? Vocabulary.Theme;
        Terms = await terms.GetAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(Vocabulary list, string? label, int? parentId, CancellationToken ct) => RunAsync(async () =>
    {
        Current = list;
        await administration.AddTermAsync(Actor, list, label ?? "", parentId, ct);
        TempData["Message"] = $"已添加“{label}”。";
        return Redirect($"/admin/vocabularies?list={list}");
    });

    public Task<IActionResult> OnPostRenameAsync(Vocabulary list, int id, string? label, CancellationToken ct) => RunAsync(async () =>
    {
        Current = list;
        await administration.RenameTermAsync(Actor, id, label ?? "", ct);
        TempData["Message"] = "已改名。公开页面立即显示新名称；检索的分面在重建检索索引后更新。";
        return Redirect($"/admin/vocabularies?list={list}");
    });

    public Task<IActionResult> OnPostActiveAsync(Vocabulary list, int id, bool active, CancellationToken ct) => RunAsync(async () =>
    {
        Current = list;
        await administration.SetTermActiveAsync(Actor, id, active, ct);
        TempData["Message"] = active ? "已恢复。" : "已停用：已使用它的信息保持不变，新建和修改时不再提供。";
        return Redirect($"/admin/vocabularies?list={list}");
    });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        Terms = await terms.GetAsync(HttpContext.RequestAborted);
        return Page();
    }
}

using Gongkai.Application.Requests;
using Gongkai.Core.Requests;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>文书模板 (管理员): the letters' texts, with the fields they are filled with.</summary>
public sealed class LettersModel(RequestLetters letters) : ConsolePageModel
{
    public IReadOnlyDictionary<LetterKind, string> Templates { get; private set; } = new Dictionary<LetterKind, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken) => Templates = await letters.TemplatesAsync(Actor, cancellationToken);

    public Task<IActionResult> OnPostAsync(LetterKind kind, string? body, CancellationToken ct) => RunAsync(async () =>
    {
        await letters.SaveTemplateAsync(Actor, kind, body, ct);
        TempData["Message"] = string.IsNullOrWhiteSpace(body) ? $"《{Letters.Title(kind)}》已恢复为内置文本。" : $"《{Letters.Title(kind)}》模板已保存。";
        return Redirect("/admin/letters");
    });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        Templates = await letters.TemplatesAsync(Actor, HttpContext.RequestAborted);
        return Page();
    }
}

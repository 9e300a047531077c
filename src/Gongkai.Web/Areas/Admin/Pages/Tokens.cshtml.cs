using Gongkai.Application.Accounts;
using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>API令牌: personal tokens for the integration API; shown once, revocable at any time.</summary>
public sealed class TokensModel(ApiTokens tokens) : ConsolePageModel
{
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tokens = await tokens.ListAsync(Actor, cancellationToken);

    public Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken ct) => RunAsync(async () =>
    {
        var issued = await tokens.IssueAsync(Actor, name ?? string.Empty, ct);
        NewToken = issued.Token;
        Tokens = await tokens.ListAsync(Actor, ct);
        return Page();
    });

    public Task<IActionResult> OnPostRevokeAsync(int tokenId, CancellationToken ct) => RunAsync(async () =>
    {
        await tokens.RevokeAsync(Actor, tokenId, ct);
        TempData["Message"] = "令牌已撤销，立即失效。";
        return Redirect("/admin/tokens");
    });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        Tokens = await tokens.ListAsync(Actor, HttpContext.RequestAborted);
        return Page();
    }
}

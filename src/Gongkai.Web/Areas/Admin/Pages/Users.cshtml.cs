using Gongkai.Application.Accounts;
using Gongkai.Core.Editorial;
using Gongkai.Application.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>用户与角色 (管理员): accounts, and the roles each holds for which organization.</summary>
public sealed class UsersModel(UserAdministration administration, CatalogReader catalog) : ConsolePageModel
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Organizations { get; private set; } = new Dictionary<int, string>();

    /// <summary>Shown once after an account is made with a generated password.</summary>
    public string? NewPassword { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostCreateAsync(string? userName, string? displayName, string? email, string? password, CancellationToken ct) => RunAsync(async () =>
    {
        var generated = string.IsNullOrEmpty(password);
        var actual = generated ? UserAdministration.GeneratePassword() : password!;
        await administration.CreateAsync(Actor, userName ?? string.Empty, displayName ?? string.Empty, email, actual, ct);
        NewPassword = generated ? actual : null;
        TempData["Message"] = $"已创建用户 {userName}。";
        if (generated)
        {
            // Shown on this response only: never stored in TempData or the log.
            await LoadAsync(ct);
            return Page();
        }
        return Redirect("/admin/users");
    });

    public Task<IActionResult> OnPostGrantAsync(int userId, Role role, int? organizationId, CancellationToken ct) => RunAsync(async () =>
    {
        await administration.GrantAsync(Actor, userId, role, role == Role.Administrator ? null : organizationId, ct);
        TempData["Message"] = "已分配角色。";
        return Redirect("/admin/users");
    });

    public Task<IActionResult> OnPostRevokeAsync(int grantId, CancellationToken ct) => RunAsync(async () =>
    {
        await administration.RevokeAsync(Actor, grantId, ct);
        TempData["Message"] = "已撤销角色。";
        return Redirect("/admin/users");
    });

    public Task<IActionResult> OnPostUnlockAsync(string? userName, CancellationToken ct) => RunAsync(async () =>
    {
        await administration.UnlockAsync(Actor, userName ?? string.Empty, ct);
        TempData["Message"] = $"已解除 {userName} 的锁定。";
        return Redirect("/admin/users");
    });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = await administration.ListAsync(Actor, cancellationToken);
        Organizations = (await catalog.OrganizationsAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.FullName);
    }
}

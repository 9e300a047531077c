using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>
/// Sign-out is a POST (with the antiforgery token), so a link elsewhere cannot sign anyone out. It
/// ends the session on the server too: the person's security stamp changes, which every console
/// request checks (SecurityStampValidator at interval zero), so a copy of the cookie taken before
/// 退出 no longer works (probe finding F10). The person's sessions on other devices end with it.
/// </summary>
public sealed class LogoutModel(SignInManager<GongkaiUser> signIn, UserManager<GongkaiUser> users) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return Redirect("/admin/login");
    }
}

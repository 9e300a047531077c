using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>Sign-out is a POST (with the antiforgery token), so a link elsewhere cannot sign anyone out.</summary>
public sealed class LogoutModel(SignInManager<GongkaiUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/admin/login");
    }
}

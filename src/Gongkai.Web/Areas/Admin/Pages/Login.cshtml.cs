using Gongkai.Application;
using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>
/// Sign-in. After <c>Gongkai:Accounts:LockoutFailures</c> failures within
/// <c>LockoutWindowSeconds</c> the account is locked for <c>LockoutMinutes</c>; older failures are
/// forgotten. One address may try <c>SignInsPerTenMinutesPerIp</c> times in ten minutes. Whether the
/// user name exists or the account is locked, a failure reads the same, answers 400 and takes as long
/// (an unknown name still costs one password hash), so accounts cannot be enumerated (probe finding F11).
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RequestRateLimits.SignIns)]
public sealed class LoginModel(SignInManager<GongkaiUser> signIn, UserManager<GongkaiUser> users, IOptions<GongkaiOptions> options, TimeProvider time) : PageModel
{
    public string? UserName { get; private set; }

    public string ReturnUrl { get; private set; } = "/admin";

    public void OnGet(string? returnUrl) => ReturnUrl = LocalOr(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl)
    {
        ReturnUrl = LocalOr(returnUrl);
        UserName = userName;
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            ModelState.AddModelError(string.Empty, "请填写用户名和密码。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var accounts = options.Value.Accounts;
        var now = time.GetUtcNow().UtcDateTime;
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is not null && user.AccessFailedCount > 0 && !await users.IsLockedOutAsync(user)
            && user.LastFailedSignInUtc is DateTime last && now - last > TimeSpan.FromSeconds(accounts.LockoutWindowSeconds))
        {
            // Failures outside the window do not count towards a lockout.
            await users.ResetAccessFailedCountAsync(user);
        }
        if (user is null)
        {
            // As long as checking a real account's password.
            // (Hashed with the app's own hasher and settings, so it costs what a real check costs.)
            var dummy = _dummyHash ??= users.PasswordHasher.HashPassword(new GongkaiUser(), "gongkai-no-such-account");
            users.PasswordHasher.VerifyHashedPassword(new GongkaiUser(), dummy, password);
        }
        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl);
        }
        if (user is not null && !result.IsLockedOut)
        {
            user = await users.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (user is not null)
            {
                user.LastFailedSignInUtc = now;
                await users.UpdateAsync(user);
            }
        }
        ModelState.AddModelError(string.Empty, FailureMessage(accounts.LockoutMinutes));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The one answer to every failed sign-in.</summary>
    public static string FailureMessage(int lockoutMinutes) =>
        $"用户名或密码不正确。连续多次失败后账号会被锁定{lockoutMinutes}分钟，请稍后再试，或联系管理员解锁。";

    private static string? _dummyHash;

    private string LocalOr(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/admin";
}

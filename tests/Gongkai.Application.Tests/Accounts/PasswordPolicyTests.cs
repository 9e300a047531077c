using Gongkai.Data.Accounts;
using Gongkai.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Accounts;

/// <summary>Passwords an attacker tries first are refused (probe finding F12), in Chinese.</summary>
public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("1234567890")]
    [InlineData("password12")]
    [InlineData("admin12345")]
    [InlineData("qwertyuiop1")]
    [InlineData("wang.editor1")] // the user name and a digit
    [InlineData("Wang.Editor2026")]
    [InlineData("abcabcabc1")]
    public async Task A_common_or_personal_password_is_refused(string password)
    {
        await using var app = await ApplicationServices.CreateAsync(demo: false);
        var result = await app.RunAsync(s => s.GetRequiredService<UserManager<GongkaiUser>>().CreateAsync(
            new GongkaiUser { UserName = "wang.editor", DisplayName = "王编辑", CreatedAtUtc = app.Time.GetUtcNow().UtcDateTime }, password));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == "PasswordGuessable" && e.Description.StartsWith("密码太容易被猜到", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestUsers.Password)]
    [InlineData("guanli-mima-2026")]
    [InlineData("青山绿水长流2026年")]
    [InlineData("tuzi-paobu-77-shuye")]
    public async Task A_password_of_unrelated_words_and_digits_is_accepted(string password)
    {
        await using var app = await ApplicationServices.CreateAsync(demo: false);
        var result = await app.RunAsync(s => s.GetRequiredService<UserManager<GongkaiUser>>().CreateAsync(
            new GongkaiUser { UserName = "li.reviewer", DisplayName = "李审核", CreatedAtUtc = app.Time.GetUtcNow().UtcDateTime }, password));
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Description)));
    }
}

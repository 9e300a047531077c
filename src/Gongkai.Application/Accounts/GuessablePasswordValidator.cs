using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Gongkai.Application.Accounts;

/// <summary>
/// Refuses passwords an attacker guesses first (probe finding F12): common and leaked passwords,
/// keyboard runs, dates, repeats and passwords made of the user's own name, as the zxcvbn estimator
/// (Dropbox's, here its .NET port) judges them. A score of 3 of 4 ("safely unguessable", about 10^8
/// guesses or more) is required, on top of the length and digit rules of <see cref="IdentityOptions"/>.
/// </summary>
public sealed class GuessablePasswordValidator : IPasswordValidator<GongkaiUser>
{
    public const int MinimumScore = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<GongkaiUser> manager, GongkaiUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // the length rule speaks for an empty one
        }
        var inputs = new[] { user.UserName, user.DisplayName, user.Email, "gongkai", "admin", "xxgk" }.OfType<string>().ToList();
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, inputs);
        return Task.FromResult(result.Score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordGuessable",
                Description = "密码太容易被猜到（常见密码、键盘顺序、重复字符或与用户名相近），请换一个更长、更不规则的密码，例如几个不相关的词加数字。",
            }));
    }
}

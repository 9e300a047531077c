using Microsoft.AspNetCore.Identity;

namespace Gongkai.Data.Accounts;

/// <summary>A person who signs in to the console (ASP.NET Core Identity). Roles are <see cref="Core.Editorial.RoleGrant"/> rows.</summary>
public sealed class GongkaiUser : IdentityUser<int>
{
    /// <summary>姓名, shown in the console and in the operation log.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>When the last failed sign-in happened: failures older than the lockout window are forgotten.</summary>
    public DateTime? LastFailedSignInUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>
/// A personal API token for the integration API. Only its SHA-256 is stored; the token itself is
/// shown once, when it is made. A revoked token stops working at once.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; private set; }
    public int UserId { get; private set; }
    public string Name { get; private set; } = string.Empty;

    /// <summary>The first characters of the token, so that a person can tell their tokens apart.</summary>
    public string Prefix { get; private set; } = string.Empty;

    public string TokenHash { get; private set; } = string.Empty;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? LastUsedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; private set; }

    private ApiToken() { }

    public ApiToken(int userId, string name, string prefix, string tokenHash, DateTime nowUtc)
    {
        UserId = userId;
        Name = name;
        Prefix = prefix;
        TokenHash = tokenHash;
        CreatedAtUtc = nowUtc;
    }

    public bool IsActive => RevokedAtUtc is null;

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;
}

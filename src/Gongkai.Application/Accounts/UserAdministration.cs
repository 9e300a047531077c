using System.Security.Cryptography;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Accounts;

public sealed record UserSummary(int Id, string UserName, string DisplayName, string? Email, bool LockedOut, IReadOnlyList<RoleGrant> Grants);

/// <summary>
/// Users and their roles: what 管理员 do in the console and what <c>gongkai users</c> does. There
/// is no default account and no default password: the first administrator is made with
/// <c>gongkai users add-admin</c>, on the server, by someone who can run it.
/// </summary>
public sealed class UserAdministration(GongkaiDbContext db, UserManager<GongkaiUser> users, AuditLog audit, TimeProvider time)
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 100;

    public async Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageUsers, null);
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
        var grants = (await db.RoleGrants.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(g => g.UserId);
        var now = time.GetUtcNow();
        return all.Select(u => new UserSummary(u.Id, u.UserName ?? string.Empty, u.DisplayName, u.Email,
            u.LockoutEnd is DateTimeOffset end && end > now, grants[u.Id].ToList())).ToList();
    }

    /// <summary>The first administrator, from the command line: allowed only while no administrator exists, unless forced.</summary>
    public async Task<int> AddAdministratorAsync(string userName, string displayName, string password, bool evenIfOneExists, CancellationToken cancellationToken = default)
    {
        if (!evenIfOneExists && await db.RoleGrants.AnyAsync(g => g.Role == Role.Administrator, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainConflictException("已经有管理员。请由现有管理员在管理后台添加用户；确需从命令行再添加，请加 --force。");
        }
        var console = new Actor(null, "命令行（gongkai users add-admin）", []);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var id = await CreateCoreAsync(console, userName, displayName, null, password, cancellationToken).ConfigureAwait(false);
        await GrantCoreAsync(console, id, Role.Administrator, null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<int> CreateAsync(Actor actor, string userName, string displayName, string? email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageUsers, null);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var id = await CreateCoreAsync(actor, userName, displayName, email, password, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task GrantAsync(Actor actor, int userId, Role role, int? organizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageUsers, null);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await GrantCoreAsync(actor, userId, role, organizationId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RevokeAsync(Actor actor, int grantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageUsers, null);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var grant = await db.RoleGrants.SingleOrDefaultAsync(g => g.Id == grantId, cancellationToken).ConfigureAwait(false)
                    ?? throw new DomainException("该角色不存在。");
        if (grant.Role == Role.Administrator && grant.UserId == actor.UserId)
        {
            throw new DomainConflictException("不能撤销自己的管理员角色，以免站群失去管理员。");
        }
        db.RoleGrants.Remove(grant);
        await audit.AppendAsync(actor, AuditActions.UserRevoke, $"user:{grant.UserId}", null,
            new { role = grant.Role.ToString(), organizationId = grant.OrganizationId }, null, null, null, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// 解除锁定: ends an account's lockout and forgets its failed sign-ins. An administrator does it
    /// in the console; when every administrator is locked out (anyone can lock an account by failing
    /// to sign in as it), whoever runs the server does it with <c>gongkai users unlock</c>, which no
    /// sign-in attempt can block.
    /// </summary>
    /// <param name="actor">an administrator, or the command line (no person)</param>
    public async Task UnlockAsync(Actor actor, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId is not null)
        {
            actor.Demand(Operation.ManageUsers, null);
        }
        var user = await users.FindByNameAsync(Require.Text(userName, "用户名")).ConfigureAwait(false)
                   ?? throw new DomainException($"用户“{userName}”不存在。");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false);
        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        await audit.AppendAsync(actor, AuditActions.UserUnlock, $"user:{user.Id}", null, null, new { userName = user.UserName }, null, null, cancellationToken)
            .ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A strong random password for a new account (shown once). It always meets the password rules
    /// (a digit among them), whatever the draw.
    /// </summary>
    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        const string digits = "23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
        // One position, chosen at random, is a digit: 16 random letters would fail RequireDigit.
        chars[RandomNumberGenerator.GetInt32(16)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}-{new string(chars, 12, 4)}!";
    }

    private async Task<int> CreateCoreAsync(Actor actor, string userName, string displayName, string? email, string password, CancellationToken cancellationToken)
    {
        var user = new GongkaiUser
        {
            UserName = Require.Text(userName, "用户名", MaxUserNameLength),
            DisplayName = Require.Text(displayName, "姓名", MaxDisplayNameLength),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            LockoutEnabled = true,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        await audit.AppendAsync(actor, AuditActions.UserCreate, $"user:{user.Id}", null, null,
            new { userName = user.UserName, displayName = user.DisplayName }, null, null, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return user.Id;
    }

    private async Task GrantCoreAsync(Actor actor, int userId, Role role, int? organizationId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("该用户不存在。");
        }
        if (organizationId is int org && !await db.Organizations.AnyAsync(o => o.Id == org, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("该单位不存在。");
        }
        if (await db.RoleGrants.AnyAsync(g => g.UserId == userId && g.Role == role && g.OrganizationId == organizationId, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainConflictException("该用户已经拥有这个角色。");
        }
        db.RoleGrants.Add(new RoleGrant(userId, role, organizationId));
        await audit.AppendAsync(actor, AuditActions.UserGrant, $"user:{userId}", null, null,
            new { role = role.ToString(), organizationId }, null, null, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

}

using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Accounts;

/// <summary>The person (or the scheduler) on whose behalf a use case runs, with the roles they hold now.</summary>
public sealed record Actor(int? UserId, string Name, IReadOnlyList<RoleGrant> Grants)
{
    /// <summary>The platform itself, for scheduled publication: it holds no roles and is never checked.</summary>
    public static Actor System { get; } = new(null, "系统（定时发布）", []);

    /// <summary>The platform loading the demo site group (`gongkai demo load`, first start), audited under this name.</summary>
    public static Actor DemoLoader { get; } = new(null, "系统（演示数据）", []);

    public bool Can(Operation operation, int? organizationId) => Permissions.Allows(Grants, operation, organizationId);

    public void Demand(Operation operation, int? organizationId) => Permissions.Demand(Grants, operation, organizationId);

    public bool IsAdministrator => Grants.Any(g => g.Role == Role.Administrator);

    /// <summary>The user id, for operations only a person can do.</summary>
    public int PersonId => UserId ?? throw new InvalidOperationException("This operation needs a signed-in person.");
}

/// <summary>Loads an <see cref="Actor"/> from the database, so that a changed or removed role counts at once.</summary>
public sealed class ActorLoader(GongkaiDbContext db)
{
    public async Task<Actor?> LoadAsync(int userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.UserName, u.LockoutEnd })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }
        var grants = await db.RoleGrants.AsNoTracking().Where(g => g.UserId == userId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Actor(user.Id, user.UserName ?? string.Empty, grants);
    }
}

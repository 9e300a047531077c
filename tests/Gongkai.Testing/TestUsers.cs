using Gongkai.Application.Accounts;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Testing;

/// <summary>People with roles, made through Identity and the database, for tests.</summary>
public static class TestUsers
{
    public const string Password = "ceshi-mima-2026";
    public const string Gxq = "01404053X";
    public const string Lg = "01404061X";

    public static async Task<int> OrganizationAsync(IServiceProvider services, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        return await services.GetRequiredService<GongkaiDbContext>().Organizations.Where(o => o.IndexPrefix == prefix).Select(o => o.Id).SingleAsync();
    }

    public static async Task<int> SiteAsync(IServiceProvider services, string slug)
    {
        ArgumentNullException.ThrowIfNull(services);
        return await services.GetRequiredService<GongkaiDbContext>().Sites.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
    }

    /// <summary>Creates a user holding <paramref name="role"/> for the organization with <paramref name="prefix"/> (none for 管理员).</summary>
    public static async Task<Actor> CreateAsync(IServiceProvider services, string userName, Role? role, string? prefix = Gxq)
    {
        ArgumentNullException.ThrowIfNull(services);
        var users = services.GetRequiredService<UserManager<GongkaiUser>>();
        var user = new GongkaiUser { UserName = userName, DisplayName = userName, LockoutEnabled = true, CreatedAtUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        if (role is Role r)
        {
            var db = services.GetRequiredService<GongkaiDbContext>();
            int? org = r == Role.Administrator || prefix is null ? null : await OrganizationAsync(services, prefix);
            db.RoleGrants.Add(new RoleGrant(user.Id, r, org));
            await db.SaveChangesAsync();
        }
        return (await services.GetRequiredService<ActorLoader>().LoadAsync(user.Id))!;
    }
}

using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Admin;

/// <summary>
/// What 管理员 do to the site group itself: organizations (with their index-number prefix), sites,
/// and the controlled vocabularies (add, rename, retire, restore). Every change is audited.
/// </summary>
public sealed class SiteGroupAdministration(GongkaiDbContext db, AuditLog audit, TermDirectory terms)
{
    /// <summary>Every organization of the site group, in the order they were added (管理员).</summary>
    public async Task<IReadOnlyList<Organization>> OrganizationsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        return await db.Organizations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CreateOrganizationAsync(Actor actor, string fullName, string shortName, string indexPrefix, int? parentId,
        OrganizationKind kind = OrganizationKind.Department, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        var organization = new Organization(fullName, shortName, indexPrefix, parentId);
        organization.SetKind(kind);
        if (await db.Organizations.AnyAsync(o => o.IndexPrefix == organization.IndexPrefix, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainConflictException($"前段码“{organization.IndexPrefix}”已被其他机构使用。");
        }
        if (parentId is int parent && !await db.Organizations.AnyAsync(o => o.Id == parent, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("上级机构不存在。");
        }
        return await SaveAsync(actor, AuditActions.OrganizationCreate, () =>
        {
            db.Organizations.Add(organization);
            return Task.CompletedTask;
        }, () => $"organization:{organization.Id}", new { organization.FullName, organization.ShortName, organization.IndexPrefix }, () => organization.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renames an organization and sets its 行政复议机关 (blank clears it) and, when given, its kind.</summary>
    public async Task RenameOrganizationAsync(Actor actor, int id, string fullName, string shortName, string? reconsiderationBody = null,
        OrganizationKind? kind = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken).ConfigureAwait(false)
                           ?? throw new DomainException("该机构不存在。");
        var before = new { organization.FullName, organization.ShortName, organization.ReconsiderationBody, Kind = organization.Kind.ToString() };
        organization.Rename(fullName, shortName);
        organization.SetReconsiderationBody(reconsiderationBody);
        if (kind is OrganizationKind k)
        {
            organization.SetKind(k);
        }
        await SaveAsync(actor, AuditActions.OrganizationRename, () => Task.CompletedTask, () => $"organization:{id}",
            new { before, after = new { organization.FullName, organization.ShortName, organization.ReconsiderationBody, Kind = organization.Kind.ToString() } }, () => id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CreateSiteAsync(Actor actor, string slug, string name, int organizationId, int? parentId, string? siteIdCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("请选择站点所属机构。");
        }
        var parent = parentId ?? await db.Sites.Where(s => s.ParentId == null).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var site = new Site(slug, name, organizationId, parent, 100, string.IsNullOrWhiteSpace(siteIdCode) ? null : siteIdCode.Trim());
        if (await db.Sites.AnyAsync(s => s.Slug == site.Slug, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainConflictException($"站点标识“{site.Slug}”已被使用。");
        }
        return await SaveAsync(actor, AuditActions.SiteCreate, () =>
        {
            db.Sites.Add(site);
            return Task.CompletedTask;
        }, () => $"site:{site.Id}", new { site.Slug, site.Name, site.OrganizationId }, () => site.Id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> AddTermAsync(Actor actor, Vocabulary vocabulary, string label, int? parentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        if (parentId is not null && vocabulary != Vocabulary.Theme)
        {
            throw new DomainException("只有主题分为两级。");
        }
        var trimmed = Require.Text(label, "名称");
        if (await db.Terms.AnyAsync(t => t.Vocabulary == vocabulary && t.ParentId == parentId && t.Label == trimmed, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainConflictException($"“{trimmed}”已经在列表中。");
        }
        var order = await db.Terms.Where(t => t.Vocabulary == vocabulary && t.ParentId == parentId).MaxAsync(t => (int?)t.SortOrder, cancellationToken).ConfigureAwait(false) ?? 0;
        var term = new Term(vocabulary, trimmed, order + 1, parentId);
        return await SaveAsync(actor, AuditActions.VocabularyAdd, () =>
        {
            db.Terms.Add(term);
            return Task.CompletedTask;
        }, () => $"term:{term.Id}", new { vocabulary = vocabulary.ToString(), term.Label, parentId }, () => term.Id, cancellationToken).ConfigureAwait(false);
    }

    public async Task RenameTermAsync(Actor actor, int id, string label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        var term = await db.Terms.SingleOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false) ?? throw new DomainException("该条目不存在。");
        var before = term.Label;
        term.Rename(label);
        // Records show the new label at once; the search index has the old one until `search rebuild`.
        await SaveAsync(actor, AuditActions.VocabularyRename, () => Task.CompletedTask, () => $"term:{id}", new { before, after = term.Label }, () => id, cancellationToken).ConfigureAwait(false);
    }

    public async Task SetTermActiveAsync(Actor actor, int id, bool active, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        var term = await db.Terms.SingleOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false) ?? throw new DomainException("该条目不存在。");
        if (!active && term.Key is not null)
        {
            throw new DomainConflictException($"“{term.Label}”是平台规则依赖的条目，不能停用（可以改名）。");
        }
        if (active)
        {
            term.Restore();
        }
        else
        {
            term.Retire();
        }
        await SaveAsync(actor, active ? AuditActions.VocabularyRestore : AuditActions.VocabularyRetire, () => Task.CompletedTask, () => $"term:{id}", new { term.Label }, () => id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> SaveAsync(Actor actor, string action, Func<Task> change, Func<string> subject, object after, Func<int> id, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await change().ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(actor, action, subject(), null, null, after, null, null, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        terms.Invalidate();
        return id();
    }
}

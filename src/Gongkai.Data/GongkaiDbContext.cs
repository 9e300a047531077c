using Gongkai.Core.Auditing;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Data;

/// <summary>
/// The database of record. The model is provider-neutral; each provider has its own migrations.
/// Identity keeps users (no Identity roles: roles are held per organization, <see cref="RoleGrant"/>).
/// </summary>
public sealed class GongkaiDbContext(DbContextOptions<GongkaiDbContext> options) : IdentityUserContext<GongkaiUser, int>(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Record> Records => Set<Record>();
    public DbSet<IndexSerialCounter> IndexSerials => Set<IndexSerialCounter>();
    public DbSet<SearchChange> SearchChanges => Set<SearchChange>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Core.Requests.RequestCase> RequestCases => Set<Core.Requests.RequestCase>();
    public DbSet<Core.Requests.LetterTemplate> LetterTemplates => Set<Core.Requests.LetterTemplate>();
    public DbSet<Core.Calendar.HolidayNotice> HolidayNotices => Set<Core.Calendar.HolidayNotice>();
    public DbSet<Core.Reports.AnnualReport> AnnualReports => Set<Core.Reports.AnnualReport>();

    /// <summary>
    /// Saves, and appends a <see cref="SearchChange"/> for every record added, changed or deleted,
    /// in the same transaction: the search index can never miss a committed change.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var records = ChangedRecords();
        if (records.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        var own = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            AddChanges(records);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            return saved;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var records = ChangedRecords();
        if (records.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        AddChanges(records);
        base.SaveChanges(acceptAllChangesOnSuccess);
        own?.Commit();
        return saved;
    }

    /// <summary>The records changed, and a null for "every page" when an organization, site or term changed.</summary>
    private List<Record?> ChangedRecords()
    {
        var changed = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity).ToList();
        var records = changed.OfType<Record>().Cast<Record?>().ToList();
        if (changed.Any(e => e is Organization or Site or Term))
        {
            records.Add(null);
        }
        return records;
    }

    private void AddChanges(List<Record?> records)
    {
        var now = DateTime.UtcNow;
        foreach (var record in records)
        {
            SearchChanges.Add(new SearchChange(record?.Id ?? SearchChange.EveryPage, now));
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<GongkaiUser>(u => u.Property(x => x.DisplayName).HasMaxLength(100));
        builder.ApplyConfigurationsFromAssembly(typeof(GongkaiDbContext).Assembly);
    }
}

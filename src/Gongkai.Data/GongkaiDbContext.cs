using Gongkai.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Data;

/// <summary>The database of record. The model is provider-neutral; each provider has its own migrations.</summary>
public sealed class GongkaiDbContext(DbContextOptions<GongkaiDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Record> Records => Set<Record>();
    public DbSet<IndexSerialCounter> IndexSerials => Set<IndexSerialCounter>();
    public DbSet<SearchChange> SearchChanges => Set<SearchChange>();

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

    private List<Record> ChangedRecords() =>
        ChangeTracker.Entries<Record>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity).ToList();

    private void AddChanges(List<Record> records)
    {
        var now = DateTime.UtcNow;
        foreach (var record in records)
        {
            SearchChanges.Add(new SearchChange(record.Id, now));
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GongkaiDbContext).Assembly);
    }
}

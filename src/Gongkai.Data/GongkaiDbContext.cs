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
/// On PostgreSQL the data-protection keys are kept here too, so that every node reads the same
/// cookies and antiforgery tokens (SQLite, one node, keeps them in the data folder).
/// </summary>
public sealed class GongkaiDbContext(DbContextOptions<GongkaiDbContext> options)
    : IdentityUserContext<GongkaiUser, int>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Record> Records => Set<Record>();
    public DbSet<IndexSerialCounter> IndexSerials => Set<IndexSerialCounter>();
    public DbSet<SearchChange> SearchChanges => Set<SearchChange>();
    public DbSet<SearchNode> SearchNodes => Set<SearchNode>();
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
    /// in the same transaction: the search index can never miss a committed change. The entries are
    /// written when the transaction commits (<see cref="ChangeLogInterceptor"/>), so that their ids
    /// ascend in commit order on every provider (docs/decisions/0004). Operation-log events saved
    /// here take their place in the chain at the same moment (<see cref="AppendAuditEvent"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CheckLengths();
        var records = AnnouncesChanges ? ChangedRecords() : [];
        var events = UnsavedAuditEvents();
        if (records.Count == 0 && events.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        var own = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            Announce(records, events);
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
        CheckLengths();
        var records = AnnouncesChanges ? ChangedRecords() : [];
        var events = UnsavedAuditEvents();
        if (records.Count == 0 && events.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        Announce(records, events);
        own?.Commit();
        return saved;
    }

    /// <summary>
    /// Refuses, in Chinese, a text longer than its column, the same on every provider: PostgreSQL
    /// would fail the statement (a 500), SQLite would keep it. The operations check what people type
    /// with their own messages (Require.Text); this is the net under them.
    /// </summary>
    private void CheckLengths()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string value && property.Metadata.GetMaxLength() is int max && value.Length > max
                    && (entry.State == EntityState.Added || property.IsModified))
                {
                    throw new Core.DomainException($"输入的内容过长：最多{max}个字符。");
                }
            }
        }
    }

    /// <summary>
    /// Adds an operation-log event that is not in the chain yet (<see cref="AuditEvent.Unchained"/>):
    /// saved with a placeholder sequence, it is given its sequence number and hashes when its
    /// transaction commits, under the commit lock, after the last event committed before it
    /// (<see cref="ChangeLogInterceptor"/>). Were the previous event read when the event is made, two
    /// transactions on two nodes could read the same one and fork the chain.
    /// </summary>
    public void AppendAuditEvent(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (auditEvent.IsChained)
        {
            throw new InvalidOperationException("The event is in the chain already.");
        }
        AuditEvents.Add(auditEvent);
        _unsavedAuditEvents.Add(auditEvent);
    }

    /// <summary>Events appended and not saved yet, in the order appended.</summary>
    private readonly List<AuditEvent> _unsavedAuditEvents = [];

    /// <summary>Events saved in the current transaction, chained at its commit in the order appended.</summary>
    internal List<AuditEvent> PendingAuditEvents { get; } = [];

    private List<AuditEvent> UnsavedAuditEvents()
    {
        // An event detached or removed before it was saved is not saved by this call either.
        _unsavedAuditEvents.RemoveAll(e => Entry(e).State != EntityState.Added);
        return [.. _unsavedAuditEvents];
    }

    /// <summary>
    /// Takes the change-log lock for the rest of the current transaction, before a bulk statement
    /// writes change-log entries itself (INSERT … SELECT): on PostgreSQL a transaction-level advisory
    /// lock, so that no other transaction can write entries until this one ends; SQLite has one
    /// writer at a time already.
    /// </summary>
    public Task LockChangeLogAsync(CancellationToken cancellationToken = default) =>
        Database.ProviderName == NpgsqlProvider
            ? Database.ExecuteSqlRawAsync(LockChangeLogSql, cancellationToken)
            : Task.CompletedTask;

    /// <summary>EF Core's name of the PostgreSQL provider (<c>Database.ProviderName</c>).</summary>
    public const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// Whether saving writes change-log entries (true). Only a copy of a whole database turns it off:
    /// it copies the change log itself.
    /// </summary>
    public bool AnnouncesChanges { get; set; } = true;

    /// <summary>Takes the change log's advisory lock (key 0x736561726368, "search" read as ASCII) until the transaction ends.</summary>
    internal const string LockChangeLogSql = "SELECT pg_advisory_xact_lock(126879263777640)";

    /// <summary>Record ids (or <see cref="SearchChange.EveryPage"/>) saved in the current transaction, announced at its commit.</summary>
    internal List<long> PendingChanges { get; } = [];

    private void Announce(List<Record?> records, List<AuditEvent> events)
    {
        PendingChanges.AddRange(records.Select(r => r?.Id ?? SearchChange.EveryPage));
        PendingAuditEvents.AddRange(events);
        _unsavedAuditEvents.RemoveAll(events.Contains);
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

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        optionsBuilder.AddInterceptors(ChangeLogInterceptor.Instance);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<GongkaiUser>(u => u.Property(x => x.DisplayName).HasMaxLength(100));
        builder.ApplyConfigurationsFromAssembly(typeof(GongkaiDbContext).Assembly);
    }
}

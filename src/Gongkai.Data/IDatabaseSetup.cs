namespace Gongkai.Data;

/// <summary>Provider-specific steps around migrating (SQLite: write-ahead logging; PostgreSQL: a lock across nodes).</summary>
public interface IDatabaseSetup
{
    /// <summary>"sqlite" or "postgres", as in Gongkai:Database:Provider.</summary>
    string Provider { get; }

    Task AfterMigrateAsync(GongkaiDbContext db, CancellationToken cancellationToken);

    /// <summary>Held while one process migrates and seeds, so that nodes starting together do it once.</summary>
    Task<IAsyncDisposable> LockInitializationAsync(CancellationToken cancellationToken);

    /// <summary>
    /// For a timed job that must run on one node at a time (scheduled publication): the lock named
    /// by <paramref name="key"/> if no other process sharing the database holds it, else null at
    /// once. Released when disposed, or when the process holding it dies.
    /// </summary>
    Task<IAsyncDisposable?> TryLockAsync(long key, CancellationToken cancellationToken);
}

/// <summary>The lock keys of the timed jobs (<see cref="IDatabaseSetup.TryLockAsync"/>).</summary>
public static class JobLocks
{
    /// <summary>定时发布 ("publish" read as ASCII).</summary>
    public const long ScheduledPublication = 0x70_75_62_6C_69_73_68;

    /// <summary>Pruning the change log ("prune" read as ASCII).</summary>
    public const long ChangeLogPruning = 0x70_72_75_6E_65;
}

namespace Gongkai.Data;

/// <summary>Provider-specific steps around migrating (SQLite: write-ahead logging; PostgreSQL: a lock across nodes).</summary>
public interface IDatabaseSetup
{
    /// <summary>"sqlite" or "postgres", as in Gongkai:Database:Provider.</summary>
    string Provider { get; }

    Task AfterMigrateAsync(GongkaiDbContext db, CancellationToken cancellationToken);

    /// <summary>Held while one process migrates and seeds, so that nodes starting together do it once.</summary>
    Task<IAsyncDisposable> LockInitializationAsync(CancellationToken cancellationToken);
}

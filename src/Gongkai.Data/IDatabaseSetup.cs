namespace Gongkai.Data;

/// <summary>Provider-specific steps after migrating (SQLite: write-ahead logging).</summary>
public interface IDatabaseSetup
{
    Task AfterMigrateAsync(GongkaiDbContext db, CancellationToken cancellationToken);
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gongkai.Data.Sqlite;

/// <summary>How the platform opens its embedded SQLite database.</summary>
public static class SqliteDatabase
{
    public const string FileName = "gongkai.db";

    /// <summary>The connection string for the database file in <paramref name="dataPath"/>.</summary>
    public static string ConnectionString(string dataPath) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataPath, FileName),
        // Writers queue for the lock instead of failing at once (busy timeout, seconds).
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));

    /// <summary>
    /// Write-ahead logging lets readers go on while one writer commits. The setting is stored in
    /// the file, so doing it once after migrating is enough.
    /// </summary>
    public static async Task EnableWriteAheadLogAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<GongkaiDbContext>
{
    public GongkaiDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<GongkaiDbContext>();
        SqliteDatabase.Configure(options, "Data Source=design-time.db");
        return new GongkaiDbContext(options.Options);
    }
}

/// <summary>Registers the SQLite database in <c>{dataPath}/gongkai.db</c>.</summary>
public static class SqliteServiceCollectionExtensions
{
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddGongkaiSqlite(
        this Microsoft.Extensions.DependencyInjection.IServiceCollection services, string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        var connectionString = SqliteDatabase.ConnectionString(dataPath);
        Microsoft.Extensions.DependencyInjection.EntityFrameworkServiceCollectionExtensions.AddDbContext<GongkaiDbContext>(
            services, options => SqliteDatabase.Configure(options, connectionString));
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IDatabaseSetup, SqliteSetup>(services);
        return services;
    }

    private sealed class SqliteSetup : IDatabaseSetup
    {
        public string Provider => "sqlite";

        /// <summary>One process owns an embedded database: SQLite's own file lock is enough.</summary>
        public Task<IAsyncDisposable> LockInitializationAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IAsyncDisposable>(NoLock.Instance);

        /// <summary>One process: the job's own loop runs one pass at a time already.</summary>
        public Task<IAsyncDisposable?> TryLockAsync(long key, CancellationToken cancellationToken) =>
            Task.FromResult<IAsyncDisposable?>(NoLock.Instance);

        private sealed class NoLock : IAsyncDisposable
        {
            public static readonly NoLock Instance = new();

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }

        public Task AfterMigrateAsync(GongkaiDbContext db, CancellationToken cancellationToken) =>
            SqliteDatabase.EnableWriteAheadLogAsync(db, cancellationToken);
    }
}

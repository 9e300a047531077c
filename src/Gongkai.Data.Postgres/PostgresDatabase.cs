using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gongkai.Data.Postgres;

/// <summary>How the platform opens a PostgreSQL database (several nodes share one: docs/deployment.md).</summary>
public static class PostgresDatabase
{
    /// <summary>
    /// The advisory-lock key under which one node at a time migrates and seeds the database
    /// (pg_advisory_lock; "gongkai" read as ASCII).
    /// </summary>
    public const long InitializationLockKey = 0x67_6F_6E_67_6B_61_69;

    public static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));
        options.ReplaceService<IModelCustomizer, PostgresModelCustomizer>();
    }

    /// <summary>The connection string with the server's database name replaced (tests, <c>db copy</c>).</summary>
    public static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ToString();
}

/// <summary>
/// Text compares and sorts by code point on PostgreSQL, as on SQLite (BINARY), whatever locale the
/// database was created with: every text column gets the "C" collation. Pages that list names
/// (organizations, terms) then order them the same on both providers, and a unique index compares
/// the same characters.
/// </summary>
public sealed class PostgresModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public const string Collation = "C";

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.Customize(modelBuilder, context);
        // The operation log hashes its time to the tick (100 ns); timestamptz keeps microseconds, so
        // an event read back would no longer match its hash. The ticks themselves are stored.
        modelBuilder.Entity<Core.Auditing.AuditEvent>().Property(e => e.AtUtc)
            .HasConversion(at => at.Ticks, ticks => new DateTime(ticks, DateTimeKind.Utc))
            .HasComment("UTC time in .NET ticks (100 ns since 0001-01-01), exact as the hash chain needs");
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetDeclaredProperties())
            {
                // An enum stored by name (HasConversion<string>) is text too.
                var stored = property.GetProviderClrType() ?? property.GetValueConverter()?.ProviderClrType ?? property.ClrType;
                if (stored == typeof(string))
                {
                    property.SetCollation(Collation);
                }
            }
        }
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<GongkaiDbContext>
{
    public GongkaiDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<GongkaiDbContext>();
        PostgresDatabase.Configure(options, "Host=localhost;Database=gongkai_design_time");
        return new GongkaiDbContext(options.Options);
    }
}

/// <summary>Registers a PostgreSQL database by its connection string.</summary>
public static class PostgresServiceCollectionExtensions
{
    public static IServiceCollection AddGongkaiPostgres(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<GongkaiDbContext>(options => PostgresDatabase.Configure(options, connectionString));
        services.AddSingleton<IDatabaseSetup>(new PostgresSetup(connectionString));
        return services;
    }

    private sealed class PostgresSetup(string connectionString) : IDatabaseSetup
    {
        public string Provider => "postgres";

        public Task AfterMigrateAsync(GongkaiDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>
        /// A session-level advisory lock on a connection of its own: nodes that start together
        /// migrate and seed one after the other (EF's own migration lock covers only the migrations,
        /// not the seeding after them).
        /// </summary>
        public async Task<IAsyncDisposable> LockInitializationAsync(CancellationToken cancellationToken) =>
            await AdvisoryLock.AcquireAsync(connectionString, PostgresDatabase.InitializationLockKey, cancellationToken).ConfigureAwait(false);

        public async Task<IAsyncDisposable?> TryLockAsync(long key, CancellationToken cancellationToken) =>
            await AdvisoryLock.TryAcquireAsync(connectionString, key, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// A PostgreSQL session-level advisory lock, held on an unpooled connection of its own: released
/// when disposed, and by the server when the process dies (the session ends with the connection;
/// a pooled connection would keep the session, and the lock, after being "closed").
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>Waits as long as it takes for the lock.</summary>
    public static async Task<AdvisoryLock> AcquireAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The lock if no other session holds it, else null at once.</summary>
    public static async Task<AdvisoryLock?> TryAcquireAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return new AdvisoryLock(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone (broken or closed), and the lock with its session.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

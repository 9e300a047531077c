using Gongkai.Application;
using Gongkai.Application.Setup;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Gongkai.Data.Tests;

/// <summary>
/// What is particular to PostgreSQL: text compared by code point as on SQLite, and several nodes
/// starting together on one empty database. Runs in both test runs, on the server ./scripts/test starts.
/// </summary>
public sealed class PostgresTests
{
    [Fact]
    public async Task Every_text_column_compares_and_sorts_by_code_point_as_on_SQLite()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, provider: "postgres");
        await app.RunAsync(async services =>
        {
            var db = services.GetRequiredService<GongkaiDbContext>();
            var columns = await db.Database.SqlQueryRaw<string>(
                """SELECT table_name || '.' || column_name || ' ' || coalesce(collation_name, 'default') AS "Value" FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying') AND table_name <> '__EFMigrationsHistory'""")
                .ToListAsync();
            Assert.True(columns.Count > 40, $"only {columns.Count} text columns found");
            Assert.All(columns, c => Assert.EndsWith(" C", c, StringComparison.Ordinal));

            // The order a page lists names in is the order of the characters' code points, whatever
            // the database's locale (a zh_CN locale would order by pinyin instead).
            var labels = await db.Terms.OrderBy(t => t.Label).Select(t => t.Label).ToListAsync();
            Assert.Equal(labels.Order(StringComparer.Ordinal), labels);
        });
    }

    [Fact]
    public async Task Three_nodes_starting_together_on_an_empty_database_migrate_and_load_the_demo_once()
    {
        using var folder = new TempDataFolder();
        var connectionString = TestDatabase.ConnectionString(folder.Path);
        var nodes = Enumerable.Range(0, 3).Select(_ => Node(folder.Path)).ToList();
        try
        {
            var loaded = await Task.WhenAll(nodes.Select(async node =>
            {
                await using var scope = node.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }));
            Assert.Equal(1, loaded.Count(l => l));

            await using var check = new NpgsqlConnection(connectionString);
            await check.OpenAsync();
            Assert.Equal(5L, await ScalarAsync(check, """SELECT count(*) FROM "Organizations" """));
            Assert.Equal(22L, await ScalarAsync(check, """SELECT count(*) FROM "Terms" WHERE "Vocabulary" = 'Theme' AND "ParentId" IS NULL"""));
            Assert.Equal(0L, await ScalarAsync(check, """SELECT count(*) FROM (SELECT 1 FROM "Terms" GROUP BY "Vocabulary", "ParentId", "Label" HAVING count(*) > 1) AS twice"""));
            Assert.Equal(await ScalarAsync(check, """SELECT count(*) FROM "__EFMigrationsHistory" """),
                (long)nodes[0].CreateScope().ServiceProvider.GetRequiredService<GongkaiDbContext>().Database.GetMigrations().Count());
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_timed_job_runs_on_one_node_at_a_time_and_a_dead_nodes_lock_is_freed()
    {
        using var folder = new TempDataFolder();
        var connectionString = TestDatabase.ConnectionString(folder.Path);
        await using var a = Node(folder.Path);
        await using var b = Node(folder.Path);
        var onA = a.GetRequiredService<IDatabaseSetup>();
        var onB = b.GetRequiredService<IDatabaseSetup>();

        var held = await onA.TryLockAsync(JobLocks.ScheduledPublication, default);
        Assert.NotNull(held);
        Assert.Null(await onB.TryLockAsync(JobLocks.ScheduledPublication, default));
        await held.DisposeAsync();

        var heldByB = await onB.TryLockAsync(JobLocks.ScheduledPublication, default);
        Assert.NotNull(heldByB);
        Assert.Null(await onA.TryLockAsync(JobLocks.ScheduledPublication, default));

        // Node B dies (its session ends without unlocking): the lock is free for A.
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid() " +
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", admin);
            await kill.ExecuteNonQueryAsync();
        }
        IAsyncDisposable? taken = null;
        for (var attempt = 0; attempt < 50 && taken is null; attempt++)
        {
            taken = await onA.TryLockAsync(JobLocks.ScheduledPublication, default);
            if (taken is null)
            {
                await Task.Delay(100);
            }
        }
        Assert.NotNull(taken);
        await taken.DisposeAsync();
        await heldByB.DisposeAsync(); // its connection is gone: disposing must not throw
    }

    private static ServiceProvider Node(string dataPath)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<GongkaiOptions>().Configure(o =>
        {
            o.DataPath = dataPath;
            o.Demo.LoadWhenEmpty = true;
            o.Demo.GeneratedRecords = 20;
            o.Demo.GeneratedRequests = 0;
        });
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8))));
        services.AddTestDatabase(dataPath, "postgres");
        services.AddGongkaiApplication();
        return services.BuildServiceProvider();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

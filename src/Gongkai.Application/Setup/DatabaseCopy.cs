using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Gongkai.Application.Editorial;
using Gongkai.Application.Search;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Data;
using Gongkai.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Setup;

// The SQL below is made of table and column names from the EF model, never of input.
#pragma warning disable EF1002

/// <summary>Rows of one table copied so far (<see cref="DatabaseCopy"/>).</summary>
public sealed record CopyProgress(string Table, long Done, long Total);

/// <summary>One table's rows in the source and in the copy.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Equal => Source == Target;
}

/// <summary>What <c>gongkai db copy</c> found after copying: rows per table, the audit chain, the search index against the copy.</summary>
public sealed record DatabaseCopyResult(IReadOnlyList<TableCount> Tables, AuditVerification Audit, SearchCheckResult Search, TimeSpan Took)
{
    public bool Verified => Tables.All(t => t.Equal) && Audit.Intact && Search.InAgreement;
}

/// <summary>
/// Copies this installation's database (SQLite, the embedded default) into an empty PostgreSQL
/// database, with every id kept, then verifies the copy: the rows of every table, the operation
/// log's hash chain (<see cref="AuditLog.VerifyAsync"/>) and this installation's search index
/// against the new database (<see cref="IndexUpdater.CheckAsync"/>). Interrupted, it can be run
/// again: a copy it began (a marker table says so) is emptied and made anew; a database holding
/// anything else is refused.
/// </summary>
public sealed partial class DatabaseCopy(GongkaiDbContext source, IOptions<GongkaiOptions> options, TimeProvider time, ILogger<DatabaseCopy> logger)
{
    /// <summary>Rows per read and per insert batch.</summary>
    public const int BatchSize = 1000;

    /// <summary>The table that marks a database as a copy made (or begun) by this command.</summary>
    public const string MarkerTable = "__GongkaiCopy";

    public async Task<DatabaseCopyResult> ToPostgresAsync(string connectionString, IProgress<CopyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (source.Database.ProviderName == GongkaiDbContext.NpgsqlProvider)
        {
            throw new DomainException("本安装已在使用 PostgreSQL；db copy 把内嵌的 SQLite 数据库复制到 PostgreSQL。");
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var target = Target(connectionString);
        await using var scope = target.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        db.AnnouncesChanges = false; // the change log is copied as it is, not written anew
        try
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw new DomainException($"无法连接或迁移目标 PostgreSQL 数据库：{e.Message}");
        }
        await PrepareAsync(db, cancellationToken).ConfigureAwait(false);

        var tables = Tables(db.Model);
        foreach (var entity in tables)
        {
            await (Task)typeof(DatabaseCopy).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType).Invoke(this, [db, entity, progress, cancellationToken])!;
        }
        await ResetIdentitiesAsync(db, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(db, $"""UPDATE "{MarkerTable}" SET "FinishedAtUtc" = now()""", cancellationToken).ConfigureAwait(false);

        var counts = new List<TableCount>();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            counts.Add(new TableCount(table, await CountAsync(source, table, cancellationToken).ConfigureAwait(false),
                await CountAsync(db, table, cancellationToken).ConfigureAwait(false)));
        }
        var audit = await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync(cancellationToken).ConfigureAwait(false);
        var search = await scope.ServiceProvider.GetRequiredService<IndexUpdater>().CheckAsync(cancellationToken).ConfigureAwait(false);
        var result = new DatabaseCopyResult(counts, audit, search, watch.Elapsed);
        var rows = counts.Sum(c => c.Target);
        LogCopied(rows, watch.Elapsed.TotalSeconds, result.Verified);
        return result;
    }

    /// <summary>The operation layer on the target database, with this installation's settings (its search index among them).</summary>
    private ServiceProvider Target(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddGongkaiPostgres(connectionString);
        services.AddGongkaiApplication();
        return services.BuildServiceProvider();
    }

    /// <summary>An empty database gets the marker; a copy begun before is emptied; anything else is refused.</summary>
    private static async Task PrepareAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        var marked = await ScalarAsync(db, $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{MarkerTable}'", cancellationToken).ConfigureAwait(false) > 0;
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        if (!marked)
        {
            foreach (var table in tables)
            {
                if (await ScalarAsync(db, $"""SELECT count(*) FROM (SELECT 1 FROM "{table}" LIMIT 1) AS any_row""", cancellationToken).ConfigureAwait(false) > 0)
                {
                    throw new DomainException($"目标数据库已有数据（表 {table} 不为空），且不是本命令此前开始的复制，不会覆盖。请指定一个新建的空数据库。");
                }
            }
            await ExecuteAsync(db, $"""CREATE TABLE "{MarkerTable}" ("StartedAtUtc" timestamptz NOT NULL, "FinishedAtUtc" timestamptz NULL)""", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A copy interrupted (or finished) before: it starts over from an empty database.
            await ExecuteAsync(db, $"""TRUNCATE {string.Join(", ", tables.Select(t => $"\"{t}\""))} RESTART IDENTITY CASCADE""", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(db, $"""DELETE FROM "{MarkerTable}" """, cancellationToken).ConfigureAwait(false);
        }
        await ExecuteAsync(db, $"""INSERT INTO "{MarkerTable}" ("StartedAtUtc") VALUES (now())""", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tables to copy, each after the tables it refers to (a table's references to itself are patched afterwards).</summary>
    private static List<IEntityType> Tables(IModel model)
    {
        var roots = model.GetEntityTypes().Where(e => !e.IsOwned() && e.GetTableName() is not null).ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        while (ordered.Count < roots.Count)
        {
            var next = roots.Where(e => !placed.Contains(e)).FirstOrDefault(e => e.GetForeignKeys()
                .Select(fk => fk.PrincipalEntityType.GetRootType())
                .All(p => p == e || placed.Contains(p) || p.IsOwned()))
                ?? throw new InvalidOperationException("The model's foreign keys form a cycle across tables.");
            ordered.Add(next);
            placed.Add(next);
        }
        return ordered;
    }

    private async Task CopyTableAsync<T>(GongkaiDbContext target, IEntityType entity, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
        where T : class
    {
        var table = entity.GetTableName()!;
        var key = entity.FindPrimaryKey()!.Properties;
        // References of a table to itself (a parent, the record a 解读 interprets or the one that
        // replaced it) may point forwards: written empty first, set once every row is there.
        var selfReferences = entity.GetForeignKeys().Where(fk => fk.PrincipalEntityType == entity)
            .SelectMany(fk => fk.Properties).ToList();
        var patches = new List<(object Id, IProperty Property, object Value)>();
        var total = await source.Set<T>().LongCountAsync(cancellationToken).ConfigureAwait(false);
        long done = 0;
        progress?.Report(new CopyProgress(table, 0, total));
        if (key is [{ ClrType: var keyType }] && (keyType == typeof(long) || keyType == typeof(int)))
        {
            // Keyset pages along the primary key: constant cost per page however deep.
            var name = key[0].Name;
            var isLong = keyType == typeof(long);
            long after = long.MinValue;
            while (true)
            {
                var query = source.Set<T>().AsNoTracking();
                var from = after;
                var batch = isLong
                    ? await query.Where(e => EF.Property<long>(e, name) > from).OrderBy(e => EF.Property<long>(e, name)).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false)
                    : await query.Where(e => EF.Property<int>(e, name) > from).OrderBy(e => EF.Property<int>(e, name)).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }
                await InsertAsync(target, batch, selfReferences, patches, cancellationToken).ConfigureAwait(false);
                after = Convert.ToInt64(source.Entry(batch[^1]).Property(name).CurrentValue, CultureInfo.InvariantCulture);
                done += batch.Count;
                progress?.Report(new CopyProgress(table, done, total));
            }
        }
        else
        {
            // Small tables keyed otherwise (index serials, sign-in tokens): at once.
            var rows = await source.Set<T>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var chunk in rows.Chunk(BatchSize))
            {
                await InsertAsync(target, chunk.ToList(), selfReferences, patches, cancellationToken).ConfigureAwait(false);
                done += chunk.Length;
                progress?.Report(new CopyProgress(table, done, total));
            }
        }
        foreach (var (id, property, value) in patches)
        {
            var column = property.GetColumnName();
            var keyColumn = key[0].GetColumnName();
            await target.Database.ExecuteSqlRawAsync($$"""UPDATE "{{table}}" SET "{{column}}" = {0} WHERE "{{keyColumn}}" = {1}""", [value, id], cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task InsertAsync<T>(GongkaiDbContext target, List<T> rows, List<IProperty> selfReferences,
        List<(object Id, IProperty Property, object Value)> patches, CancellationToken cancellationToken) where T : class
    {
        target.AddRange(rows);
        foreach (var entry in target.ChangeTracker.Entries())
        {
            foreach (var property in entry.Properties.Where(p => !p.Metadata.IsShadowProperty()))
            {
                // SQLite gives times back without a kind; every time stored is UTC. Set on the
                // object itself: EF compares times without their kind, so it would keep the old one.
                object? utc = property.CurrentValue switch
                {
                    DateTime { Kind: DateTimeKind.Unspecified } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
                    DateTimeOffset { Offset.Ticks: not 0 } offset => offset.ToUniversalTime(),
                    _ => null,
                };
                if (utc is not null)
                {
                    if (property.Metadata.FieldInfo is { } field)
                    {
                        field.SetValue(entry.Entity, utc);
                    }
                    else
                    {
                        property.Metadata.PropertyInfo?.GetSetMethod(nonPublic: true)?.Invoke(entry.Entity, [utc]);
                    }
                }
            }
            foreach (var reference in selfReferences)
            {
                if (reference.DeclaringType.ClrType == entry.Metadata.ClrType && entry.Property(reference.Name).CurrentValue is { } value)
                {
                    var id = entry.Properties.First(p => p.Metadata.IsPrimaryKey()).CurrentValue!;
                    patches.Add((id, reference, value));
                    entry.Property(reference.Name).CurrentValue = null;
                }
            }
        }
        await target.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        target.ChangeTracker.Clear();
    }

    /// <summary>Identity columns continue after the highest id copied.</summary>
    private static async Task ResetIdentitiesAsync(GongkaiDbContext db, CancellationToken cancellationToken)
    {
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            foreach (var property in entity.GetProperties().Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && p.IsPrimaryKey()
                         && (p.ClrType == typeof(int) || p.ClrType == typeof(long))))
            {
                var table = entity.GetTableName()!;
                var column = property.GetColumnName();
                await ExecuteAsync(db,
                    $"""SELECT setval(pg_get_serial_sequence('"{table}"', '{column}'), coalesce(max("{column}"), 1), max("{column}") IS NOT NULL) FROM "{table}" """,
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<long> CountAsync(DbContext db, string table, CancellationToken cancellationToken) =>
        await ScalarAsync(db, $"""SELECT count(*) FROM "{table}" """, cancellationToken).ConfigureAwait(false);

    private static async Task<long> ScalarAsync(DbContext db, string sql, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }
    }

    private static Task<int> ExecuteAsync(DbContext db, string sql, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(sql, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Rows} rows to PostgreSQL in {Seconds:0.0} s; verified: {Verified}")]
    private partial void LogCopied(long rows, double seconds, bool verified);
}

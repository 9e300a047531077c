using System.Data.Common;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gongkai.Data;

/// <summary>
/// Hands out index-number serials atomically in the database, so that concurrent publishers on one
/// or several nodes get distinct, consecutive serials. Each call must run inside the caller's
/// transaction: if the publication fails and rolls back, the serial is given back with it, so the
/// series has no gaps. The SQL (INSERT … ON CONFLICT DO NOTHING, UPDATE … RETURNING) is the same
/// for SQLite (3.35+) and PostgreSQL.
/// </summary>
public sealed class IndexSerialAllocator(GongkaiDbContext db)
{
    /// <summary>Allocates the next index number of (prefix, year).</summary>
    public async Task<IndexNumber> NextAsync(string prefix, int year, CancellationToken cancellationToken = default)
    {
        var first = await ReserveAsync(prefix, year, 1, cancellationToken).ConfigureAwait(false);
        return IndexNumber.Create(prefix, year, first);
    }

    /// <summary>Reserves <paramref name="count"/> consecutive serials and returns the first.</summary>
    public async Task<int> ReserveAsync(string prefix, int year, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        EnsureTransaction();
        await EnsureCounterAsync(prefix, year, cancellationToken).ConfigureAwait(false);
        var last = await ScalarAsync(
            """UPDATE "IndexSerials" SET "LastSerial" = "LastSerial" + @count WHERE "Prefix" = @prefix AND "Year" = @year RETURNING "LastSerial" """,
            cancellationToken, ("@count", count), ("@prefix", prefix), ("@year", year)).ConfigureAwait(false);
        if (last > IndexNumber.MaxSerial)
        {
            // The caller's transaction rolls back, which returns the serials.
            throw new DomainConflictException($"索引号前段码 {prefix} 在 {year} 年的序号已用完（最大 {IndexNumber.MaxSerial}）。");
        }
        return last - count + 1;
    }

    /// <summary>Records an existing (imported) number so that later serials continue after it.</summary>
    public async Task ObserveAsync(IndexNumber existing, CancellationToken cancellationToken = default)
    {
        await EnsureCounterAsync(existing.Prefix, existing.Year, cancellationToken).ConfigureAwait(false);
        await ScalarAsync(
            """UPDATE "IndexSerials" SET "LastSerial" = CASE WHEN "LastSerial" < @serial THEN @serial ELSE "LastSerial" END WHERE "Prefix" = @prefix AND "Year" = @year RETURNING "LastSerial" """,
            cancellationToken, ("@serial", existing.Serial), ("@prefix", existing.Prefix), ("@year", existing.Year)).ConfigureAwait(false);
    }

    private Task<int> EnsureCounterAsync(string prefix, int year, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "IndexSerials" ("Prefix", "Year", "LastSerial") VALUES ({prefix}, {year}, 0) ON CONFLICT DO NOTHING""",
            cancellationToken);

    private void EnsureTransaction()
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Serials must be allocated inside the publishing transaction.");
        }
    }

    private async Task<int> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }
}

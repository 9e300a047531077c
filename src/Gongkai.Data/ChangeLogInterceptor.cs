using System.Data.Common;
using System.Globalization;
using System.Text;
using Gongkai.Core.Auditing;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gongkai.Data;

/// <summary>
/// Writes the change-log entries of a transaction just before it commits, under a lock held until
/// the commit (docs/decisions/0004). PostgreSQL hands out an id when a row is inserted but shows
/// the row only when its transaction commits; were entries inserted early, a transaction that
/// inserted id 7 could commit after one that inserted id 8, and a node that had already read 8
/// would never read 7. With the insert moved to the moment before the commit and a
/// transaction-level advisory lock taken first, no two transactions are between their insert and
/// their commit at once: ids ascend in commit order, and "every entry after my position" is a
/// complete answer. The lock is held only for the insert and the commit, and nothing else is locked
/// after it, so it cannot deadlock with row locks. SQLite has one writer at a time already.
/// <para>
/// Under the same lock, the operation-log events the transaction saved take their place in the
/// hash chain: each is given the sequence number after the last committed event and that event's
/// hash (<see cref="GongkaiDbContext.AppendAuditEvent"/>). The chain is thus in commit order too,
/// and two nodes writing at once never read the same "last event".
/// </para>
/// </summary>
internal sealed class ChangeLogInterceptor : DbTransactionInterceptor
{
    public static readonly ChangeLogInterceptor Instance = new();

    /// <summary>Rows per INSERT statement (far below either provider's parameter limit).</summary>
    private const int RowsPerStatement = 400;

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is GongkaiDbContext db && (db.PendingChanges.Count > 0 || db.PendingAuditEvents.Count > 0))
        {
            // Synchronous all the way down: every await in WriteAsync is on a completed task when sync.
            WriteAsync(db, transaction, sync: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is GongkaiDbContext db && (db.PendingChanges.Count > 0 || db.PendingAuditEvents.Count > 0))
        {
            await WriteAsync(db, transaction, sync: false, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    // A transaction that ends without committing announces nothing; neither does a stale list.
    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return ValueTask.FromResult(result);
    }

    private static void Forget(TransactionEventData eventData)
    {
        if (eventData?.Context is GongkaiDbContext db)
        {
            db.PendingChanges.Clear();
            // Saved in a transaction that did not commit: not in the database, so not tracked either.
            foreach (var e in db.PendingAuditEvents)
            {
                db.Entry(e).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            }
            db.PendingAuditEvents.Clear();
        }
    }

    private static async ValueTask WriteAsync(GongkaiDbContext db, DbTransaction transaction, bool sync, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
        DbCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }
        async ValueTask Execute(DbCommand command)
        {
            await using (command.ConfigureAwait(false))
            {
                if (sync)
                {
                    command.ExecuteNonQuery();
                }
                else
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (db.Database.ProviderName == GongkaiDbContext.NpgsqlProvider)
        {
            await Execute(Command(GongkaiDbContext.LockChangeLogSql)).ConfigureAwait(false);
        }
        if (db.PendingAuditEvents.Count > 0)
        {
            await ChainAsync(db, Command, Execute, sync, cancellationToken).ConfigureAwait(false);
        }
        foreach (var chunk in db.PendingChanges.Chunk(RowsPerStatement))
        {
            await Execute(ChangeLogInsert(Command(""), chunk)).ConfigureAwait(false);
        }
        db.PendingChanges.Clear();
    }

    /// <summary>Gives the transaction's events their places after the last committed event.</summary>
    private static async ValueTask ChainAsync(GongkaiDbContext db, Func<string, DbCommand> command, Func<DbCommand, ValueTask> execute,
        bool sync, CancellationToken cancellationToken)
    {
        long last = 0;
        var lastHash = AuditChain.Genesis;
        var read = command("""SELECT "Sequence", "Hash" FROM "AuditEvents" WHERE "Sequence" > 0 ORDER BY "Sequence" DESC LIMIT 1""");
        await using (read.ConfigureAwait(false))
        {
            var reader = sync ? read.ExecuteReader() : await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (sync ? reader.Read() : await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    last = reader.GetInt64(0);
                    lastHash = reader.GetString(1);
                }
            }
        }
        foreach (var e in db.PendingAuditEvents)
        {
            // Out of the change tracker first: its key changes below, under EF's feet otherwise.
            db.Entry(e).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            var placeholder = e.Sequence;
            e.Chain(++last, lastHash);
            lastHash = e.Hash;
            var update = command("""UPDATE "AuditEvents" SET "Sequence" = @sequence, "PreviousHash" = @previous, "Hash" = @hash WHERE "Sequence" = @placeholder""");
            Add(update, "@sequence", e.Sequence);
            Add(update, "@previous", e.PreviousHash);
            Add(update, "@hash", e.Hash);
            Add(update, "@placeholder", placeholder);
            await execute(update).ConfigureAwait(false);
        }
        db.PendingAuditEvents.Clear();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static DbCommand ChangeLogInsert(DbCommand command, long[] chunk)
    {
        var sql = new StringBuilder("""INSERT INTO "SearchChanges" ("RecordId", "CreatedAtUtc") VALUES """);
        Add(command, "@at", DateTime.UtcNow);
        for (var i = 0; i < chunk.Length; i++)
        {
            Add(command, string.Create(CultureInfo.InvariantCulture, $"@r{i}"), chunk[i]);
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@r{i}, @at)");
        }
        command.CommandText = sql.ToString();
        return command;
    }
}

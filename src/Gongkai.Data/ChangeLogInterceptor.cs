using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gongkai.Data;

/// <summary>
/// Writes the change-log entries of a transaction just before it commits, under a lock held until
/// the commit (docs/decisions/0003). PostgreSQL hands out an id when a row is inserted but shows
/// the row only when its transaction commits; were entries inserted early, a transaction that
/// inserted id 7 could commit after one that inserted id 8, and a node that had already read 8
/// would never read 7. With the insert moved to the moment before the commit and a
/// transaction-level advisory lock taken first, no two transactions are between their insert and
/// their commit at once: ids ascend in commit order, and "every entry after my position" is a
/// complete answer. The lock is held only for the insert and the commit, and nothing else is locked
/// after it, so it cannot deadlock with row locks. SQLite has one writer at a time already.
/// </summary>
internal sealed class ChangeLogInterceptor : DbTransactionInterceptor
{
    public static readonly ChangeLogInterceptor Instance = new();

    /// <summary>Rows per INSERT statement (far below either provider's parameter limit).</summary>
    private const int RowsPerStatement = 400;

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is GongkaiDbContext { PendingChanges.Count: > 0 } db)
        {
            foreach (var command in Commands(db, transaction))
            {
                using (command)
                {
                    command.ExecuteNonQuery();
                }
            }
            db.PendingChanges.Clear();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is GongkaiDbContext { PendingChanges.Count: > 0 } db)
        {
            foreach (var command in Commands(db, transaction))
            {
                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            db.PendingChanges.Clear();
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
        }
    }

    private static IEnumerable<DbCommand> Commands(GongkaiDbContext db, DbTransaction transaction)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
        if (db.Database.ProviderName == GongkaiDbContext.NpgsqlProvider)
        {
            var lockCommand = connection.CreateCommand();
            lockCommand.Transaction = transaction;
            lockCommand.CommandText = GongkaiDbContext.LockChangeLogSql;
            yield return lockCommand;
        }
        var now = DateTime.UtcNow;
        foreach (var chunk in db.PendingChanges.Chunk(RowsPerStatement))
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("""INSERT INTO "SearchChanges" ("RecordId", "CreatedAtUtc") VALUES """);
            var at = command.CreateParameter();
            at.ParameterName = "@at";
            at.Value = now;
            command.Parameters.Add(at);
            for (var i = 0; i < chunk.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = string.Create(CultureInfo.InvariantCulture, $"@r{i}");
                parameter.Value = chunk[i];
                command.Parameters.Add(parameter);
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@r{i}, @at)");
            }
            command.CommandText = sql.ToString();
            yield return command;
        }
    }
}

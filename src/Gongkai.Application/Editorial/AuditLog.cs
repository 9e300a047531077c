using System.Text.Json;
using Gongkai.Application.Accounts;
using Gongkai.Core.Auditing;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Editorial;

/// <summary>
/// Appends events to the hash-chained operation log. Call it inside the transaction of the change it
/// describes: the event and the change commit together, and the transaction's write lock (SQLite
/// BEGIN IMMEDIATE; on PostgreSQL the unique sequence) keeps two writers from forking the chain.
/// </summary>
public sealed class AuditLog(GongkaiDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static string HashOf<T>(T value) => AuditEvent.Sha256(Serialize(value));

    public async Task<AuditEvent> AppendAsync(Actor actor, string action, string subject, long? recordId,
        object? before, object? after, string? reason, string? contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var pending = db.ChangeTracker.Entries<AuditEvent>()
            .Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .OrderByDescending(e => e.Sequence).FirstOrDefault();
        var previous = pending ?? await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var e = AuditEvent.Next(previous, time.GetUtcNow().UtcDateTime, actor.UserId, actor.Name, action, subject, recordId,
            before is null ? null : Serialize(before), after is null ? null : Serialize(after), reason, contentHash);
        db.AuditEvents.Add(e);
        return e;
    }

    /// <summary>Walks the whole chain in sequence order, streaming, and names the first broken event.</summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => AuditChain.Verify(db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsEnumerable()), cancellationToken);
}

using System.Text.Json;
using Gongkai.Application.Accounts;
using Gongkai.Core.Auditing;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Editorial;

/// <summary>
/// Appends events to the hash-chained operation log. Call it inside the transaction of the change it
/// describes, or before the SaveChanges that saves that change: the event and the change commit
/// together. The event takes its place in the chain when its transaction commits, under the commit
/// lock (GongkaiDbContext.AppendAuditEvent, docs/decisions/0004): in commit order, so that two
/// writers on two nodes never fork the chain or collide on a sequence number.
/// </summary>
public sealed class AuditLog(GongkaiDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The longest reason the log keeps (its column).</summary>
    public const int ReasonMaxLength = 1000;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static string HashOf<T>(T value) => AuditEvent.Sha256(Serialize(value));

    public Task<AuditEvent> AppendAsync(Actor actor, string action, string subject, long? recordId,
        object? before, object? after, string? reason, string? contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        cancellationToken.ThrowIfCancellationRequested();
        // The reason is kept whole where it belongs (the record, the case); the log keeps its first 1,000 characters.
        if (reason?.Length > ReasonMaxLength)
        {
            reason = string.Concat(reason.AsSpan(0, ReasonMaxLength - 1), "…");
        }
        var e = AuditEvent.Unchained(time.GetUtcNow().UtcDateTime, actor.UserId, actor.Name, action, subject, recordId,
            before is null ? null : Serialize(before), after is null ? null : Serialize(after), reason, contentHash);
        db.AppendAuditEvent(e);
        return Task.FromResult(e);
    }

    /// <summary>Walks the whole chain in sequence order, streaming, and names the first broken event.</summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => AuditChain.Verify(db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsEnumerable()), cancellationToken);
}

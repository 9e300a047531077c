using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gongkai.Core.Auditing;

/// <summary>
/// One entry of the operation log (操作日志): who did what to which thing, when, the state before
/// and after, why, and a hash of the content. Each event carries the hash of the one before, so
/// the events form a chain: changing, removing or inserting a row breaks it (see <see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEvent
{
    /// <summary>1, 2, 3… without gaps; a gap is a missing event.</summary>
    public long Sequence { get; private set; }

    public DateTime AtUtc { get; private set; }
    public int? ActorId { get; private set; }

    /// <summary>The person's user name at the time (or "系统" for the scheduler).</summary>
    public string ActorName { get; private set; } = string.Empty;

    /// <summary>What happened, e.g. <c>record.submit</c>.</summary>
    public string Action { get; private set; } = string.Empty;

    /// <summary>What it happened to, e.g. <c>record:42</c> or <c>user:3</c>.</summary>
    public string Subject { get; private set; } = string.Empty;

    public long? RecordId { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>SHA-256 of the content the event concerns (for a record: its canonical JSON).</summary>
    public string? ContentHash { get; private set; }

    public string PreviousHash { get; private set; } = string.Empty;
    public string Hash { get; private set; } = string.Empty;

    private AuditEvent() { }

    /// <summary>Creates the event that follows <paramref name="previous"/> (null for the first one).</summary>
    public static AuditEvent Next(AuditEvent? previous, DateTime atUtc, int? actorId, string actorName, string action,
        string subject, long? recordId, string? before, string? after, string? reason, string? contentHash)
    {
        var e = Unchained(atUtc, actorId, actorName, action, subject, recordId, before, after, reason, contentHash);
        e.Chain((previous?.Sequence ?? 0) + 1, previous?.Hash ?? AuditChain.Genesis);
        return e;
    }

    /// <summary>
    /// An event not yet in the chain: its place (sequence and previous hash) is given when its
    /// transaction commits (<see cref="Chain"/>), in commit order. Until then its sequence is a
    /// negative placeholder, random so that two transactions saving at once never collide.
    /// </summary>
    public static AuditEvent Unchained(DateTime atUtc, int? actorId, string actorName, string action,
        string subject, long? recordId, string? before, string? after, string? reason, string? contentHash) => new()
    {
        Sequence = -Random.Shared.NextInt64(1, long.MaxValue),
        AtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc),
        ActorId = actorId,
        ActorName = actorName,
        Action = action,
        Subject = subject,
        RecordId = recordId,
        Before = before,
        After = after,
        Reason = reason,
        ContentHash = contentHash,
    };

    /// <summary>False while the event waits for its place in the chain (<see cref="Unchained"/>).</summary>
    public bool IsChained => Sequence > 0;

    /// <summary>Gives the event its place: the sequence number after the last event, that event's hash, and its own hash.</summary>
    public void Chain(long sequence, string previousHash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentException.ThrowIfNullOrEmpty(previousHash);
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>SHA-256 over every field, each prefixed with its length so that no two events encode alike.</summary>
    public string ComputeHash()
    {
        var builder = new StringBuilder();
        void Add(string? value)
        {
            if (value is null)
            {
                builder.Append("-1:");
                return;
            }
            builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }
        Add(Sequence.ToString(CultureInfo.InvariantCulture));
        Add(AtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture));
        Add(ActorId?.ToString(CultureInfo.InvariantCulture));
        Add(ActorName);
        Add(Action);
        Add(Subject);
        Add(RecordId?.ToString(CultureInfo.InvariantCulture));
        Add(Before);
        Add(After);
        Add(Reason);
        Add(ContentHash);
        Add(PreviousHash);
        return Sha256(builder.ToString());
    }

    public static string Sha256(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>The result of walking the chain.</summary>
public sealed record AuditVerification(long Checked, long? FirstBadSequence, string? Problem)
{
    public bool Intact => FirstBadSequence is null;
}

/// <summary>Checks that the events form an unbroken chain, and names the first event that does not.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first event.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <param name="events">every event, in sequence order</param>
    public static AuditVerification Verify(IEnumerable<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        long expected = 1;
        var previousHash = Genesis;
        long count = 0;
        foreach (var e in events)
        {
            if (e.Sequence != expected)
            {
                return new AuditVerification(count, expected,
                    e.Sequence > expected
                        ? $"第{expected}条至第{e.Sequence - 1}条事件缺失（序号从{expected - 1}跳到{e.Sequence}）。"
                        : $"第{e.Sequence}条事件重复或顺序错乱。");
            }
            if (e.PreviousHash != previousHash)
            {
                return new AuditVerification(count, e.Sequence, $"第{e.Sequence}条事件记录的前一哈希与第{e.Sequence - 1}条不符：其前的事件被改动或替换。");
            }
            if (e.ComputeHash() != e.Hash)
            {
                return new AuditVerification(count, e.Sequence, $"第{e.Sequence}条事件（{e.Action}，{e.Subject}）的内容与其哈希不符：该事件被改动。");
            }
            previousHash = e.Hash;
            expected++;
            count++;
        }
        return new AuditVerification(count, null, null);
    }
}

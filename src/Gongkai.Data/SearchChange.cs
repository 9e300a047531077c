namespace Gongkai.Data;

/// <summary>
/// One entry of the ordered change log that feeds every node's search index: "record N changed".
/// Written in the same transaction as the change itself (see <see cref="GongkaiDbContext"/>), so
/// the log never misses a committed change; each index applies entries in <see cref="Id"/> order
/// and remembers the last one it applied.
/// </summary>
public sealed class SearchChange
{
    public long Id { get; private set; }
    public long RecordId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public SearchChange(long recordId, DateTime createdAtUtc)
    {
        RecordId = recordId;
        CreatedAtUtc = createdAtUtc;
    }
}

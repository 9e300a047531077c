namespace Gongkai.Data;

/// <summary>
/// One entry of the ordered change log that feeds every node's search index and page cache:
/// "record N changed" (or, with <see cref="EveryPage"/>, "what every page shows changed").
/// Written in the same transaction as the change itself (see <see cref="GongkaiDbContext"/>), so
/// the log never misses a committed change; each index applies entries in <see cref="Id"/> order
/// and remembers the last one it applied.
/// </summary>
public sealed class SearchChange
{
    /// <summary>
    /// The <see cref="RecordId"/> of an entry that touches every public page rather than one record:
    /// an organization, site or vocabulary term added or changed (names in headers, facets, links).
    /// The index has no document of this id; the page cache drops everything it holds.
    /// </summary>
    public const long EveryPage = 0;

    public long Id { get; private set; }
    public long RecordId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public SearchChange(long recordId, DateTime createdAtUtc)
    {
        RecordId = recordId;
        CreatedAtUtc = createdAtUtc;
    }
}

namespace Gongkai.Data;

/// <summary>
/// A node that follows the change log (<see cref="SearchChange"/>): how far its search index has
/// applied it and when it last said so. Entries every node seen lately has applied are pruned; the
/// row named <see cref="Pruned"/> keeps the id up to which entries are gone, so that a node that
/// was away longer, and so missed some, knows to rebuild its index (docs/decisions/0004).
/// </summary>
public sealed class SearchNode
{
    /// <summary>The name of the row that holds the last pruned id rather than a node's position.</summary>
    public const string Pruned = "(pruned)";

    public const int NameMaxLength = 200;

    public string Name { get; private set; }

    /// <summary>The id of the last change-log entry the node's index applied (for <see cref="Pruned"/>: the last id deleted).</summary>
    public long Position { get; private set; }

    public DateTime SeenAtUtc { get; private set; }

    public SearchNode(string name, long position, DateTime seenAtUtc)
    {
        Name = name;
        Position = position;
        SeenAtUtc = seenAtUtc;
    }
}

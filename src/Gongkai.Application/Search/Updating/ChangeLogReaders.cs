using System.Collections.Concurrent;

namespace Gongkai.Application.Search;

/// <summary>
/// Where each reader of the change log on this node has read up to: the search index and the public
/// page cache. The node reports the lowest (<see cref="IndexUpdater.ReportAsync"/>), so that pruning
/// never removes an entry one of them has not read yet.
/// </summary>
public sealed class ChangeLogReaders
{
    private readonly ConcurrentDictionary<string, long> _positions = new(StringComparer.Ordinal);

    public void Read(string reader, long position) => _positions[reader] = position;

    /// <summary>The lowest position of the readers besides the index, or null when none has said.</summary>
    public long? Lowest => _positions.IsEmpty ? null : _positions.Values.Min();
}

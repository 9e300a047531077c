using System.Globalization;
using Gongkai.Application.Search;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Search;

/// <summary>
/// This node's search index. The folder <c>{IndexPath}</c> holds one or more index directories and a
/// file <c>current</c> naming the active one; a rebuild writes a new directory and then replaces
/// <c>current</c> in one rename, so searches never see a half-built index, and a running web app
/// switches to the new one at its next indexer tick.
/// </summary>
public sealed class IndexFolder : IDisposable
{
    private readonly Lock _lock = new();
    private readonly IReadOnlyDictionary<string, string> _analyzers;
    private readonly int _rebuildBufferMb;
    private SearchIndex? _index;
    private string? _current;
    private long? _pointerCheckedAt;

    private const string NameFormat = "yyyyMMddHHmmssfff";

    /// <summary>How old an index directory must be before a clean-up may take it.</summary>
    private static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    public IndexFolder(IOptions<GongkaiOptions> options, SearchCaches caches)
    {
        ArgumentNullException.ThrowIfNull(options);
        Caches = caches;
        var value = options.Value;
        Root = Path.GetFullPath(Path.Combine(value.DataPath, value.Search.IndexPath));
        _analyzers = value.Search.Analyzers;
        _rebuildBufferMb = value.Search.RebuildBufferMb;
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>What queries keep about the segments, shared by every index this process opens.</summary>
    public SearchCaches Caches { get; }

    private string PointerFile => Path.Combine(Root, "current");

    /// <summary>The active index, opened on first use and reopened when a rebuild has replaced it.</summary>
    public SearchIndex Index
    {
        get
        {
            lock (_lock)
            {
                // Searches come often; the pointer file is looked at again at most once a second.
                var now = Environment.TickCount64;
                if (_index is not null && _pointerCheckedAt is long checkedAt && now - checkedAt < 1000)
                {
                    return _index;
                }
                _pointerCheckedAt = now;
                var name = ReadPointer();
                if (_index is not null && name == _current)
                {
                    return _index;
                }
                var old = _index;
                if (name is null)
                {
                    name = NewName();
                    _index = SearchIndex.Open(Path.Combine(Root, name), _analyzers, caches: Caches);
                    WritePointer(name);
                }
                else
                {
                    _index = SearchIndex.Open(Path.Combine(Root, name), _analyzers, caches: Caches);
                }
                _current = name;
                if (old is not null)
                {
                    RetireLater(old);
                    Switched?.Invoke(_index);
                }
                else
                {
                    // First use in this process: what an earlier run left behind goes now.
                    RemoveStaleLocked();
                }
                return _index;
            }
        }
    }

    /// <summary>Raised (under the holder's lock: handlers must return at once) when this process has switched to a rebuilt index.</summary>
    public event Action<SearchIndex>? Switched;

    /// <summary>The active index directory, for read-only use (no writer): <c>search check</c>.</summary>
    public string? CurrentPath => ReadPointer() is { } name ? Path.Combine(Root, name) : null;

    /// <summary>A fresh directory for a rebuild of <paramref name="records"/> records by <paramref name="threads"/> threads; <see cref="Activate"/> makes it current.</summary>
    public SearchIndex CreateForRebuild(int records, int threads)
    {
        var name = NewName();
        return SearchIndex.Open(Path.Combine(Root, name), _analyzers, SearchIndexSettings.Rebuild(records, threads, _rebuildBufferMb), Caches);
    }

    private static string NewName() => "index-" + DateTime.UtcNow.ToString(NameFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Makes a rebuilt (and committed, disposed) index the current one, and deletes the index
    /// directories left behind (<see cref="RemoveStale"/>); returns their names.
    /// </summary>
    public IReadOnlyList<string> Activate(string path)
    {
        lock (_lock)
        {
            WritePointer(Path.GetFileName(path));
            _pointerCheckedAt = null;
            return RemoveStaleLocked();
        }
    }

    /// <summary>Deletes the directory of a rebuild that failed (its writer closed); never the current one.</summary>
    public void Discard(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) != Root || Path.GetFileName(path) == ReadPointer())
        {
            return;
        }
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next clean-up (RemoveStale).
        }
    }

    /// <summary>
    /// Deletes the index directories that rebuilds left behind: every <c>index-…</c> directory
    /// that is not current, not open in this process, not held by an index writer in another (a
    /// web app that has not switched yet, a rebuild under way) and neither created nor written to
    /// within the last minute (a rebuild between creating its directory and opening its writer, or
    /// between closing its writer and making its index current). A rebuild run
    /// while no web app is up, or one that failed, would otherwise leave a whole index on disk.
    /// Returns the names deleted.
    /// </summary>
    public IReadOnlyList<string> RemoveStale()
    {
        lock (_lock)
        {
            return RemoveStaleLocked();
        }
    }

    private List<string> RemoveStaleLocked()
    {
        var current = ReadPointer();
        var cutoff = DateTime.UtcNow - MinimumAge;
        var removed = new List<string>();
        foreach (var path in Directory.EnumerateDirectories(Root, "index-*"))
        {
            var name = Path.GetFileName(path);
            if (name == current || name == _current
                || !DateTime.TryParseExact(name["index-".Length..], NameFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var created)
                || created > cutoff
                || Directory.GetLastWriteTimeUtc(path) > cutoff
                || SearchIndex.IsOpenForWriting(path))
            {
                continue;
            }
            try
            {
                Directory.Delete(path, recursive: true);
                removed.Add(name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the next clean-up.
            }
        }
        return removed;
    }

    /// <summary>Closes the index if this process has it open, so that another process may write it.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _index?.Dispose();
            _index = null;
            _current = null;
        }
    }

    private string? ReadPointer()
    {
        if (!File.Exists(PointerFile))
        {
            return null;
        }
        var name = File.ReadAllText(PointerFile).Trim();
        return name.Length > 0 && Directory.Exists(Path.Combine(Root, name)) ? name : null;
    }

    private void WritePointer(string name)
    {
        var temp = PointerFile + ".tmp";
        File.WriteAllText(temp, name);
        File.Move(temp, PointerFile, overwrite: true);
    }

    /// <summary>Searches in flight keep the old index for a moment; then it is closed and deleted.</summary>
    private static void RetireLater(SearchIndex old) =>
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            var path = old.Path;
            old.Dispose();
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                // Another process may still hold it; the next clean-up (a rebuild, a start) takes it.
            }
        });

    public void Dispose()
    {
        lock (_lock)
        {
            _index?.Dispose();
            _index = null;
        }
    }
}

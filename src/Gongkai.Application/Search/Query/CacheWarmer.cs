using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Gongkai.Application.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Search;

/// <summary>
/// Keeps the search caches across restarts, as PostgreSQL's autoprewarm keeps its buffer cache. A
/// query that meets a common clause (a word in most records) for the first time walks it through
/// every segment to cache its bound and matches; that is why the first queries after a start were
/// twice as slow as later ones (docs/benchmarks.md). So the clauses whose cached matches queries
/// used are saved to <c>{IndexPath}/warm-clauses.json</c> every five minutes and when the portal
/// stops, and at start, before the portal serves, they are walked again in the current index
/// (<see cref="Warm"/>, for at most <c>Gongkai:Search:WarmUpSeconds</c>).
/// </summary>
public sealed partial class CacheWarmer : BackgroundService
{
    public const string FileName = "warm-clauses.json";

    /// <summary>Clauses saved at most: more than the match cache holds at a million records (about 900 clauses of four segments).</summary>
    public const int MaxClauses = 4000;

    private static readonly TimeSpan SaveInterval = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private readonly Lock _lock = new();
    private IReadOnlyList<WarmClause> _loaded = [];

    private readonly IndexFolder _holder;
    private readonly IOptions<GongkaiOptions> _options;
    private readonly ILogger<CacheWarmer> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _switchWarming;
    private int _disposed;

    public CacheWarmer(IndexFolder holder, IOptions<GongkaiOptions> options, ILogger<CacheWarmer> logger)
    {
        _holder = holder;
        _options = options;
        _logger = logger;
        holder.Switched += OnSwitched;
    }

    /// <summary>The warm-up of the index last switched to (done at once when none has happened).</summary>
    public Task<WarmResult> SwitchWarming { get; private set; } = Task.FromResult(new WarmResult(0, 0, 0));

    public string FilePath => Path.Combine(_holder.Root, FileName);

    /// <summary>
    /// Walks the saved clauses in the current index, most recently used first, until they are done,
    /// the match cache is seven eighths full (an eighth is left for clauses new to it) or the time
    /// allowed has passed. A missing file warms nothing; an unreadable one is logged and ignored
    /// (the caches then fill as queries come).
    /// </summary>
    public WarmResult Warm(CancellationToken cancel)
    {
        var seconds = _options.Value.Search.WarmUpSeconds;
        if (seconds == 0 || !File.Exists(FilePath))
        {
            return new WarmResult(0, 0, 0);
        }
        List<WarmClause> clauses;
        try
        {
            clauses = JsonSerializer.Deserialize<WarmFile>(File.ReadAllText(FilePath), Json)?.Clauses ?? [];
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            LogUnreadable(e, FilePath);
            return new WarmResult(0, 0, 0);
        }
        lock (_lock)
        {
            _loaded = clauses;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        var watch = Stopwatch.StartNew();
        var result = QueryRunner.Warm(_holder.Index, clauses, timeout.Token);
        LogWarmed(result.Clauses, clauses.Count, result.Segments, result.Bytes / 1048576.0, watch.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>
    /// A rebuilt index shares no segment with the old one, so every cached bound and match belongs to
    /// the old index: they are dropped, and the clauses in use (and those read at start) are walked
    /// in the new index in the background, one warm-up at a time, while the portal serves; otherwise
    /// its first queries would be as slow as after a first start.
    /// </summary>
    private void OnSwitched(SearchIndex index)
    {
        var seconds = _options.Value.Search.WarmUpSeconds;
        if (seconds == 0 || _stopping.IsCancellationRequested || Interlocked.Exchange(ref _switchWarming, 1) == 1)
        {
            return;
        }
        var clauses = Clauses();
        lock (_lock)
        {
            // Kept for the next save: clearing the caches forgets which clauses were used.
            _loaded = clauses;
        }
        _holder.Caches.Clear();
        SwitchWarming = Task.Run(() =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
                var watch = Stopwatch.StartNew();
                var result = QueryRunner.Warm(index, clauses, timeout.Token);
                LogWarmedAfterSwitch(result.Clauses, clauses.Count, result.Segments, result.Bytes / 1048576.0, watch.Elapsed.TotalSeconds);
                return result;
            }
#pragma warning disable CA1031 // A warm-up is an optimisation: the index may be switched or closed under it; queries still work.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSwitchWarmFailed(e);
                return new WarmResult(0, 0, 0);
            }
            finally
            {
                Volatile.Write(ref _switchWarming, 0);
            }
        });
    }

    private List<WarmClause> Clauses()
    {
        IReadOnlyList<WarmClause> loaded;
        lock (_lock)
        {
            loaded = _loaded;
        }
        return _holder.Caches.HotClauses(MaxClauses).Concat(loaded)
            .DistinctBy(c => c.Key, StringComparer.Ordinal)
            .Take(MaxClauses)
            .ToList();
    }

    /// <summary>
    /// Saves the clauses queries used, the most recent first, followed by those read at start that
    /// were not used since (so that a short run does not forget them); written to a temporary
    /// file and renamed, so that a crash never leaves half a list.
    /// </summary>
    public void Save()
    {
        var clauses = Clauses();
        if (clauses.Count == 0)
        {
            return;
        }
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new WarmFile(1, clauses), Json));
        File.Move(temporary, FilePath, overwrite: true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(SaveInterval, stoppingToken).ConfigureAwait(false);
                TrySave();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync saves once more.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host disposed while it stops (as a test host may be, from two threads) has disposed this
        // already: nothing to stop or save.
        try
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                return;
            }
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        TrySave();
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _holder.Switched -= OnSwitched;
        _stopping.Dispose();
        base.Dispose();
    }

    private void TrySave()
    {
        try
        {
            Save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(e, FilePath);
        }
    }

    private sealed record WarmFile(int Version, List<WarmClause> Clauses);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search caches warmed: {Clauses} of {Saved} saved clauses in {Segments} segment(s), {MiB:F1} MiB, in {Seconds:F1} s")]
    private partial void LogWarmed(int clauses, int saved, int segments, double miB, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search caches warmed in the rebuilt index: {Clauses} of {Known} clauses in {Segments} segment(s), {MiB:F1} MiB, in {Seconds:F1} s")]
    private partial void LogWarmedAfterSwitch(int clauses, int known, int segments, double miB, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search caches: warming the rebuilt index failed; its caches fill as queries come")]
    private partial void LogSwitchWarmFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search caches: {Path} could not be read and is ignored; the caches fill as queries come")]
    private partial void LogUnreadable(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search caches: the clauses in use could not be saved to {Path}")]
    private partial void LogSaveFailed(Exception exception, string path);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Search;

/// <summary>
/// The background indexer: every <c>Gongkai:Search:PollIntervalMs</c> it applies new change-log
/// entries to this node's index. It needs no message bus: after a crash, a restart or on a second
/// node it starts from the position stored in the index and catches up by itself.
/// </summary>
public sealed partial class IndexUpdateWorker(IndexUpdater indexer, IndexFolder holder, IOptions<GongkaiOptions> options, ILogger<IndexUpdateWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.Search.PollIntervalMs);
        await Task.Yield(); // the host's start does not wait for what follows
        await RebuildIfOutdatedAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await indexer.CatchUpAsync(stoppingToken).ConfigureAwait(false);
                if (applied > 0)
                {
                    LogApplied(applied);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The indexer must survive a failed round (locked file, database busy) and retry.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
            }
            await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An index written by an earlier version lacks fields this one reads (<see cref="SearchIndex.IsOutdated"/>):
    /// it is rebuilt in the background, once, at the start. Searches keep using it meanwhile, and
    /// the catalog counts by the database until the new index is in place.
    /// </summary>
    private async Task RebuildIfOutdatedAsync(CancellationToken stoppingToken)
    {
        if (!holder.Index.IsOutdated)
        {
            return;
        }
        LogOutdated(holder.Index.Format, SearchIndex.CurrentFormat);
        try
        {
            var result = await indexer.RebuildAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            LogRebuilt(result.Records);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed rebuild leaves the old index; the next start tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRebuildFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index: written in format {Format}, this version reads format {Current}; rebuilding it in the background")]
    private partial void LogOutdated(int format, int current);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index: rebuilt in the current format ({Records} records)")]
    private partial void LogRebuilt(int records);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search index: the rebuild in the current format failed; the catalog counts by the database until the next start")]
    private partial void LogRebuildFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Search index: applied {Count} change-log entries")]
    private partial void LogApplied(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search index: catching up failed; retrying")]
    private partial void LogFailed(Exception exception);
}

using Gongkai.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Search;

/// <summary>
/// The background indexer: every <c>Gongkai:Search:PollIntervalMs</c> it applies new change-log
/// entries to this node's index. It needs no message bus: after a crash, a restart or on a second
/// node it starts from the position stored in the index and catches up by itself. Every half
/// minute it reports its position (<c>SearchNodes</c>); once an hour one node of all prunes the
/// entries every node has applied. A node that finds entries pruned that it had not applied (it
/// was away longer than <c>Search:ChangeLogKeepDays</c>) rebuilds its index and says so.
/// </summary>
public sealed partial class IndexUpdateWorker(IndexUpdater indexer, IndexFolder holder, IDatabaseSetup database, TimeProvider time,
    IOptions<GongkaiOptions> options, ILogger<IndexUpdateWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _reported = DateTimeOffset.MinValue;
    private DateTimeOffset _pruned = DateTimeOffset.MinValue;

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
                await MaintainLogAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (IndexBehindException behind)
            {
                LogBehind(behind.Position, behind.PrunedThrough, options.Value.Search.ChangeLogKeepDays);
                await RebuildBehindAsync(stoppingToken).ConfigureAwait(false);
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

    private async Task RebuildBehindAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await indexer.RebuildAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            LogRebuiltBehind(result.Records, holder.Index.Position);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The indexer must survive a failed rebuild: the next round finds the index behind again and retries.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(e);
            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reports this node's position every half minute, and prunes the log once an hour if no other node is.</summary>
    private async Task MaintainLogAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (now - _reported >= ReportEvery)
        {
            await indexer.ReportAsync(stoppingToken).ConfigureAwait(false);
            _reported = now;
        }
        if (now - _pruned >= PruneEvery)
        {
            _pruned = now;
            var held = await database.TryLockAsync(JobLocks.ChangeLogPruning, stoppingToken).ConfigureAwait(false);
            if (held is not null)
            {
                await using (held.ConfigureAwait(false))
                {
                    var pruned = await indexer.PruneAsync(stoppingToken).ConfigureAwait(false);
                    if (pruned > 0)
                    {
                        LogPruned(pruned);
                    }
                }
            }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index: it applied the change log up to entry {Position}, but entries up to {PrunedThrough} were pruned while this node was away (longer than Search:ChangeLogKeepDays = {Days} days); rebuilding it from the database")]
    private partial void LogBehind(long position, long prunedThrough, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index: rebuilt after being away ({Records} records), now at change-log entry {Position}")]
    private partial void LogRebuiltBehind(int records, long position);

    [LoggerMessage(Level = LogLevel.Information, Message = "Change log: pruned {Count} entries every node has applied")]
    private partial void LogPruned(int count);

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

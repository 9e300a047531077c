using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Search;

/// <summary>
/// The background indexer: every <c>Gongkai:Search:PollIntervalMs</c> it applies new change-log
/// entries to this node's index. It needs no message bus: after a crash, a restart or on a second
/// node it starts from the position stored in the index and catches up by itself.
/// </summary>
public sealed partial class IndexUpdateWorker(IndexUpdater indexer, IOptions<GongkaiOptions> options, ILogger<IndexUpdateWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.Search.PollIntervalMs);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Search index: applied {Count} change-log entries")]
    private partial void LogApplied(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search index: catching up failed; retrying")]
    private partial void LogFailed(Exception exception);
}

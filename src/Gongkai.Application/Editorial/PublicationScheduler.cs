using Gongkai.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Editorial;

/// <summary>
/// 定时发布: publishes approved revisions when their time comes, with nobody signed in. The schedule
/// is in the database, so a restart loses nothing. On several nodes one pass runs at a time across
/// them all (<see cref="JobLocks.ScheduledPublication"/>, a PostgreSQL advisory lock): a node that
/// finds another publishing skips its pass; if that node dies, its lock goes with its connection.
/// (Were two passes ever to meet, the revision's concurrency token would still let one publish.)
/// </summary>
public sealed partial class PublicationScheduler(IServiceScopeFactory scopes, IDatabaseSetup database, IOptions<GongkaiOptions> options,
    TimeProvider time, ILogger<PublicationScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.Editorial.SchedulerIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                wait = await PassAsync(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass, on this node if no other is in one; how long to wait for the next.</summary>
    private async Task<TimeSpan> PassAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        var wait = interval;
        var held = await database.TryLockAsync(JobLocks.ScheduledPublication, stoppingToken).ConfigureAwait(false);
        if (held is null)
        {
            LogSkipped(logger);
            return wait;
        }
        await using (held.ConfigureAwait(false))
        {
            await using var scope = scopes.CreateAsyncScope();
            var workflow = scope.ServiceProvider.GetRequiredService<RecordWorkflow>();
            var published = await workflow.PublishDueAsync(stoppingToken).ConfigureAwait(false);
            if (published > 0)
            {
                LogPublished(logger, published);
            }
            // Wake when the next publication is due if that is sooner than the interval, so that
            // a scheduled record is public at its time, not up to an interval later.
            if (await workflow.NextDueAsync(stoppingToken).ConfigureAwait(false) is DateTime next)
            {
                var until = next - time.GetUtcNow().UtcDateTime;
                // (One still due after the pass could not be published: no spinning, the interval.)
                wait = until <= TimeSpan.Zero || until > interval ? interval : until;
            }
        }
        return wait;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled publication: {Count} record(s) published")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduled publication: another node is publishing; this node skips its pass")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled publication failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

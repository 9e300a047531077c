using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Editorial;

/// <summary>
/// 定时发布: publishes approved revisions when their time comes, with nobody signed in. The schedule
/// is in the database, so a restart loses nothing; on several nodes the revision's concurrency
/// token lets only one of them publish.
/// </summary>
public sealed partial class PublicationScheduler(IServiceScopeFactory scopes, IOptions<GongkaiOptions> options, TimeProvider time, ILogger<PublicationScheduler> logger)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled publication: {Count} record(s) published")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled publication failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

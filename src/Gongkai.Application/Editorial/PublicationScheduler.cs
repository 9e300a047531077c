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
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var published = await scope.ServiceProvider.GetRequiredService<RecordWorkflow>().PublishDueAsync(stoppingToken).ConfigureAwait(false);
                if (published > 0)
                {
                    LogPublished(logger, published);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
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

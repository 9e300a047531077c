using Gongkai.Application.Accounts;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Editorial;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gongkai.Application.Search;

/// <summary>Where a rebuild started from the console stands; <paramref name="Result"/> once it has succeeded.</summary>
public sealed record RebuildStatus(bool Running, int Done, int Total, DateTime? StartedAtUtc, DateTime? FinishedAtUtc, SearchRebuildResult? Result, string? Error, string? StartedBy);

/// <summary>
/// The console's face of <c>gongkai search rebuild</c>: one rebuild at a time, in the background of
/// the web process, with its progress readable by the page; the same <see cref="IndexUpdater"/> does the work.
/// </summary>
public sealed partial class IndexRebuildJob(IndexUpdater indexer, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<IndexRebuildJob> logger)
{
    private readonly Lock _lock = new();
    private RebuildStatus _status = new(false, 0, 0, null, null, null, null, null);

    public RebuildStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    public Task<SearchCheckResult> CheckAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        return indexer.CheckAsync(cancellationToken);
    }

    public async Task StartRebuildAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        lock (_lock)
        {
            if (_status.Running)
            {
                throw new DomainConflictException("检索索引正在重建，请等待完成。");
            }
            _status = new RebuildStatus(true, 0, 0, time.GetUtcNow().UtcDateTime, null, null, null, actor.Name);
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            var db = scope.ServiceProvider.GetRequiredService<Data.GongkaiDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(actor, AuditActions.SearchRebuild, "search", null, null, null, null, null, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await indexer.RebuildAsync(new Progress<(int Done, int Total)>(p =>
                {
                    lock (_lock)
                    {
                        _status = _status with { Done = p.Done, Total = p.Total };
                    }
                }), catchUp: true, lifetime.ApplicationStopping).ConfigureAwait(false);
                lock (_lock)
                {
                    _status = _status with { Running = false, Done = result.Records, Total = result.Records, FinishedAtUtc = time.GetUtcNow().UtcDateTime, Result = result };
                }
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
                lock (_lock)
                {
                    _status = _status with { Running = false, FinishedAtUtc = time.GetUtcNow().UtcDateTime, Error = e.Message };
                }
            }
        }, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Search index rebuild from the console failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

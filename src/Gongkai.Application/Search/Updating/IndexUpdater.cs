using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Application.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Search;

/// <summary>Outcome of <c>search check</c>.</summary>
public sealed record SearchCheckResult(
    int DatabaseCount, int IndexCount, IReadOnlyList<long> Missing, IReadOnlyList<long> Orphans, long Position, long LatestChange)
{
    /// <summary>Entries of the change log the index has not applied yet.</summary>
    public long Pending => Math.Max(0, LatestChange - Position);

    public bool InAgreement => Missing.Count == 0 && Orphans.Count == 0;
}

/// <summary>Outcome of <c>search rebuild</c>.</summary>
/// <param name="Records">documents written</param>
/// <param name="Writing">reading the database, analysing and writing the segments, up to the commit</param>
/// <param name="Merging">merging down to <see cref="SearchIndex.SegmentsAfterRebuild"/> segments (zero when there were no more)</param>
/// <param name="Segments">records per segment of the new index, largest first</param>
/// <param name="Removed">the index directories left behind by earlier rebuilds that were deleted afterwards</param>
public sealed record SearchRebuildResult(int Records, TimeSpan Writing, TimeSpan Merging, IReadOnlyList<int> Segments, IReadOnlyList<string> Removed)
{
    /// <summary>The phases and segments in one line, as the CLI and the console show them.</summary>
    public string Phases => string.Create(CultureInfo.InvariantCulture,
        $"写入 {Writing.TotalSeconds:0.0} 秒，合并 {Merging.TotalSeconds:0.0} 秒；索引分 {Segments.Count} 段（{string.Join(" / ", Segments)} 条）")
        + (Removed.Count > 0 ? $"；已删除旧索引目录 {Removed.Count} 个" : "");
}

/// <summary>
/// Keeps the search index equal to the database: applies the change log in order
/// (<see cref="CatchUpAsync"/>), rebuilds from scratch (<see cref="RebuildAsync"/>) and compares
/// the two (<see cref="CheckAsync"/>). One instance per process; the calls are serialised.
/// </summary>
public sealed class IndexUpdater(IServiceScopeFactory scopes, IndexFolder holder, IOptions<GongkaiOptions> options, TimeProvider time,
    ChangeLogReaders readers) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private volatile bool _rebuilding;

    /// <summary>Applies every change-log entry after the index's position; returns how many were applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ApplyPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Before a page reads the index: when the change log has entries up to <paramref name="latest"/>
    /// that the index has not applied yet (a record published a moment ago, before the background
    /// indexer's next round), applies them now, so the page shows what the database shows. Not
    /// while a rebuild holds the index, and not for a backlog longer than one batch (a bulk import):
    /// then it returns false at once and the caller reads the database instead.
    /// </summary>
    /// <returns>whether the index now reflects <paramref name="latest"/></returns>
    public async Task<bool> CatchUpBeforeReadAsync(long latest, CancellationToken cancellationToken = default)
    {
        if (holder.Index.Position >= latest)
        {
            return true;
        }
        if (_rebuilding || latest - holder.Index.Position > options.Value.Search.BatchSize
            || !await _gate.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        try
        {
            // Another request or the background indexer may have applied them meanwhile.
            if (holder.Index.Position < latest)
            {
                await ApplyPendingAsync(cancellationToken).ConfigureAwait(false);
            }
            return holder.Index.Position >= latest;
        }
        catch (IndexBehindException)
        {
            return false; // the background indexer rebuilds; the database answers meanwhile
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> ApplyPendingAsync(CancellationToken cancellationToken)
    {
        var index = holder.Index;
        var applied = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            var changes = await db.SearchChanges.AsNoTracking()
                .Where(c => c.Id > index.Position).OrderBy(c => c.Id).Take(options.Value.Search.BatchSize)
                .Select(c => new { c.Id, c.RecordId }).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0)
            {
                return applied;
            }
            // A gap after the position: normally ids a rolled-back insert never used, but when entries
            // were pruned that this index had not applied, it cannot catch up from the log.
            if (changes[0].Id > index.Position + 1
                && await PrunedThroughAsync(db, cancellationToken).ConfigureAwait(false) is var pruned && pruned > index.Position)
            {
                throw new IndexBehindException(index.Position, pruned);
            }
            if (changes.Any(c => c.RecordId == SearchChange.EveryPage))
            {
                // An organization, site or term changed, maybe on another node: this node's
                // vocabulary cache is dropped, so that documents and pages take the new names.
                scope.ServiceProvider.GetRequiredService<Catalog.TermDirectory>().Invalidate();
            }
            var ids = changes.Select(c => c.RecordId).Where(id => id != SearchChange.EveryPage).Distinct().ToList();
            var records = await db.Records.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(RecordDocuments.Source)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var builder = scope.ServiceProvider.GetRequiredService<RecordDocuments>();
            await builder.PrepareAsync(cancellationToken).ConfigureAwait(false);
            var indexable = records.Where(RecordDocuments.Indexable).ToList();
            index.Upsert(indexable.Select(builder.Build));
            // Drafts, withdrawn and deleted records leave the index.
            index.Delete(ids.Except(indexable.Select(r => r.Id)));
            index.Commit(changes[^1].Id);
            applied += changes.Count;
        }
    }

    /// <summary>
    /// Builds a new index from the database, with documents analysed on every core, then makes it
    /// current. Changes committed while it runs are applied afterwards from the change log.
    /// </summary>
    /// <param name="progress">records indexed so far, of the total</param>
    /// <param name="catchUp">
    /// apply the changes committed during the rebuild at once; the CLI leaves that to the web
    /// app's indexer, which may have the index open
    /// </param>
    /// <param name="cancellationToken">stops the rebuild; the current index stays as it was</param>
    public async Task<SearchRebuildResult> RebuildAsync(IProgress<(int Done, int Total)>? progress = null, bool catchUp = true, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _rebuilding = true;
        // Timed from here: waiting for another rebuild or a catch-up is not writing.
        var watch = Stopwatch.StartNew();
        string? path = null;
        int done;
        TimeSpan written, merged;
        IReadOnlyList<int> segments;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            // The position first: whatever commits after it is replayed from the log.
            var position = await db.SearchChanges.MaxAsync(c => (long?)c.Id, cancellationToken).ConfigureAwait(false) ?? 0;
            var total = await db.Records.CountAsync(r => r.State == RecordState.Published, cancellationToken).ConfigureAwait(false);
            var builder = scope.ServiceProvider.GetRequiredService<RecordDocuments>();
            await builder.PrepareAsync(cancellationToken).ConfigureAwait(false);
            var threads = Math.Max(1, Environment.ProcessorCount);
            using var index = holder.CreateForRebuild(total, threads);
            path = index.Path;
            done = 0;
            var queue = new BlockingCollection<SearchSource[]>(boundedCapacity: 4);
            var writing = index.AddInParallelAsync(queue, builder.Build, threads, added =>
            {
                var count = Interlocked.Add(ref done, added);
                progress?.Report((count, total));
            }, cancellationToken);
            try
            {
                long after = 0;
                while (true)
                {
                    // Keyset pages along the primary key: constant cost per page however deep.
                    // The state is checked here, not in SQL: with it there, SQLite's plan (EXPLAIN
                    // QUERY PLAN) read the pages through the (State, PublishedAtUtc) index and a
                    // temporary B-tree, sorting every remaining published record for each page.
                    // Only the columns the documents need (RecordDocuments.Source).
                    var batch = await db.Records.AsNoTracking()
                        .Where(r => r.Id > after).OrderBy(r => r.Id).Take(1000)
                        .Select(RecordDocuments.Source)
                        .ToArrayAsync(cancellationToken).ConfigureAwait(false);
                    if (batch.Length == 0)
                    {
                        break;
                    }
                    after = batch[^1].Id;
                    queue.Add(batch.Where(RecordDocuments.Indexable).ToArray(), cancellationToken);
                }
            }
            catch (InvalidOperationException) when (writing.IsFaulted)
            {
                // The indexing threads failed and closed the queue: their error follows.
            }
            finally
            {
                queue.CompleteAdding();
            }
            await writing.ConfigureAwait(false);
            index.Commit(position);
            written = watch.Elapsed;
            // Few segments: each costs every query its own scorers and buffers (docs/benchmarks.md).
            // A rebuild whose buffer was large enough has written no more than these and merges nothing.
            index.ForceMerge(SearchIndex.SegmentsAfterRebuild);
            merged = watch.Elapsed - written;
            segments = index.SegmentSizes;
        }
        catch
        {
            // A failed or cancelled rebuild leaves nothing behind; the current index stays as it was.
            if (path is not null)
            {
                holder.Discard(path);
            }
            throw;
        }
        finally
        {
            _rebuilding = false;
            _gate.Release();
        }
        var removed = holder.Activate(path);
        if (catchUp)
        {
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }
        return new SearchRebuildResult(done, written, merged, segments, removed);
    }

    /// <summary>This node's name in <c>SearchNodes</c>: <c>Search:NodeName</c>, or the machine and the index folder.</summary>
    public string NodeName
    {
        get
        {
            var configured = options.Value.Search.NodeName;
            var name = string.IsNullOrWhiteSpace(configured) ? $"{Environment.MachineName}:{holder.Root}" : configured.Trim();
            return name.Length <= SearchNode.NameMaxLength ? name : name[^SearchNode.NameMaxLength..];
        }
    }

    /// <summary>Tells the pruner how far this node's index has applied the change log, and that the node is alive.</summary>
    public async Task ReportAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        // The lowest of what this node's readers of the log have read: the index, and the page cache.
        var position = Math.Min(holder.Index.Position, readers.Lowest ?? long.MaxValue);
        await UpsertNodeAsync(db, NodeName, position, time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the change-log entries that every node seen within <c>Search:ChangeLogKeepDays</c> has
    /// applied, always keeping the newest; returns how many. A node not seen for longer no longer
    /// holds the log back: back, it finds entries gone that it had not applied, and rebuilds.
    /// </summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - TimeSpan.FromDays(options.Value.Search.ChangeLogKeepDays);
        var positions = await db.SearchNodes.AsNoTracking().Where(n => n.Name != SearchNode.Pruned && n.SeenAtUtc >= since)
            .Select(n => n.Position).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (positions.Count == 0)
        {
            return 0;
        }
        var latest = await db.SearchChanges.MaxAsync(c => (long?)c.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        // The newest entry stays: the log's latest id is what every reader compares its position with.
        var through = Math.Min(positions.Min(), latest - 1);
        if (through <= await PrunedThroughAsync(db, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await db.SearchChanges.Where(c => c.Id <= through).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await UpsertNodeAsync(db, SearchNode.Pruned, through, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private static async Task<long> PrunedThroughAsync(GongkaiDbContext db, CancellationToken cancellationToken) =>
        await db.SearchNodes.AsNoTracking().Where(n => n.Name == SearchNode.Pruned).Select(n => (long?)n.Position)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? 0;

    private static Task<int> UpsertNodeAsync(GongkaiDbContext db, string name, long position, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "SearchNodes" ("Name", "Position", "SeenAtUtc") VALUES ({name}, {position}, {nowUtc}) ON CONFLICT ("Name") DO UPDATE SET "Position" = excluded."Position", "SeenAtUtc" = excluded."SeenAtUtc" """,
            cancellationToken);

    /// <summary>Compares the published records of the database with the documents of the committed index.</summary>
    public async Task<SearchCheckResult> CheckAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        var latest = await db.SearchChanges.MaxAsync(c => (long?)c.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        var inDatabase = (await db.Records.AsNoTracking().Where(r => r.State == RecordState.Published).Select(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var (inIndex, position) = holder.CurrentPath is { } path ? SearchIndex.ReadCommitted(path) : ([], 0);
        var missing = inDatabase.Except(inIndex).Order().ToList();
        var orphans = inIndex.Except(inDatabase).Order().ToList();
        return new SearchCheckResult(inDatabase.Count, inIndex.Count, missing, orphans, position, latest);
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>
/// The change log no longer holds entries this index has not applied (they were pruned while the
/// node was away longer than <c>Search:ChangeLogKeepDays</c>): only a rebuild brings it up to date.
/// </summary>
public sealed class IndexBehindException : Exception
{
    public IndexBehindException(long position, long prunedThrough)
        : base($"The index applied the change log up to {position}; entries up to {prunedThrough} were pruned since.")
    {
        Position = position;
        PrunedThrough = prunedThrough;
    }

    public IndexBehindException()
    {
    }

    public IndexBehindException(string message) : base(message)
    {
    }

    public IndexBehindException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public long Position { get; }

    public long PrunedThrough { get; }
}

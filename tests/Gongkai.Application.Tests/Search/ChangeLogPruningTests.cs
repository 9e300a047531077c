using Gongkai.Application.Search;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Search;

/// <summary>
/// The change log is pruned of what every node seen lately has applied, never of what one has not;
/// a node away longer finds that out when it is back and cannot catch up from the log.
/// </summary>
public sealed class ChangeLogPruningTests
{
    [Fact]
    public async Task Entries_every_node_seen_lately_has_applied_are_pruned_and_the_newest_stays()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 50);
        var indexer = app.Provider.GetRequiredService<IndexUpdater>();
        await indexer.CatchUpAsync();
        await indexer.ReportAsync();
        var latest = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().SearchChanges.MaxAsync(c => c.Id));
        // Another node, seen just now, has applied the log up to entry 10 only.
        await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            db.SearchNodes.Add(new SearchNode("another-node", 10, app.Time.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });

        Assert.Equal(10, await indexer.PruneAsync());
        Assert.Equal(11, await FirstAsync(app));
        Assert.Equal(0, await indexer.PruneAsync());

        // Eight days on (Search:ChangeLogKeepDays is 7) the other node has not been seen: it no
        // longer holds the log back. This node has; everything but the newest entry goes.
        app.Time.Advance(TimeSpan.FromDays(8));
        await indexer.ReportAsync();
        Assert.Equal(latest - 1 - 10, await indexer.PruneAsync());
        Assert.Equal(latest, await FirstAsync(app));
        Assert.Equal(latest - 1, await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().SearchNodes
            .Where(n => n.Name == SearchNode.Pruned).Select(n => n.Position).SingleAsync()));

        // The log goes on from there, and this node with it.
        var terms = await app.TermsAsync();
        await app.RunAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, "修剪后发布的信息")));
        Assert.True(await indexer.CatchUpAsync() > 0);
        Assert.True((await indexer.CheckAsync()).InAgreement);
    }

    [Fact]
    public async Task A_node_whose_unapplied_entries_were_pruned_cannot_catch_up_from_the_log_and_a_rebuild_brings_it_up()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 50);
        var indexer = app.Provider.GetRequiredService<IndexUpdater>();
        await indexer.CatchUpAsync();
        var position = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().SearchChanges.MaxAsync(c => c.Id));

        // While this node is away, records are published and another node prunes what it applied.
        var terms = await app.TermsAsync();
        for (var i = 0; i < 3; i++)
        {
            await app.RunAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, $"离开期间发布的信息{i}")));
        }
        await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var latest = await db.SearchChanges.MaxAsync(c => c.Id);
            await db.SearchChanges.Where(c => c.Id < latest).ExecuteDeleteAsync();
            db.SearchNodes.Add(new SearchNode(SearchNode.Pruned, latest - 1, app.Time.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });

        var behind = await Assert.ThrowsAsync<IndexBehindException>(() => indexer.CatchUpAsync());
        Assert.Equal(position, behind.Position);
        // A page's read-your-writes catch-up declines, and the catalog counts by the database meanwhile.
        Assert.False(await indexer.CatchUpBeforeReadAsync(position + 5));

        await indexer.RebuildAsync();
        var check = await indexer.CheckAsync();
        Assert.True(check.InAgreement);
        Assert.Equal(0, check.Pending);
    }

    private static Task<long> FirstAsync(ApplicationServices app) =>
        app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().SearchChanges.MinAsync(c => c.Id));
}

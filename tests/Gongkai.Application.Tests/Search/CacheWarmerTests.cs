using System.Text.Json;
using Gongkai.Application.Search;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Search;

public sealed class CacheWarmerTests
{
    // Every generated body opens with this sentence: a phrase of common bigrams in every record.
    private const string Common = "现将有关事项说明如下";

    [Fact]
    public async Task The_clauses_in_use_are_saved_and_warmed_again_at_the_next_start()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 300);
        await app.Provider.GetRequiredService<IndexUpdater>().CatchUpAsync();
        var holder = app.Provider.GetRequiredService<IndexFolder>();
        var keeper = ActivatorUtilities.CreateInstance<CacheWarmer>(app.Provider);
        var before = QueryRunner.Search(holder.Index, new SearchRequest { Text = Common, NowUtc = app.Time.GetUtcNow().UtcDateTime });
        Assert.True(before.Total >= 300, $"{before.Total} hits");

        keeper.Save();
        using (var saved = JsonDocument.Parse(await File.ReadAllTextAsync(keeper.FilePath)))
        {
            Assert.Equal(1, saved.RootElement.GetProperty("version").GetInt32());
            // Each clause is its field, terms and positions, nothing more.
            Assert.All(saved.RootElement.GetProperty("clauses").EnumerateArray(), c =>
                Assert.Equal(["field", "terms", "positions"], c.EnumerateObject().Select(p => p.Name)));
            Assert.Contains(saved.RootElement.GetProperty("clauses").EnumerateArray(), c =>
                c.GetProperty("field").GetString() == SearchFields.Text
                && c.GetProperty("terms").EnumerateArray().Select(t => t.GetString()).SequenceEqual(["现将", "有关", "事项", "说明", "如下"]));
        }

        // As after a restart: nothing cached, then the saved clauses walked again.
        holder.Caches.Clear();
        var restarted = ActivatorUtilities.CreateInstance<CacheWarmer>(app.Provider);
        var warmed = restarted.Warm(CancellationToken.None);
        Assert.True(warmed.Clauses >= 1 && warmed.Segments >= 1 && warmed.Bytes > 0, warmed.ToString());
        var after = QueryRunner.Search(holder.Index, new SearchRequest { Text = Common, NowUtc = app.Time.GetUtcNow().UtcDateTime });
        Assert.Equal(before.Hits.Select(h => h.Id), after.Hits.Select(h => h.Id));

        // Stopping saves again, keeping what was read at start even when no query used it since.
        holder.Caches.Clear();
        File.Delete(restarted.FilePath);
        await restarted.StartAsync(CancellationToken.None);
        await restarted.StopAsync(CancellationToken.None);
        Assert.Contains("\"说明\"", await File.ReadAllTextAsync(restarted.FilePath), StringComparison.Ordinal);
        Assert.False(File.Exists(restarted.FilePath + ".tmp"));
    }

    [Fact]
    public async Task A_rebuilt_index_is_warmed_with_the_clauses_in_use_when_the_portal_switches_to_it()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 300);
        var indexer = app.Provider.GetRequiredService<IndexUpdater>();
        var holder = app.Provider.GetRequiredService<IndexFolder>();
        await indexer.CatchUpAsync();
        using var keeper = ActivatorUtilities.CreateInstance<CacheWarmer>(app.Provider);
        var before = QueryRunner.Search(holder.Index, new SearchRequest { Text = Common, NowUtc = app.Time.GetUtcNow().UtcDateTime });
        var oldPath = holder.Index.Path;

        await indexer.RebuildAsync(catchUp: false);
        var current = holder.Index;
        Assert.NotEqual(oldPath, current.Path);
        var warmed = await keeper.SwitchWarming;
        Assert.True(warmed.Clauses >= 1 && warmed.Segments >= 1 && warmed.Bytes > 0, warmed.ToString());
        var after = QueryRunner.Search(current, new SearchRequest { Text = Common, NowUtc = app.Time.GetUtcNow().UtcDateTime });
        Assert.Equal(before.Hits.Select(h => h.Id), after.Hits.Select(h => h.Id));
        // The old index's caches were dropped, but not the list of clauses in use.
        holder.Caches.Clear();
        keeper.Save();
        Assert.Contains("\"说明\"", await File.ReadAllTextAsync(keeper.FilePath), StringComparison.Ordinal);

        // With the warm-up switched off, a switch warms nothing.
        var options = Microsoft.Extensions.Options.Options.Create(new GongkaiOptions { DataPath = app.DataPath, Search = { WarmUpSeconds = 0 } });
        using var off = new CacheWarmer(holder, options, Microsoft.Extensions.Logging.Abstractions.NullLogger<CacheWarmer>.Instance);
        keeper.Dispose();
        await indexer.RebuildAsync(catchUp: false);
        Assert.NotEqual(current.Path, holder.Index.Path);
        Assert.Equal(new WarmResult(0, 0, 0), await off.SwitchWarming);
    }

    [Fact]
    public async Task A_missing_or_unreadable_list_warms_nothing_and_the_portal_still_starts()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: false);
        var keeper = ActivatorUtilities.CreateInstance<CacheWarmer>(app.Provider);
        Assert.Equal(new WarmResult(0, 0, 0), keeper.Warm(CancellationToken.None));

        await File.WriteAllTextAsync(keeper.FilePath, "{\"version\":1,\"clauses\":[{\"field\":");
        Assert.Equal(new WarmResult(0, 0, 0), keeper.Warm(CancellationToken.None));

        // Clauses of unknown fields, or without terms, are passed over.
        await File.WriteAllTextAsync(keeper.FilePath, "{\"version\":1,\"clauses\":[{\"field\":\"nofield\",\"terms\":[\"关于\"],\"positions\":[0]},{\"field\":\"text\",\"terms\":[],\"positions\":[]}]}");
        Assert.Equal(new WarmResult(0, 0, 0), keeper.Warm(CancellationToken.None));
    }
}

using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Application.Demo;
using Gongkai.Application.Search;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Search;

public sealed class IndexUpdaterTests
{
    private static Task<SearchResponse> SearchAsync(ApplicationServices app, SearchQuery query) =>
        app.RunAsync(s => s.GetRequiredService<SearchService>().SearchAsync(query));

    private static async Task<long> PublishNewAsync(ApplicationServices app, string title, string body = "<p>正文。</p>")
    {
        var terms = await app.TermsAsync();
        return await app.RunAsync(async s =>
        {
            return (await TestRecords.PublishAsync(s, RecordContents.Valid(terms, title) with { BodyHtml = body })).RecordId;
        });
    }

    [Fact]
    public async Task The_reference_record_is_the_top_hit_for_words_of_its_title_and_highlighted()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 300);
        await app.Provider.GetRequiredService<IndexUpdater>().CatchUpAsync();

        foreach (var query in new[] { "争当创新先行军", "江阴高新区 项目领跑者", "创新先行军 领跑者" })
        {
            var result = await SearchAsync(app, new SearchQuery { Text = query });
            Assert.Equal("01404053X/2020-00390", result.Hits[0].IndexNumber);
        }
        var phrase = await SearchAsync(app, new SearchQuery { Text = "争当创新先行军" });
        Assert.Contains("<em>争当创新先行军</em>", phrase.Hits[0].TitleHtml, StringComparison.Ordinal);

        var body = await SearchAsync(app, new SearchQuery { Text = "项目攻坚" });
        var reference = Assert.Single(body.Hits.Concat((await SearchAsync(app, new SearchQuery { Text = "项目攻坚", Page = 2 })).Hits),
            h => h.IndexNumber == "01404053X/2020-00390");
        Assert.Contains("<em>项目攻坚</em>", reference.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facet_counts_equal_the_database_counts()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 300);
        await app.Provider.GetRequiredService<IndexUpdater>().CatchUpAsync();
        // Every generated body opens with this sentence; the reference record's does not.
        var result = await SearchAsync(app, new SearchQuery { Text = "现将有关事项说明如下" });

        var expected = await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            var demo = await db.Records.AsNoTracking().Where(r => r.IsDemo && r.State == RecordState.Published).ToListAsync();
            return (Total: demo.Count,
                Genres: demo.GroupBy(r => terms.Label(r.GenreId)).ToDictionary(g => g.Key, g => g.Count()),
                Years: demo.GroupBy(r => r.PublishedOn!.Value.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count()),
                Status: demo.GroupBy(r => terms.Label(r.EffectStatusId)).ToDictionary(g => g.Key, g => g.Count()));
        });
        Assert.Equal(expected.Total, result.Total);
        Assert.Equal(expected.Genres.OrderBy(k => k.Key), result.Facets[SearchFields.Genre].ToDictionary(f => f.Value, f => f.Count).OrderBy(k => k.Key));
        Assert.Equal(expected.Years.OrderBy(k => k.Key), result.Facets[SearchFields.Year].ToDictionary(f => f.Value, f => f.Count).OrderBy(k => k.Key));
        Assert.Equal(expected.Status.OrderBy(k => k.Key), result.Facets[SearchFields.EffectStatus].ToDictionary(f => f.Value, f => f.Count).OrderBy(k => k.Key));
    }

    [Fact]
    public async Task Drafts_withdrawn_and_scheduled_records_are_never_found_or_counted()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        await app.RunAsync(async s =>
        {
            await TestRecords.DraftAsync(s, RecordContents.Valid(terms, "独一无二草稿标题"));
            var withdrawn = await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "独一无二撤回标题"));
            await TestRecords.WithdrawAsync(s, withdrawn.RecordId);
            await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "独一无二定时标题"), app.Time.GetUtcNow().UtcDateTime.AddHours(3));
        });
        await app.Provider.GetRequiredService<IndexUpdater>().CatchUpAsync();

        var result = await SearchAsync(app, new SearchQuery { Text = "独一无二" });
        Assert.Equal(0, result.Total);
        Assert.All(result.Facets.Values, values => Assert.Empty(values));

        // A rebuild reads every record along the primary key and leaves out the draft and the
        // withdrawn one as the change log did (the scheduled one is not published yet).
        var rebuilt = await app.Provider.GetRequiredService<IndexUpdater>().RebuildAsync();
        Assert.Equal(await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.CountAsync(r => r.State == RecordState.Published)), rebuilt.Records);
        var afterRebuild = await SearchAsync(app, new SearchQuery { Text = "独一无二" });
        Assert.Equal(0, afterRebuild.Total);
        Assert.All(afterRebuild.Facets.Values, values => Assert.Empty(values));

        // The scheduled record appears when its time comes and the scheduler's pass publishes it.
        app.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, await app.RunAsync(s => s.GetRequiredService<RecordWorkflow>().PublishDueAsync()));
        await app.Provider.GetRequiredService<IndexUpdater>().CatchUpAsync();
        var later = await SearchAsync(app, new SearchQuery { Text = "独一无二" });
        Assert.Equal("独一无二定时标题", Assert.Single(later.Hits).TitleHtml.Replace("<em>", "", StringComparison.Ordinal).Replace("</em>", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_stop_between_the_database_commit_and_the_index_update_the_index_catches_up_by_itself()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 20);
        var indexer = app.Provider.GetRequiredService<IndexUpdater>();
        await indexer.CatchUpAsync();
        var holder = app.Provider.GetRequiredService<IndexFolder>();
        var before = holder.Index.Position;

        // The record is committed with its change-log entry; the indexer "crashes" before applying it.
        await PublishNewAsync(app, "停机期间发布的通知");
        holder.Release();
        Assert.Equal(before, SearchIndex.ReadCommitted(holder.CurrentPath!).Position);
        Assert.Equal(0, (await SearchAsync(app, new SearchQuery { Text = "停机期间发布" })).Total);

        // "Restart": the index reopens at its stored position and applies what it missed.
        // Two entries: the draft's creation and its publication.
        Assert.Equal(2, await indexer.CatchUpAsync());
        Assert.Equal(1, (await SearchAsync(app, new SearchQuery { Text = "停机期间发布" })).Total);
        Assert.True((await indexer.CheckAsync()).InAgreement);
    }

    [Fact]
    public async Task Withdrawing_and_removing_demo_data_take_records_out_of_the_index()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 50);
        var indexer = app.Provider.GetRequiredService<IndexUpdater>();
        await indexer.CatchUpAsync();
        var id = await PublishNewAsync(app, "即将撤回的通知");
        await indexer.CatchUpAsync();
        Assert.Equal(1, (await SearchAsync(app, new SearchQuery { Text = "即将撤回" })).Total);

        await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            (await db.Records.SingleAsync(r => r.Id == id)).Withdraw("测试撤回", app.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            await s.GetRequiredService<DemoSiteGroup>().RemoveAsync();
        });
        await indexer.CatchUpAsync();

        Assert.Equal(0, (await SearchAsync(app, new SearchQuery { Text = "即将撤回" })).Total);
        var check = await indexer.CheckAsync();
        Assert.True(check.InAgreement);
        Assert.Equal(1, check.IndexCount);   // the reference record
    }

    [Fact]
    public async Task An_index_of_an_earlier_format_is_rebuilt_at_the_start_and_the_catalog_counts_by_the_database_meanwhile()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 50);
        var options = app.Provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<GongkaiOptions>>();
        // An index as the version before format 2 left it: documents, a position, no format mark.
        var root = Path.Combine(app.DataPath, options.Value.Search.IndexPath);
        Directory.CreateDirectory(root);
        using (var directory = Lucene.Net.Store.FSDirectory.Open(Path.Combine(root, "20261101000000000")))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(SearchIndex.Version,
                   new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            writer.AddDocument([new Lucene.Net.Documents.StringField(SearchFields.Id, "1", Lucene.Net.Documents.Field.Store.YES)]);
            writer.SetCommitData(new Dictionary<string, string> { ["gongkai.changePosition"] = "1" });
            writer.Commit();
        }
        await File.WriteAllTextAsync(Path.Combine(root, "current"), "20261101000000000");
        var holder = app.Provider.GetRequiredService<IndexFolder>();
        Assert.True(holder.Index.IsOutdated);

        var before = await app.RunAsync(s => s.GetRequiredService<CatalogReader>().BrowseAsync(new CatalogQuery()));
        Assert.False(before.CountedByIndex);
        Assert.Equal(51, before.Total);

        var worker = new IndexUpdateWorker(app.Provider.GetRequiredService<IndexUpdater>(), holder,
            app.Provider.GetRequiredService<Data.IDatabaseSetup>(), app.Time, options,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<IndexUpdateWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            for (var i = 0; i < 300 && holder.Index.IsOutdated; i++)
            {
                await Task.Delay(100);
            }
            Assert.Equal(SearchIndex.CurrentFormat, holder.Index.Format);
            var after = await app.RunAsync(s => s.GetRequiredService<CatalogReader>().BrowseAsync(new CatalogQuery()));
            Assert.True(after.CountedByIndex);
            Assert.Equal(before.Rows.Select(r => r.IndexNumber), after.Rows.Select(r => r.IndexNumber));
            Assert.Equal(51, after.Total);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
        }
    }

    [Fact]
    public async Task A_rebuilt_index_equals_the_incrementally_built_one()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 200);
        var indexer = app.Provider.GetRequiredService<IndexUpdater>();
        var holder = app.Provider.GetRequiredService<IndexFolder>();
        await indexer.CatchUpAsync();
        var queries = new[] { "项目攻坚", "创新 企业", "安全生产", "招商", "高新区 人才" };
        async Task<List<string>> RunAll()
        {
            var lines = new List<string>();
            foreach (var q in queries)
            {
                var r = await SearchAsync(app, new SearchQuery { Text = q });
                lines.Add($"{q}:{r.Total}:{string.Join(",", r.Hits.Select(h => h.IndexNumber))}:" +
                          string.Join(";", r.Facets.Select(f => f.Key + "=" + string.Join(",", f.Value.Select(v => v.Value + v.Count)))));
            }
            return lines;
        }
        var incremental = await RunAll();
        var incrementalIds = holder.Index.AllIds();

        var rebuilt = await indexer.RebuildAsync();
        Assert.Equal(201, rebuilt.Records);
        Assert.Equal(201, rebuilt.Segments.Sum());
        Assert.Equal(incrementalIds.Order(), holder.Index.AllIds().Order());
        Assert.Equal(incremental, await RunAll());
        Assert.True((await indexer.CheckAsync()).InAgreement);
    }

    [Fact]
    public async Task A_rebuild_deletes_the_index_directories_left_behind_but_none_in_use()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 10);
        var indexer = app.Provider.GetRequiredService<IndexUpdater>();
        var holder = app.Provider.GetRequiredService<IndexFolder>();
        await indexer.CatchUpAsync();
        var before = Path.GetFileName(holder.Index.Path);
        // An earlier rebuild's index that nothing has open, one that a writer still holds (a web
        // app not yet switched, a rebuild under way), one created a moment ago, and a folder that
        // is not an index directory.
        var longAgo = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var left = Path.Combine(holder.Root, "index-20200101000000000");
        SearchIndex.Open(left).Dispose();
        Directory.SetLastWriteTimeUtc(left, longAgo);
        var held = SearchIndex.Open(Path.Combine(holder.Root, "index-20200102000000000"));
        Directory.SetLastWriteTimeUtc(held.Path, longAgo);
        // Named for a time after any run of this suite (the clean-up spares a directory named for the last
        // minute or later), so the test reads no clock.
        var young = Path.Combine(holder.Root, "index-20991231235959000");
        Directory.CreateDirectory(young);
        // Named long ago but written a moment ago: a rebuild that has closed its writer and is
        // about to make its index current.
        var justWritten = Path.Combine(holder.Root, "index-20200103000000000");
        SearchIndex.Open(justWritten).Dispose();
        var foreign = Path.Combine(holder.Root, "index-backup");
        Directory.CreateDirectory(foreign);

        var rebuilt = await indexer.RebuildAsync(catchUp: false);

        Assert.Equal(["index-20200101000000000"], rebuilt.Removed);
        Assert.False(Directory.Exists(left));
        Assert.True(Directory.Exists(held.Path));
        Assert.True(Directory.Exists(young));
        Assert.True(Directory.Exists(justWritten));
        Assert.True(Directory.Exists(foreign));
        // The index this process still has open (its writer holds it) is not taken either; the
        // switch to the rebuilt one retires it.
        Assert.True(Directory.Exists(Path.Combine(holder.Root, before)));
        Assert.Contains("已删除旧索引目录 1 个", rebuilt.Phases, StringComparison.Ordinal);

        held.Dispose();
        // Closing the writer wrote to the directory; a minute later it goes.
        Assert.Empty(holder.RemoveStale());
        Directory.SetLastWriteTimeUtc(held.Path, longAgo);
        Assert.Equal(["index-20200102000000000"], holder.RemoveStale());
        Assert.True((await indexer.CheckAsync()).InAgreement);
    }

    [Fact]
    public async Task A_cancelled_rebuild_leaves_no_directory_and_the_current_index_as_it_was()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 50);
        var indexer = app.Provider.GetRequiredService<IndexUpdater>();
        var holder = app.Provider.GetRequiredService<IndexFolder>();
        await indexer.CatchUpAsync();
        var current = holder.Index.Path;
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            indexer.RebuildAsync(new CancelOnFirstReport(cancel), catchUp: false, cancel.Token));

        Assert.Equal([current], Directory.EnumerateDirectories(holder.Root));
        Assert.Equal(current, holder.CurrentPath);
        Assert.True((await indexer.CheckAsync()).InAgreement);
    }

    /// <summary>Cancels the rebuild from its first progress report, on the indexing thread itself.</summary>
    private sealed class CancelOnFirstReport(CancellationTokenSource cancel) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => cancel.Cancel();
    }

    [Fact]
    public async Task Check_lists_what_is_missing_and_what_is_orphaned()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 10);
        var indexer = app.Provider.GetRequiredService<IndexUpdater>();
        await indexer.CatchUpAsync();
        var holder = app.Provider.GetRequiredService<IndexFolder>();
        // Damage the index behind the indexer's back: one record removed, one unknown added.
        holder.Index.Delete([1]);
        holder.Index.Upsert([new SearchDocument
        {
            Id = 999_999, IndexNumber = "01404053X/2020-99999", Url = "/x", Title = "孤儿", SiteSlug = "gxq", SiteName = "高新区",
            Publisher = "x", ThemePrimary = "其他", Genre = "其他", EffectStatus = "有效",
            GeneratedOn = new DateOnly(2020, 1, 1), PublishedOn = new DateOnly(2020, 1, 1), PublishedAtUtc = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        }]);
        holder.Index.Commit(holder.Index.Position);

        var check = await indexer.CheckAsync();
        Assert.False(check.InAgreement);
        Assert.Equal([1L], check.Missing);
        Assert.Equal([999_999L], check.Orphans);
    }
}

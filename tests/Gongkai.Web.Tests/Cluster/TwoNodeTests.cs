using System.Net;
using Gongkai.Application.Catalog;
using Gongkai.Application.Search;
using Gongkai.Application.Setup;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests.Cluster;

/// <summary>
/// Two nodes of the real app on one PostgreSQL database, each with its own data folder (search
/// index, page cache), as behind a proxy: what one node does, the other shows within 2 s, and a
/// console session made on one is good on the other. Runs in both test runs, on the server
/// ./scripts/test starts.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime, IDisposable
{
    private readonly TempDataFolder _shared = new();

    /// <summary>One clock for both, as NTP gives real nodes (each factory's own test clock starts when it is made).</summary>
    private readonly TimeProvider _clock = TestClock.Running();
    private GongkaiAppFactory _a = null!;
    private GongkaiAppFactory _b = null!;

    public Task InitializeAsync()
    {
        var connectionString = TestDatabase.ConnectionString(_shared.Path);
        _a = Node(connectionString, generatedRecords: 20);
        _ = _a.Services; // A starts first: it migrates and loads the demo
        _b = Node(connectionString, generatedRecords: 20);
        _ = _b.Services;
        return Task.CompletedTask;
    }

    private GongkaiAppFactory Node(string connectionString, int generatedRecords)
    {
        var node = new GongkaiAppFactory(generatedRecords) { PageCache = true, HolidaysThrough = 2026, Time = _clock };
        node.Settings[DatabaseRegistration.ProviderKey] = DatabaseRegistration.Postgres;
        node.Settings[$"ConnectionStrings:{DatabaseRegistration.ConnectionStringName}"] = connectionString;
        node.Settings["Gongkai:AttachmentsPath"] = Path.Combine(_shared.Path, "attachments");
        node.Settings["Gongkai:Editorial:SchedulerIntervalSeconds"] = "1";
        return node;
    }

    [Fact]
    public async Task A_record_published_on_one_node_is_on_the_others_pages_within_two_seconds_and_gone_when_withdrawn_there()
    {
        using var onB = _b.NewClient();
        var title = "两节点测试：关于集群发布的通知";
        // B has the catalog in its page cache before the record exists.
        Assert.DoesNotContain(title, await onB.GetStringAsync(new Uri("/gxq/xxgk/ml", UriKind.Relative)), StringComparison.Ordinal);

        var terms = await _a.ScopedAsync(s => s.GetRequiredService<TermDirectory>().GetAsync());
        var published = await _a.ScopedAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, title, _a.Today.AddDays(-1))));
        var page = RecordUrls.Record(published.Number());
        var last = "";

        await WithinTwoSecondsAsync(async () =>
        {
            using var response = await onB.GetAsync(new Uri(page, UriKind.Relative));
            last = $"{(int)response.StatusCode} {response.Headers.Location}";
            return response.StatusCode == HttpStatusCode.OK;
        }, () => "B's record page shows the record published on A: " + page + " " + last);
        await WithinTwoSecondsAsync(async () =>
            (await onB.GetStringAsync(new Uri("/gxq/xxgk/ml", UriKind.Relative))).Contains(title, StringComparison.Ordinal),
            "B's catalog shows the record published on A");
        await WithinTwoSecondsAsync(async () =>
            // (The hit's title is highlighted, so the link to the record page is what is looked for.)
            (await onB.GetStringAsync(new Uri("/search?q=" + Uri.EscapeDataString("集群发布"), UriKind.Relative))).Contains(page, StringComparison.Ordinal),
            "B's search finds the record published on A");

        using var onA = _a.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync(new Uri(page, UriKind.Relative))).StatusCode); // now in A's cache
        await _b.ScopedAsync(s => TestRecords.WithdrawAsync(s, published.RecordId));
        await WithinTwoSecondsAsync(async () =>
        {
            using var response = await onA.GetAsync(new Uri(page, UriKind.Relative));
            return response.StatusCode != HttpStatusCode.OK
                   && !(await onA.GetStringAsync(new Uri("/gxq/xxgk/ml", UriKind.Relative))).Contains(title, StringComparison.Ordinal);
        }, "A's cached record page and catalog drop the record withdrawn on B");
    }

    [Fact]
    public async Task A_console_session_signed_in_on_one_node_posts_a_form_on_the_other_and_signing_out_there_ends_it_everywhere()
    {
        await _a.ScopedAsync(s => TestUsers.CreateAsync(s, "cluster-editor", Core.Editorial.Role.Editor, TestUsers.Gxq));
        var cookies = new CookieContainer();
        using var onA = _a.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));
        using var onB = _b.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));
        using (var login = await ConsoleClients.LoginAsync(onA, "cluster-editor", TestUsers.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        // The cookie made on A opens the console on B, and a form token made on A is good on B.
        using (var inbox = await onB.GetAsync(new Uri("/admin", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        }
        var token = await ConsoleClients.TokenAsync(onA, "/admin");
        var stolen = cookies.GetCookieHeader(new Uri("https://localhost"));
        using (var logout = await onB.PostAsync(new Uri("/admin/logout", UriKind.Relative),
                   new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token! })))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        // Signed out on B: a copy of the old cookie no longer opens A.
        using var copy = _a.CreateDefaultClient(new Uri("https://localhost"));
        copy.DefaultRequestHeaders.Add("Cookie", stolen);
        using var after = await copy.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Failed_sign_ins_on_both_nodes_count_together_and_an_api_token_revoked_on_one_is_refused_by_the_other()
    {
        // The lockout counter is in the database: three failures on A and two on B lock the account everywhere.
        var person = await _a.ScopedAsync(s => TestUsers.CreateAsync(s, "cluster-lockout", Core.Editorial.Role.Editor, TestUsers.Gxq));
        for (var i = 0; i < 5; i++)
        {
            using var client = (i < 3 ? _a : _b).NewClient();
            using var wrong = await ConsoleClients.LoginAsync(client, "cluster-lockout", "wrong-password-1");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }
        foreach (var node in new[] { _a, _b })
        {
            using var client = node.NewClient();
            using var right = await ConsoleClients.LoginAsync(client, "cluster-lockout", TestUsers.Password);
            Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode); // locked on both
        }

        // A token issued on A works on B; revoked on B, A refuses it.
        var issued = await _a.ScopedAsync(s => s.GetRequiredService<Application.Accounts.ApiTokens>().IssueAsync(person, "集群令牌"));
        async Task<HttpStatusCode> ViewOn(GongkaiAppFactory node)
        {
            using var client = node.NewClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issued.Token);
            using var response = await client.GetAsync(new Uri("/api/v1/editorial/records/999999999", UriKind.Relative));
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.NotFound, await ViewOn(_b)); // signed in by the token; no such record
        await _b.ScopedAsync(s => s.GetRequiredService<Application.Accounts.ApiTokens>().RevokeAsync(person, issued.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, await ViewOn(_a));
    }

    [Fact]
    public async Task A_genre_renamed_on_one_node_is_named_anew_on_the_others_cached_record_page_within_two_seconds()
    {
        using var onB = _b.NewClient();
        const string page = "/xxgk/01404053X/2020-00390"; // the reference record, a 报告
        Assert.Contains("报告", await onB.GetStringAsync(new Uri(page, UriKind.Relative)), StringComparison.Ordinal); // cached on B, terms too
        await _a.ScopedAsync(async s =>
        {
            var admin = await TestUsers.CreateAsync(s, "cluster-admin", Core.Editorial.Role.Administrator, null);
            var genre = await s.GetRequiredService<GongkaiDbContext>().Terms.SingleAsync(t => t.Vocabulary == Vocabulary.Genre && t.Label == "报告");
            await s.GetRequiredService<Application.Admin.SiteGroupAdministration>().RenameTermAsync(admin, genre.Id, "报告（集群改名）");
        });
        await WithinTwoSecondsAsync(async () =>
            (await onB.GetStringAsync(new Uri(page, UriKind.Relative))).Contains("报告（集群改名）", StringComparison.Ordinal),
            "B's record page names the genre as renamed on A");
    }

    [Fact]
    public async Task A_node_that_comes_after_the_log_was_pruned_rebuilds_its_index_by_itself()
    {
        // A record is published; both nodes apply it (their indexers) and say so; one prunes the log.
        var terms = await _a.ScopedAsync(s => s.GetRequiredService<TermDirectory>().GetAsync());
        var published = await _a.ScopedAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, "修剪之前发布的信息", _a.Today.AddDays(-1))));
        var change = await _a.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().SearchChanges
            .Where(c => c.RecordId == published.RecordId).MaxAsync(c => c.Id));
        foreach (var node in new[] { _a, _b })
        {
            // A node reports the lowest position of its readers of the log: its index and its page
            // cache, which applies the entries at its own poll.
            var updater = node.Services.GetRequiredService<IndexUpdater>();
            await WithinTwoSecondsAsync(async () => (await updater.CheckAsync()).Pending == 0, "each node's indexer applies the log");
            await WithinTwoSecondsAsync(async () =>
            {
                await updater.ReportAsync();
                return await node.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().SearchNodes
                    .AnyAsync(n => n.Name == updater.NodeName && n.Position >= change));
            }, "each node's index and page cache apply the log");
        }
        // (A node's own indexer may have pruned already, at its first round; and an entry written after
        // the nodes reported stays for the next round: either way, everything up to the record's entry
        // but the newest entry is gone.)
        await _a.Services.GetRequiredService<IndexUpdater>().PruneAsync();
        var (latest, pruned) = await _a.ScopedAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            return (await db.SearchChanges.MaxAsync(c => c.Id),
                await db.SearchNodes.Where(n => n.Name == SearchNode.Pruned).Select(n => n.Position).SingleAsync());
        });
        Assert.InRange(pruned, change - 1, latest - 1);
        Assert.False(await _a.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().SearchChanges.AnyAsync(c => c.Id <= pruned)));

        // A third node, with an empty data folder, on the same database.
        using var folder = new TempDataFolder();
        await using var c = new GongkaiAppFactory(generatedRecords: 0, folder.Path) { PageCache = true, HolidaysThrough = 2026, Time = _clock };
        foreach (var (key, value) in _a.Settings)
        {
            c.Settings[key] = value;
        }
        var indexer = c.Services.GetRequiredService<IndexUpdater>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SearchCheckResult check;
        do
        {
            await Task.Delay(200);
            check = await indexer.CheckAsync();
        }
        while (!(check.InAgreement && check.Pending == 0) && clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.True(check.InAgreement, $"missing {check.Missing.Count}, orphans {check.Orphans.Count}");
        Assert.True(check.DatabaseCount > 20);
        using var onC = c.NewClient();
        Assert.Contains("/xxgk/01404053X/2020-00390", await onC.GetStringAsync(new Uri("/search?q=" + Uri.EscapeDataString("创新先行军"), UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_publication_happens_once_with_both_nodes_watching_the_time()
    {
        var terms = await _a.ScopedAsync(s => s.GetRequiredService<TermDirectory>().GetAsync());
        var at = _a.UtcNow.AddSeconds(2);
        var scheduled = await _a.ScopedAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, "两节点定时发布的信息", _a.Today.AddDays(-1)), at));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int publications;
        do
        {
            await Task.Delay(250);
            publications = await _b.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents
                .CountAsync(e => e.RecordId == scheduled.RecordId && e.Action == "record.publish"));
        }
        while (publications == 0 && clock.Elapsed < TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(3)); // both schedulers pass again at least twice
        Assert.Equal(1, await _b.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents
            .CountAsync(e => e.RecordId == scheduled.RecordId && e.Action == "record.publish")));
        Assert.Equal(RecordState.Published, await _a.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().Records
            .Where(r => r.Id == scheduled.RecordId).Select(r => r.State).SingleAsync()));
    }

    private static Task WithinTwoSecondsAsync(Func<Task<bool>> condition, string what) => WithinTwoSecondsAsync(condition, () => what);

    private static async Task WithinTwoSecondsAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Not within 2 s: {what()}.");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    public void Dispose() => _shared.Dispose();
}

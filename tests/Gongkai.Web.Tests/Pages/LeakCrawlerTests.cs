using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core.Catalog;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Gongkai.Web.Tests.Pages;

/// <summary>The portal as in production (page cache on), with canaries planted in every state that must not be public.</summary>
public sealed class LeakCrawlerFixture : IAsyncLifetime
{
    public GongkaiAppFactory App { get; } = new(generatedRecords: 40) { PageCache = true, HolidaysThrough = 2026 };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The outside probe's leak crawler as a standing test (issue 20): a record in every state that must
/// not be public carries a secret word in its title, summary, body and keywords (and in a file's name
/// and content); the crawler then reads every public surface it can reach — pages, feeds, sitemaps,
/// the JSON API, attachments, and searches for each record's findable word — following every link,
/// and fails on any secret it finds. A published record's secret is the positive control: the crawl
/// must find it, or it proves nothing.
/// </summary>
public sealed partial class LeakCrawlerTests(LeakCrawlerFixture fixture, ITestOutputHelper output) : IClassFixture<LeakCrawlerFixture>
{
    private const int MaxFetches = 4000;

    /// <summary>A state, the word by which a search would find its record, and the secret that must never be served.</summary>
    private sealed record Canary(string State, string Findable, string Secret);

    private static readonly Canary[] Hidden =
    [
        new("草稿", "canarydraft", "zqsecretdraft"),
        new("已提交待审", "canarysubmitted", "zqsecretsubmitted"),
        new("已退回", "canaryreturned", "zqsecretreturned"),
        new("审核通过待定时发布", "canaryscheduled", "zqsecretscheduled"),
        new("已撤回", "canarywithdrawn", "zqsecretwithdrawn"),
        new("已发布信息的待审新版本", "canaryrevision", "zqsecretrevision"),
        new("已发布信息的待审新附件", "canaryattachment", "zqsecretattachment"),
        new("草稿的附件", "canarydraftfile", "zqsecretdraftfile"),
    ];

    private static readonly string[] Sites = ["gxq", "lg", "jy"];

    private static readonly Canary Control = new("已发布（对照）", "canarypublished", "zqsecretpublished");

    [Fact]
    public async Task No_unpublished_record_revision_or_file_is_served_on_any_public_surface()
    {
        var seeds = await PlantAsync();
        using var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var queue = new Queue<string>(seeds);
        var seen = new HashSet<string>(seeds, StringComparer.Ordinal);
        var leaks = new List<string>();
        var errors = new List<string>();
        var controlFoundOn = new List<string>();
        var fetched = 0;
        while (queue.Count > 0 && fetched < MaxFetches)
        {
            var url = queue.Dequeue();
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            fetched++;
            if ((int)response.StatusCode >= 500)
            {
                errors.Add($"{(int)response.StatusCode} {url}");
            }
            var bytes = await response.Content.ReadAsByteArrayAsync();
            // Latin-1 keeps every byte, so a secret in a PDF or in UTF-8 text is found either way.
            var body = Encoding.UTF8.GetString(bytes) + Encoding.Latin1.GetString(bytes);
            foreach (var canary in Hidden.Where(c => body.Contains(c.Secret, StringComparison.OrdinalIgnoreCase)))
            {
                leaks.Add($"{canary.State}: {url}");
            }
            if (body.Contains(Control.Secret, StringComparison.OrdinalIgnoreCase))
            {
                controlFoundOn.Add(url);
            }
            var links = Links(body).ToList();
            if (response.Headers.Location is { } location)
            {
                links.Add(location.ToString());
            }
            foreach (var link in links.Select(Local).OfType<string>().Where(seen.Add))
            {
                queue.Enqueue(link);
            }
        }

        var summary = $"leak crawler: {Hidden.Length} canaries in {Hidden.Length} unpublished states; {fetched} public URLs fetched " +
                      $"({seen.Count} found, limit {MaxFetches}); {leaks.Count} leaks; {errors.Count} server errors; " +
                      $"the published control found on {controlFoundOn.Count} URLs";
        output.WriteLine(summary);
        Console.WriteLine(summary); // into the CI log, as the authorization matrix does
        Assert.True(leaks.Count == 0, "Unpublished content served:\n" + string.Join("\n", leaks.Distinct().Take(50)));
        Assert.True(errors.Count == 0, "Server errors:\n" + string.Join("\n", errors.Take(50)));
        // The control proves the crawl reaches record pages, lists, feeds, the API and search.
        Assert.Contains(controlFoundOn, u => u.StartsWith("/xxgk/", StringComparison.Ordinal) && !u.Contains("/files/", StringComparison.Ordinal));
        Assert.Contains(controlFoundOn, u => u.Contains("/xxgk/ml", StringComparison.Ordinal));
        Assert.Contains(controlFoundOn, u => u.EndsWith("rss.xml", StringComparison.Ordinal));
        Assert.Contains(controlFoundOn, u => u.StartsWith("/api/v1/records", StringComparison.Ordinal));
        Assert.Contains(controlFoundOn, u => u.StartsWith("/search?", StringComparison.Ordinal));
        Assert.Contains(controlFoundOn, u => u.Contains("/files/", StringComparison.Ordinal));
        Assert.True(fetched > 300, $"only {fetched} URLs fetched");
    }

    /// <summary>Plants the records; returns the crawl's starting points.</summary>
    private async Task<List<string>> PlantAsync() => await fixture.App.ScopedAsync(async s =>
    {
        var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
        var workflow = s.GetRequiredService<RecordWorkflow>();
        var (editor, reviewer) = await TestRecords.DeskAsync(s);
        RecordContent Content(Canary c, string? title = null) => RecordContents.Valid(terms, title ?? $"{c.Findable} {c.Secret} 测试信息") with
        {
            Summary = $"{c.Findable} {c.Secret} 内容概述。",
            BodyHtml = $"<p>{c.Findable} {c.Secret} 正文。</p>",
            Keywords = [c.Findable, c.Secret],
        };
        Canary Of(string findable) => Hidden.Single(c => c.Findable == findable);
        Stream Pdf(Canary c) => new MemoryStream(Encoding.UTF8.GetBytes($"%PDF-1.4 {c.Findable} {c.Secret}"));
        var seeds = new List<string> { "/", "/sitemap.xml", "/statistics", "/api/v1/records?pageSize=100", "/api/v1/statistics", "/favorites" };
        foreach (var slug in Sites)
        {
            seeds.AddRange([$"/{slug}/xxgk/", $"/{slug}/xxgk/ml", $"/{slug}/xxgk/rss.xml"]);
        }

        await TestRecords.DraftAsync(s, Content(Of("canarydraft")));
        var submitted = await TestRecords.DraftAsync(s, Content(Of("canarysubmitted")));
        await workflow.SubmitAsync(editor, submitted);
        var returned = await TestRecords.DraftAsync(s, Content(Of("canaryreturned")));
        await workflow.SubmitAsync(editor, returned);
        await workflow.ReturnAsync(reviewer, returned, "请修改后再提交。");
        await TestRecords.PublishAsync(s, Content(Of("canaryscheduled")), fixture.App.UtcNow.AddDays(30));
        // Its own address answers 410 with its title and the reason (it was public once, and a
        // reader who follows an old link learns what was withdrawn); everything else of it is secret.
        var withdrawn = await TestRecords.PublishAsync(s, Content(Of("canarywithdrawn"), "canarywithdrawn 已撤回的测试信息"));
        await TestRecords.WithdrawAsync(s, withdrawn.RecordId);
        var draftWithFile = await TestRecords.DraftAsync(s, Content(Of("canarydraftfile"), "附件草稿测试信息"));
        await workflow.AttachAsync(editor, draftWithFile, $"{Of("canarydraftfile").Secret}.pdf", Pdf(Of("canarydraftfile")));

        // A published record whose new version (submitted, not yet reviewed) carries the secret.
        var revised = await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "canaryrevision 已发布的母本信息"));
        await workflow.UpdateAsync(editor, revised.RecordId, Content(Of("canaryrevision")), "修改测试");
        await workflow.SubmitAsync(editor, revised.RecordId);
        // A published record with a file added by a revision not yet reviewed.
        var attached = await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "canaryattachment 已发布的带附件信息"));
        await workflow.AttachAsync(editor, attached.RecordId, $"{Of("canaryattachment").Secret}.pdf", Pdf(Of("canaryattachment")));

        // The control: published, with a public file.
        var control = await TestRecords.PublishAsync(s, Content(Control));
        await workflow.AttachAsync(editor, control.RecordId, $"{Control.Secret}.pdf", Pdf(Control));
        await workflow.SubmitAsync(editor, control.RecordId);
        await workflow.ApproveAsync(reviewer, control.RecordId, secrecyConfirmed: true, publishAtUtc: null);

        foreach (var number in new[] { withdrawn.Number(), revised.Number(), attached.Number(), control.Number() })
        {
            seeds.Add(RecordUrls.Record(number));
            seeds.Add($"/api/v1/records/{number.Prefix}/{number.Suffix}");
        }
        foreach (var canary in Hidden.Append(Control))
        {
            seeds.Add("/search?q=" + canary.Findable);
            seeds.Add("/api/v1/search?q=" + canary.Findable);
        }
        return seeds;
    });

    private static IEnumerable<string> Links(string body) =>
        LinkPattern().Matches(body).Select(m => WebUtility.HtmlDecode(m.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value));

    /// <summary>The path and query of a link to this portal, or null (another site, a console page, a fragment).</summary>
    private static string? Local(string link)
    {
        if (!Uri.TryCreate(new Uri("http://localhost"), link, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Host is not ("localhost" or "127.0.0.1") && !uri.Host.EndsWith(".gov.cn", StringComparison.Ordinal))
        {
            return null;
        }
        var local = uri.PathAndQuery;
        // The console answers anonymous visitors with its sign-in page; the application forms are POSTs.
        return local.StartsWith("/admin", StringComparison.Ordinal) ? null : local;
    }

    [GeneratedRegex(@"(?:href|src|action)=""([^""#]+)""|<loc>([^<]+)</loc>|<link>([^<]+)</link>|""url""\s*:\s*""([^""]+)""")]
    private static partial Regex LinkPattern();
}

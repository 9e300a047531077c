using System.Diagnostics;
using System.Globalization;
using Gongkai.Application;
using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Demo;
using Gongkai.Application.Editorial;
using Gongkai.Application.Search;
using Gongkai.Application.Setup;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Data.Sqlite;
using Gongkai.Application.Search.Analysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage:
//   index  RECORDS THREADS INDEX_DIR   generate RECORDS demo documents (seed 20200103) and index them;
//                                      also the raw tokenization rate of the analyzers on the same text
//   query  INDEX_DIR QUERIES           query latency p50/p99 in process (highlighting + facets), page 1 and page 50
//   merge  INDEX_DIR SEGMENTS          force-merge an index (to compare query latency before and after)
//   catalog DATA_DIR RUNS              the catalog's counts in process (CatalogSearch.Browse on the data's index):
//                                      per page kind, a pass over every segment (what a filter's first request
//                                      costs) and the counts kept with the segments (every later request), p50/p99
//   http   BASE_URL QUERIES            the same queries over HTTP against a running portal (/api/v1/search)
//   publish DATA_DIR BASE_URL PER_MINUTE MINUTES
//                                      an editor and a reviewer of 高新区 publish PER_MINUTE records a minute
//                                      through RecordWorkflow on the portal's database; after each, the time
//                                      until the record's page, the site's catalog and /api/v1/records show it
//   hostile                            Word import of each hostile file of the tests (HostileWordFiles) and of an
//                                      ordinary document: time, bytes allocated, and the process's peak memory
//   crash  DATA_DIR WEB_DLL RECORDS KILLS
//                                      runs the portal (WEB_DLL, from its project folder) on DATA_DIR and makes
//                                      RECORDS records through the editorial API (create, submit, approve) while
//                                      killing the portal with SIGKILL KILLS times; after each restart and at the
//                                      end: every acknowledged step is in the database, the audit chain holds and
//                                      the restarted portal's index catches up to agree with the database
var command = args.ElementAtOrDefault(0);
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
switch (command)
{
    case "index":
        await IndexAsync(int.Parse(args[1], invariant), int.Parse(args[2], invariant), args[3]);
        break;
    case "query":
        Query(args[1], int.Parse(args[2], invariant));
        break;
    case "merge":
        {
            var watch = Stopwatch.StartNew();
            using var index = SearchIndex.Open(args[1]);
            index.ForceMerge(int.Parse(args[2], invariant));
            Console.WriteLine($"force-merged to {args[2]} segment(s) in {watch.Elapsed.TotalSeconds:N0} s; size {index.SizeOnDisk / 1048576.0:N0} MiB");
            break;
        }
    case "catalog":
        await CatalogAsync(args[1], int.Parse(args[2], invariant));
        break;
    case "http":
        await HttpAsync(new Uri(args[1]), int.Parse(args[2], invariant));
        break;
    case "hostile":
        await HostileAsync();
        break;
    case "crash":
        return await CrashAsync(args[1], args[2], int.Parse(args[3], invariant), int.Parse(args[4], invariant));
    case "publish":
        return await PublishAsync(args[1], new Uri(args[2]), int.Parse(args[3], invariant), int.Parse(args[4], invariant));
    default:
        Console.Error.WriteLine("usage: index RECORDS THREADS INDEX_DIR | query INDEX_DIR QUERIES | http BASE_URL QUERIES | publish DATA_DIR BASE_URL PER_MINUTE MINUTES");
        return 2;
}
return 0;

static async Task<IEnumerable<SearchDocument>> DocumentsAsync(int count)
{
    // A throwaway database gives the generator its vocabularies and sites, exactly as in the app.
    var data = Path.Combine(Path.GetTempPath(), "gongkai-bench-" + Guid.NewGuid().ToString("N"));
    await using var provider = Services(data, o => o.Demo.GeneratedRecords = 0);
    await using var scope = provider.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
    var terms = await scope.ServiceProvider.GetRequiredService<TermDirectory>().GetAsync();
    var sites = await db.Sites.AsNoTracking().ToListAsync();
    var orgs = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id);
    var demoSites = sites.Select(s => new DemoSite(s.Id, s.OrganizationId, orgs[s.OrganizationId].ShortName, "澄发")).ToList();
    var generator = new DemoRecordGenerator(demoSites, terms, DemoSiteGroup.ReferenceRecord().Paragraphs);
    var id = 0L;
    var documents = generator.Generate(count, 20200103).Select(g =>
    {
        var (primary, secondary) = terms.ThemeLevels(g.Content.ThemeId);
        var site = sites.Single(s => s.Id == g.Site.SiteId);
        id++;
        return new SearchDocument
        {
            Id = id,
            IndexNumber = $"{orgs[site.OrganizationId].IndexPrefix}/{g.PublishedOn.Year}-{id % 99999 + 1:00000}",
            Url = $"/xxgk/{id}",
            Title = g.Content.Title,
            DocumentNumber = g.Content.DocumentNumber,
            Keywords = g.Content.Keywords,
            Summary = g.Content.Summary,
            Body = TextNormalizer.HtmlToText(g.Content.BodyHtml),
            SiteSlug = site.Slug,
            SiteName = site.Name,
            Publisher = orgs[site.OrganizationId].FullName,
            ThemePrimary = primary.Label,
            ThemeSecondary = secondary?.Label,
            Genre = terms.Label(g.Content.GenreId),
            EffectStatus = terms.Label(g.Content.EffectStatusId),
            GeneratedOn = g.Content.GeneratedOn,
            PublishedOn = g.PublishedOn,
            PublishedAtUtc = g.PublishedAtUtc,
        };
    });
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(data, recursive: true);
    return documents;
}

static async Task IndexAsync(int count, int threads, string path)
{
    var invariant = CultureInfo.InvariantCulture;
    var watch = Stopwatch.StartNew();
    var documents = await DocumentsAsync(count);
    // Raw tokenization rate on the same text, one thread, per analyzer (the first 5,000 documents).
    var sample = documents.Take(Math.Min(5000, count)).ToList();
    var chars = sample.Sum(d => (long)d.Body.Length + d.Title.Length + d.Summary.Length);
    Console.WriteLine($"corpus: {count:N0} documents (generated while indexing), {chars / (double)sample.Count:N0} characters each on average");
    foreach (var (name, field) in new[] { (AnalyzerRegistry.CjkBigram, SearchFields.Text), (AnalyzerRegistry.CjkRunBigram, SearchFields.Text), (AnalyzerRegistry.SmartCn, SearchFields.TitleWords) })
    {
        using var analyzer = AnalyzerRegistry.Create(name);
        var sampleChars = sample.Sum(d => (long)d.Body.Length);
        watch.Restart();
        var tokens = 0L;
        foreach (var d in sample)
        {
            using var stream = analyzer.GetTokenStream(field, d.Body);
            stream.Reset();
            while (stream.IncrementToken())
            {
                tokens++;
            }
            stream.End();
        }
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"analyzer {name}, 1 thread: {sampleChars / seconds / 1e6:N2} M chars/s = {sample.Count / seconds:N0} bodies/s ({tokens / (double)sample.Count:N0} tokens each)");
    }

    if (Directory.Exists(path))
    {
        Directory.Delete(path, recursive: true);
    }
    var settings = Environment.GetEnvironmentVariable("BENCH_SETTINGS") == "default" ? new SearchIndexSettings() : SearchIndexSettings.Rebuild(count, threads, ramBufferMb: 2048);
    Console.WriteLine($"writer settings: {settings}");
    // BENCH_TEXT_ANALYZER=cjk-run-bigram indexes the matching field with another registered analyzer.
    var textAnalyzer = Environment.GetEnvironmentVariable("BENCH_TEXT_ANALYZER");
    var analyzers = textAnalyzer is null ? null : new Dictionary<string, string> { [SearchFields.Text] = textAnalyzer };
    Console.WriteLine($"text analyzer: {textAnalyzer ?? AnalyzerRegistry.CjkBigram}");
    using var index = SearchIndex.Open(path, analyzers, settings);
    watch.Restart();
    // As `search rebuild` does: batches of 1,000 from one producer (here the lazy generator) to
    // the indexing threads, each writing its own segments.
    using var queue = new System.Collections.Concurrent.BlockingCollection<SearchDocument[]>(boundedCapacity: 4);
    var writing = index.AddInParallelAsync(queue, d => d, threads);
    foreach (var batch in documents.Chunk(1000))
    {
        queue.Add(batch);
    }
    queue.CompleteAdding();
    await writing;
    index.Commit(0);
    Console.WriteLine($"segments: {string.Join(", ", index.SegmentSizes.Select(s => s.ToString("N0", invariant)))}");
    var indexSeconds = watch.Elapsed.TotalSeconds;
    Console.WriteLine($"indexing, {threads} threads: {count:N0} documents in {indexSeconds:N1} s = {count / indexSeconds:N0} records/s");
    Console.WriteLine($"index size: {index.SizeOnDisk / 1048576.0:N0} MiB = {index.SizeOnDisk / (double)count:N0} B/record");
}

static List<string> Queries(int count)
{
    // 2–4 words drawn from the vocabulary of the demo text (SmartCn words of 2–4 Han characters).
    using var analyzer = AnalyzerRegistry.Create(AnalyzerRegistry.SmartCn);
    var words = new HashSet<string>(StringComparer.Ordinal);
    foreach (var paragraph in DemoSiteGroup.ReferenceRecord().Paragraphs)
    {
        using var stream = analyzer.GetTokenStream("f", paragraph);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var w = term.ToString();
            if (w.Length is >= 2 and <= 4 && w.All(c => c >= '\u4e00' && c <= '\u9fff'))
            {
                words.Add(w);
            }
        }
        stream.End();
    }
    var list = words.Order(StringComparer.Ordinal).ToList();
    // BENCH_QUERY_SEED draws another sample of the same words (default 42: the figures in docs/benchmarks.md).
    var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("BENCH_QUERY_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : 42);
    return Enumerable.Range(0, count).Select(_ =>
        string.Join(' ', Enumerable.Range(0, random.Next(2, 5)).Select(_ => list[random.Next(list.Count)]))).ToList();
}

static void Query(string path, int count)
{
    using var index = SearchIndex.Open(path);
    Console.WriteLine($"index: {index.SegmentSizes.Count} segments, records per segment: {string.Join(", ", index.SegmentSizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}");
    var queries = Queries(count);
    var now = DateTime.UtcNow;
    // Warm-up: first queries load the dictionary and the index files.
    foreach (var q in queries.Take(50))
    {
        QueryRunner.Search(index, new SearchRequest { Text = q, NowUtc = now });
    }
    // Page 1 twice: the first pass meets each word for the first time (the per-segment bounds and
    // match caches are built on the way), the second shows the portal once its caches are warm.
    // BENCH_COLD_CACHES=1 clears the caches before every pass: each pass then meets the words for
    // the first time with the code already compiled, so it shows what building the caches costs.
    var coldCaches = Environment.GetEnvironmentVariable("BENCH_COLD_CACHES") == "1";
    foreach (var (page, pass) in Passes())
    {
        if (coldCaches)
        {
            index.Caches.Clear();
        }
        var times = new List<double>(count);
        var hits = 0L;
        var slowest = new List<(double Ms, string Query, int Hits)>();
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        // BENCH_ALLOCATIONS=N lists the N types most allocated in the pass (the runtime's allocation
        // sample, one event per 100 KB allocated), to see what the bytes per query are made of.
        using var sampler = Environment.GetEnvironmentVariable("BENCH_ALLOCATIONS") is { } top ? new AllocationSampler(int.Parse(top, CultureInfo.InvariantCulture)) : null;
        foreach (var q in queries)
        {
            var watch = Stopwatch.StartNew();
            var result = QueryRunner.Search(index, new SearchRequest { Text = q, NowUtc = now, Page = page });
            times.Add(watch.Elapsed.TotalMilliseconds);
            hits += result.Total;
            slowest.Add((times[^1], q, result.Total));
        }
        Report($"in process, page {page}, {pass}{(coldCaches ? " (caches cleared before it)" : "")}", times, hits, count);
        Console.WriteLine($"  garbage collection: {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:N0} ms paused, {GC.CollectionCount(2) - gen2Before} gen-2 collections, {(GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)count / 1048576:N1} MiB allocated per query");
        sampler?.Print(count);
        // BENCH_SLOWEST=N lists the N slowest queries, to see what the tail is made of.
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_SLOWEST"), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            foreach (var (ms, q, total) in slowest.OrderByDescending(x => x.Ms).Take(n))
            {
                Console.WriteLine($"  {ms,8:N1} ms  {total,8:N0} hits  {q}");
            }
        }
    }
}

static async Task CatalogAsync(string data, int runs)
{
    await using var provider = Services(data, o => o.Demo.LoadWhenEmpty = false);
    var index = provider.GetRequiredService<IndexFolder>().Index;
    Console.WriteLine($"index: {index.Count:N0} records in {index.SegmentSizes.Count} segments");
    var pages = new (string Name, CatalogQuery Query)[]
    {
        ("all sites, first page", new CatalogQuery()),
        ("高新区, 通知, 2020 (faceted)", new CatalogQuery { Site = "gxq", Genre = "通知", Year = 2020 }),
        ("all sites, page 500 (the deepest)", new CatalogQuery { Page = 500 }),
        ("高新区, page 500", new CatalogQuery { Site = "gxq", Page = 500 }),
    };
    var now = DateTime.UtcNow;
    var serial = 0;
    Console.WriteLine("| page | a pass over every segment, p50 / p99 ms | counts kept, p50 / p99 ms | total |");
    Console.WriteLine("|---|---|---|---|");
    foreach (var (name, query) in pages)
    {
        await using var scope = provider.CreateAsyncScope();
        var resolved = await scope.ServiceProvider.GetRequiredService<CatalogReader>().ResolveAsync(query);
        var filter = CatalogReader.FilterOf(resolved);
        var (skip, take) = ((resolved.Page - 1) * resolved.PageSize, resolved.PageSize);
        // A filter the segments have not seen, with the same records: the site list with one of its
        // ids repeated a new number of times (the counts are kept by the filter's text).
        CatalogFilter Unseen() => filter with { SiteIds = [.. filter.SiteIds, .. Enumerable.Repeat(filter.SiteIds.First(), ++serial)] };
        CatalogSearch.Browse(index, Unseen(), now, skip, take); // compiled and the segments' arrays read
        var fresh = Time(runs, () => CatalogSearch.Browse(index, Unseen(), now, skip, take));
        var total = CatalogSearch.Browse(index, filter, now, skip, take).Total;
        var kept = Time(runs, () => CatalogSearch.Browse(index, filter, now, skip, take));
        Console.WriteLine($"| {name} | {fresh} | {kept} | {total:N0} |");
    }

    static string Time(int runs, Action browse)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            browse();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"{times[(runs - 1) / 2]:N2} / {times[(int)Math.Ceiling(runs * 0.99) - 1]:N2}");
    }
}

static async Task HttpAsync(Uri baseUrl, int count)
{
    using var client = new HttpClient { BaseAddress = baseUrl };
    var queries = Queries(count);
    foreach (var q in queries.Take(50))
    {
        (await client.GetAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString(q), UriKind.Relative))).Dispose();
    }
    foreach (var (page, pass) in Passes())
    {
        var times = new List<double>(count);
        var slowest = new List<(double Ms, string Query)>();
        foreach (var q in queries)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri($"/api/v1/search?page={page}&q=" + Uri.EscapeDataString(q), UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            slowest.Add((times[^1], q));
            if (!response.IsSuccessStatusCode && (int)response.StatusCode != 400)
            {
                throw new InvalidOperationException($"{(int)response.StatusCode} for {q}");
            }
        }
        Report($"HTTP /api/v1/search, page {page}, {pass}", times, 0, count);
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_SLOWEST"), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            foreach (var (ms, q) in slowest.Select((x, i) => (x.Ms, $"#{i} {x.Query}")).OrderByDescending(x => x.Ms).Take(n))
            {
                Console.WriteLine($"  {ms,8:N1} ms  {q}");
            }
        }
    }
}

/// <summary>The operation layer on DATA_DIR, with the real clock, as the CLI builds it.</summary>
static ServiceProvider Services(string data, Action<GongkaiOptions>? configure = null)
{
    var services = new ServiceCollection()
        .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
        .AddSingleton(TimeProvider.System)
        .AddGongkaiSqlite(data)
        .AddGongkaiApplication();
    services.AddOptions<GongkaiOptions>().Configure(o =>
    {
        o.DataPath = data;
        configure?.Invoke(o);
    });
    return services.BuildServiceProvider();
}

/// <summary>An editor and a reviewer of 高新区 (01404053X), new for this run, made by a new administrator.</summary>
static async Task<(Actor Editor, Actor Reviewer)> DeskAsync(IServiceProvider s, string prefix)
{
    var db = s.GetRequiredService<GongkaiDbContext>();
    var users = s.GetRequiredService<UserAdministration>();
    var loader = s.GetRequiredService<ActorLoader>();
    var run = Guid.NewGuid().ToString("N")[..8];
    const string password = "bench-mima-2026";
    var admin = (await loader.LoadAsync(await users.AddAdministratorAsync($"{prefix}-admin-{run}", "压测管理员", password, evenIfOneExists: true)))!;
    var org = await db.Organizations.Where(o => o.IndexPrefix == "01404053X").Select(o => o.Id).SingleAsync();
    async Task<Actor> Person(string name, Gongkai.Core.Editorial.Role role)
    {
        var id = await users.CreateAsync(admin, $"{prefix}-{name}-{run}", name, null, password);
        await users.GrantAsync(admin, id, role, org);
        return (await loader.LoadAsync(id))!;
    }
    return (await Person("editor", Gongkai.Core.Editorial.Role.Editor), await Person("reviewer", Gongkai.Core.Editorial.Role.Reviewer));
}

static async Task<int> PublishAsync(string data, Uri baseUrl, int perMinute, int minutes)
{
    await using var provider = Services(data);
    var run = Guid.NewGuid().ToString("N")[..8];
    Actor editor, reviewer;
    int siteId;
    Gongkai.Core.Catalog.RecordContent template;
    await using (var scope = provider.CreateAsyncScope())
    {
        var s = scope.ServiceProvider;
        (editor, reviewer) = await DeskAsync(s, "bench");
        siteId = await s.GetRequiredService<GongkaiDbContext>().Sites.Where(x => x.Slug == "gxq").Select(x => x.Id).SingleAsync();
        var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
        template = new Gongkai.Core.Catalog.RecordContent
        {
            Title = "",
            GeneratedOn = DateOnly.FromDateTime(DateTime.UtcNow),
            DisclosureTermId = terms.ByKey(Gongkai.Core.Catalog.Vocabulary.DisclosureTerm, TermKeys.LongTerm)!.Id,
            DisclosureFormIds = [terms.Of(Gongkai.Core.Catalog.Vocabulary.DisclosureForm).First().Id],
            DisclosureMethodId = terms.ByKey(Gongkai.Core.Catalog.Vocabulary.DisclosureMethod, TermKeys.Proactive)!.Id,
            DisclosureScopeId = terms.ByKey(Gongkai.Core.Catalog.Vocabulary.DisclosureScope, TermKeys.Public)!.Id,
            Procedure = "部门编制,经办公室审核后公开",
            GenreId = terms.ByLabel(Gongkai.Core.Catalog.Vocabulary.Genre, "通知")!.Id,
            ThemeId = terms.Of(Gongkai.Core.Catalog.Vocabulary.Theme).First(t => t.ParentId is not null).Id,
            Keywords = ["压测"],
            EffectStatusId = terms.ByKey(Gongkai.Core.Catalog.Vocabulary.EffectStatus, TermKeys.InForce)!.Id,
            Summary = "压测期间发布的信息。",
            BodyHtml = "<p>压测期间发布的信息。</p>",
        };
    }

    using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    var interval = TimeSpan.FromMinutes(1) / perMinute;
    var total = perMinute * minutes;
    var visible = new List<double>();
    var late = 0;
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < total; i++)
    {
        var due = interval * i;
        if (clock.Elapsed < due)
        {
            await Task.Delay(due - clock.Elapsed);
        }
        var title = $"压测发布{run}第{i + 1}条";
        string url;
        await using (var scope = provider.CreateAsyncScope())
        {
            var workflow = scope.ServiceProvider.GetRequiredService<Gongkai.Application.Editorial.RecordWorkflow>();
            var draft = await workflow.CreateAsync(editor, siteId, null, template with { Title = title });
            await workflow.SubmitAsync(editor, draft.RecordId);
            var published = await workflow.ApproveAsync(reviewer, draft.RecordId, secrecyConfirmed: true, publishAtUtc: null);
            url = RecordUrls.Record(IndexNumber.Parse(published.IndexNumber!));
        }
        // Published (committed) now: how long until every page that lists it shows it?
        var watch = Stopwatch.StartNew();
        foreach (var page in new[] { url, "/gxq/xxgk/ml", "/api/v1/records?site=gxq" })
        {
            while (true)
            {
                using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains(title, StringComparison.Ordinal))
                {
                    break;
                }
                if (watch.Elapsed > TimeSpan.FromSeconds(30))
                {
                    Console.WriteLine($"  {title}: not on {page} after 30 s");
                    return 1;
                }
                await Task.Delay(50);
            }
        }
        visible.Add(watch.Elapsed.TotalMilliseconds);
        if (watch.Elapsed > TimeSpan.FromSeconds(2))
        {
            late++;
        }
    }
    visible.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"published {total} records ({perMinute} a minute); on their page, the catalog and the API after p50 {visible[visible.Count / 2]:N0} ms, max {visible[^1]:N0} ms; later than 2 s: {late}"));
    return late == 0 ? 0 : 1;
}

static async Task HostileAsync()
{
    var data = Path.Combine(Path.GetTempPath(), "gongkai-hostile-" + Guid.NewGuid().ToString("N"));
    await using var provider = Services(data, o => { o.Demo.GeneratedRecords = 0; o.Demo.GeneratedRequests = 0; });
    await using (var scope = provider.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
    static long Peak() => long.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    async Task<(double Ms, long Allocated, string Answer)> ImportAsync(byte[] file)
    {
        await using var scope = provider.CreateAsyncScope();
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        string answer;
        try
        {
            using var stream = new MemoryStream(file);
            var draft = await scope.ServiceProvider.GetRequiredService<WordImport>().ImportAsync(stream);
            answer = "imported: " + draft.Title;
        }
        catch (DomainException e)
        {
            answer = "refused: " + e.Message;
        }
        return (watch.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocated, answer);
    }
    // The ordinary document first: it also compiles the code paths, so the figures below are not a first run's.
    var ordinary = Gongkai.Testing.WordDocuments.OfficialDocument();
    await ImportAsync(ordinary);
    // Every file made before any is timed (making the zip bomb takes hundreds of MB of its own).
    var files = new[] { ("an ordinary document", ordinary) }
        .Concat(Gongkai.Testing.HostileWordFiles.Kinds.Select(k => (k, Gongkai.Testing.HostileWordFiles.File(k)))).ToList();
    GC.Collect();
    var before = Peak();
    Console.WriteLine($"peak memory (VmHWM) once the files were made: {before} MiB");
    Console.WriteLine("| file | size | time | allocated | answer |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (name, file) in files)
    {
        var (ms, bytes, answer) = await ImportAsync(file);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {file.Length / 1024.0:N0} KB | {ms:N1} ms | {bytes / 1048576.0:N1} MiB | {answer[..Math.Min(answer.Length, 60)]} |"));
    }
    Console.WriteLine($"peak memory after importing every file: {Peak()} MiB (+{Peak() - before} MiB)");
    Directory.Delete(data, recursive: true);
}

static async Task<int> CrashAsync(string data, string webDll, int records, int kills)
{
    await using var provider = Services(data);
    var run = Guid.NewGuid().ToString("N")[..8];
    string editorToken, reviewerToken;
    (string Primary, string Secondary) theme;
    await using (var scope = provider.CreateAsyncScope())
    {
        var s = scope.ServiceProvider;
        await s.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var (editor, reviewer) = await DeskAsync(s, "crash");
        var tokens = s.GetRequiredService<ApiTokens>();
        editorToken = (await tokens.IssueAsync(editor, "crash")).Token;
        reviewerToken = (await tokens.IssueAsync(reviewer, "crash")).Token;
        var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
        var secondary = terms.Of(Vocabulary.Theme).First(t => t.ParentId is not null);
        theme = (terms.Label(secondary.ParentId!.Value), secondary.Label);
    }

    const int port = 5083;
    Process? portal = null;
    async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(webDll), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(webDll)))))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Gongkai__DataPath"] = Path.GetFullPath(data);
        start.Environment["Gongkai__Demo__LoadWhenEmpty"] = "false";
        portal = Process.Start(start)!;
        portal.OutputDataReceived += (_, _) => { };
        portal.ErrorDataReceived += (_, _) => { };
        portal.BeginOutputReadLine();
        portal.BeginErrorReadLine();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var ok = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                if (ok.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the portal did not start");
    }

    // What the client was told: the record exists (created), was submitted, was approved.
    var acknowledged = new Dictionary<long, string>();
    var lostAnswers = 0;
    var checks = new List<string>();
    async Task<bool> CheckAsync(string when)
    {
        await using var scope = provider.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var db = s.GetRequiredService<GongkaiDbContext>();
        var states = await db.Records.Where(r => acknowledged.Keys.Contains(r.Id)).Select(r => new { r.Id, r.State }).ToDictionaryAsync(r => r.Id, r => r.State);
        var lost = acknowledged.Count(a => !states.TryGetValue(a.Key, out var state)
            || (a.Value == "approved" && state != Gongkai.Core.Catalog.RecordState.Published));
        var audit = await s.GetRequiredService<AuditLog>().VerifyAsync();
        // The index catches up by itself after a restart: give it a moment.
        SearchCheckResult? search = null;
        for (var i = 0; i < 200 && search is not { InAgreement: true, Pending: 0 }; i++)
        {
            search = await s.GetRequiredService<IndexUpdater>().CheckAsync();
            if (search is not { InAgreement: true, Pending: 0 })
            {
                await Task.Delay(100);
            }
        }
        checks.Add(string.Create(CultureInfo.InvariantCulture,
            $"{when}: {acknowledged.Count} acknowledged records, {lost} lost; audit chain {(audit.Intact ? "intact" : "BROKEN at " + audit.FirstBadSequence)} ({audit.Checked} events); search check {(search!.InAgreement ? "in agreement" : $"{search.Missing.Count} missing, {search.Orphans.Count} orphaned")}, {search.Pending} pending"));
        Console.WriteLine(checks[^1]);
        return lost == 0 && audit.Intact && search is { InAgreement: true, Pending: 0 };
    }

    await StartAsync();
    using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    async Task<HttpResponseMessage?> Send(string token, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        try
        {
            return await client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            return null; // the portal died under the request: its answer is lost
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
    var killEvery = Math.Max(1, records / Math.Max(1, kills));
    var killed = 0;
    var ok = true;
    var random = new Random(20261206);
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < records; i++)
    {
        Task? killer = null;
        if (killed < kills && i % killEvery == killEvery / 2)
        {
            // SIGKILL at a random moment of this record's three requests.
            var delay = random.Next(0, 40);
            var victim = portal!;
            killer = Task.Run(async () =>
            {
                await Task.Delay(delay);
                victim.Kill();
            });
        }
        using (var created = await Send(editorToken, HttpMethod.Post, "/api/v1/editorial/records", new
        {
            site = "gxq",
            record = new
            {
                title = $"崩溃测试{run}第{i + 1}条",
                generatedOn = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                genre = "通知", themePrimary = theme.Primary, themeSecondary = theme.Secondary,
                summary = "崩溃测试的内容概述。", bodyHtml = "<p>正文</p>",
            },
        }))
        {
            if (created is { StatusCode: System.Net.HttpStatusCode.Created } && created.Headers.Location is { } location)
            {
                var id = long.Parse(location.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
                acknowledged[id] = "created";
                using var submitted = await Send(editorToken, HttpMethod.Post, $"/api/v1/editorial/records/{id}/submit", new { });
                if (submitted is { IsSuccessStatusCode: true })
                {
                    acknowledged[id] = "submitted";
                    using var approved = await Send(reviewerToken, HttpMethod.Post, $"/api/v1/editorial/records/{id}/approve", new { secrecyConfirmed = true });
                    if (approved is { IsSuccessStatusCode: true })
                    {
                        acknowledged[id] = "approved";
                    }
                    else if (approved is null)
                    {
                        lostAnswers++;
                    }
                }
                else if (submitted is null)
                {
                    lostAnswers++;
                }
            }
            else if (created is null)
            {
                lostAnswers++;
            }
            else
            {
                Console.WriteLine($"  record {i + 1}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
                ok = false;
            }
        }
        if (killer is not null)
        {
            await killer;
            await portal!.WaitForExitAsync();
            killed++;
            // The restarted portal catches its index up from the change log by itself; the check waits for it.
            await StartAsync();
            ok &= await CheckAsync($"after kill {killed} (record {i + 1}) and the restart");
        }
    }
    ok &= await CheckAsync("at the end");
    portal!.Kill();
    await portal.WaitForExitAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{records} records in {watch.Elapsed.TotalSeconds:N0} s through the API, {killed} SIGKILLs, {lostAnswers} answers lost with the process; {(ok ? "nothing acknowledged was lost" : "FAILED")}"));
    return ok ? 0 : 1;
}

static (int Page, string Pass)[] Passes() => [(1, "first pass"), (1, "second pass"), (50, "third pass")];

static void Report(string label, List<double> times, long hits, int count)
{
    times.Sort();
    double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
    Console.WriteLine($"{label}: {count} queries, p50 {P(0.5):N2} ms, p99 {P(0.99):N2} ms, max {times[^1]:N2} ms{(hits > 0 ? $", {hits / (double)count:N0} hits per query on average" : "")}");
}

/// <summary>
/// The runtime's allocation sample (GCAllocationTick: about one event per 100 KB allocated, naming the
/// type of the object that crossed the mark), summed by type while it lives.
/// </summary>
sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    private readonly int _top;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private bool _on;

    public AllocationSampler(int top)
    {
        _top = top;
        _on = true;
    }

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1); // GC
        }
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs eventData)
    {
        if (!_on || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
        {
            return;
        }
        var names = eventData.PayloadNames!;
        var type = eventData.Payload[names.IndexOf("TypeName")] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
    }

    public void Print(int queries)
    {
        _on = false;
        foreach (var (type, bytes) in _bytes.OrderByDescending(x => x.Value).Take(_top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / (double)queries / 1024,8:N0} KB per query  {type}"));
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Gongkai.Application;
using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Application.Search;
using Gongkai.Application.Setup;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Gongkai.Web.Tests.Cluster;

/// <summary>
/// Two nodes as real processes (the built Gongkai.Web.dll on Kestrel, each with its own data folder
/// and search index) on one PostgreSQL database, and node A killed with SIGKILL in the middle of an
/// import of 1,000 records through the editorial API: the import goes on through node B, as the
/// proxy would send it; no record the API acknowledged is lost, the operation log's chain holds, and
/// once A is back both nodes' search check agrees with the database. The nodes run under faketime
/// from <see cref="TestClock.Start"/> (their clock is the system's: a process of its own cannot be
/// handed a TimeProvider), so the run is the same on any day.
/// </summary>
public sealed class KilledNodeTests(ITestOutputHelper output) : IDisposable
{
    private const int Records = 1000;
    private const int Workers = 4;

    private readonly TempDataFolder _shared = new();
    private readonly TempDataFolder _dataA = new();
    private readonly TempDataFolder _dataB = new();

    [Fact]
    public async Task Killing_a_node_during_an_api_import_loses_no_acknowledged_record_and_both_indexes_agree_with_the_database_afterwards()
    {
        var connectionString = TestDatabase.ConnectionString(_shared.Path);
        string editorToken, reviewerToken;
        (string Primary, string Secondary) theme;
        await using (var setup = Services(_shared.Path, connectionString))
        {
            await using var scope = setup.CreateAsyncScope();
            var s = scope.ServiceProvider;
            await s.GetRequiredService<DatabaseInitializer>().InitializeAsync(); // the demo site group, without generated records
            var tokens = s.GetRequiredService<ApiTokens>();
            editorToken = (await tokens.IssueAsync(await TestUsers.CreateAsync(s, "import-editor", Core.Editorial.Role.Editor, TestUsers.Gxq), "导入")).Token;
            reviewerToken = (await tokens.IssueAsync(await TestUsers.CreateAsync(s, "import-reviewer", Core.Editorial.Role.Reviewer, TestUsers.Gxq), "导入审核")).Token;
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            var secondary = terms.Of(Vocabulary.Theme).First(t => t.ParentId is not null);
            theme = (terms.Label(secondary.ParentId!.Value), secondary.Label);
        }

        using var a = new NodeProcess("A", _dataA.Path, connectionString, Path.Combine(_shared.Path, "attachments"), output);
        using var b = new NodeProcess("B", _dataB.Path, connectionString, Path.Combine(_shared.Path, "attachments"), output);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());

        // Four import workers, each its share of the records in turn (create, submit, approve), to
        // node A until it dies, then to B. A dies at a random moment once half the records are in.
        var acknowledged = new ConcurrentDictionary<long, string>();
        var lostAnswers = 0;
        var done = 0;
        var killedAt = -1;
        var aDown = false;
        var unexpected = new ConcurrentQueue<string>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var killer = Task.Run(async () =>
        {
            while (Volatile.Read(ref done) < Records / 2)
            {
                await Task.Delay(5);
            }
            await Task.Delay(Random.Shared.Next(0, 30));
            killedAt = Volatile.Read(ref done);
            Volatile.Write(ref aDown, true);
            a.Kill();
        });

        async Task<HttpResponseMessage?> Send(string token, string path, object body)
        {
            // As the proxy does: a request that finds A dead goes to B; one A died under is lost.
            var node = Volatile.Read(ref aDown) ? b : a;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.BaseAddress, path)) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                return await http.SendAsync(request);
            }
            catch (HttpRequestException) when (node == a && Volatile.Read(ref aDown))
            {
                Interlocked.Increment(ref lostAnswers);
                return null;
            }
        }

        async Task Import(int worker)
        {
            for (var i = worker; i < Records; i += Workers)
            {
                using var created = await Send(editorToken, "/api/v1/editorial/records", new
                {
                    site = "gxq",
                    record = new
                    {
                        title = string.Create(CultureInfo.InvariantCulture, $"节点故障导入测试第{i + 1}条"),
                        generatedOn = "2026-11-20",
                        genre = "通知",
                        themePrimary = theme.Primary,
                        themeSecondary = theme.Secondary,
                        summary = "节点在导入中途被强行终止时，已确认的记录不丢失。",
                        bodyHtml = "<p>正文</p>",
                    },
                });
                if (created is { StatusCode: HttpStatusCode.Created })
                {
                    var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
                    acknowledged[id] = "created";
                    using var submitted = await Send(editorToken, $"/api/v1/editorial/records/{id}/submit", new { });
                    if (submitted is { IsSuccessStatusCode: true })
                    {
                        acknowledged[id] = "submitted";
                        using var approved = await Send(reviewerToken, $"/api/v1/editorial/records/{id}/approve", new { secrecyConfirmed = true });
                        if (approved is { IsSuccessStatusCode: true })
                        {
                            acknowledged[id] = "approved";
                        }
                        else if (approved is not null)
                        {
                            unexpected.Enqueue($"approve {id}: {(int)approved.StatusCode} {await approved.Content.ReadAsStringAsync()}");
                        }
                    }
                    else if (submitted is not null)
                    {
                        unexpected.Enqueue($"submit {id}: {(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}");
                    }
                }
                else if (created is not null)
                {
                    unexpected.Enqueue($"create {i + 1}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
                }
                Interlocked.Increment(ref done);
            }
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(Import).Append(killer));
        output.WriteLine($"{Records} records through the API in {watch.Elapsed.TotalSeconds:N1} s; A killed after {killedAt}; {lostAnswers} answers lost with A; " +
                         $"{acknowledged.Count(x => x.Value == "approved")} approved, {acknowledged.Count} acknowledged");
        Assert.True(unexpected.IsEmpty, "Requests the nodes refused: " + string.Join("; ", unexpected.Take(5))
                                        + $"\nNode A's log:\n{a.Tail()}\nNode B's log:\n{b.Tail()}");
        Assert.False(a.Alive);

        // Nothing the API acknowledged is lost; the operation log's chain is whole.
        await using (var check = Services(_shared.Path, connectionString))
        {
            await using var scope = check.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
            var ids = acknowledged.Keys.ToList();
            var states = await db.Records.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.State);
            var lost = acknowledged.Where(x => !states.TryGetValue(x.Key, out var state)
                                               || (x.Value == "approved" && state != RecordState.Published)).Select(x => x.Key).ToList();
            Assert.True(lost.Count == 0, $"Acknowledged but lost: {string.Join(", ", lost.Take(20))}");
            Assert.True(acknowledged.Count(x => x.Value == "approved") >= Records - 3 * Workers,
                "Almost every record is published (only those whose answers died with A may be behind)");
            var audit = await scope.ServiceProvider.GetRequiredService<AuditLog>().VerifyAsync();
            Assert.True(audit.Intact, $"The operation log's chain breaks at {audit.FirstBadSequence}");
        }

        // A comes back on its own data folder; both nodes' search check agrees with the database.
        await a.StartAsync();
        foreach (var node in new[] { a, b })
        {
            await using var services = Services(node.DataPath, connectionString);
            var updater = services.GetRequiredService<IndexUpdater>();
            var clock = Stopwatch.StartNew();
            SearchCheckResult result;
            do
            {
                await Task.Delay(200);
                result = await updater.CheckAsync();
            }
            while (!(result.InAgreement && result.Pending == 0) && clock.Elapsed < TimeSpan.FromSeconds(60));
            output.WriteLine($"node {node.Name}: search check after {clock.Elapsed.TotalSeconds:N1} s: {result.DatabaseCount} published, {result.IndexCount} in the index, " +
                             $"{result.Missing.Count} missing, {result.Orphans.Count} orphaned, {result.Pending} pending");
            Assert.True(result.InAgreement && result.Pending == 0,
                $"Node {node.Name}'s index: {result.Missing.Count} missing, {result.Orphans.Count} orphaned, {result.Pending} pending");
            Assert.True(result.DatabaseCount >= Records - 3 * Workers);
        }

        // And both find every published imported record by its title.
        var published = acknowledged.Count(x => x.Value == "approved");
        foreach (var node in new[] { a, b })
        {
            var found = await http.GetFromJsonAsync<System.Text.Json.JsonElement>(
                new Uri(node.BaseAddress, "/api/v1/search?scope=title&q=" + Uri.EscapeDataString("节点故障导入测试")));
            Assert.True(found.GetProperty("total").GetInt32() >= published, $"Node {node.Name} finds {found.GetProperty("total")} of {published}");
        }
    }

    /// <summary>The operation layer on the shared database for one node's data folder, as the CLI builds it (`gongkai search check` there).</summary>
    private static ServiceProvider Services(string dataPath, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseRegistration.ProviderKey] = DatabaseRegistration.Postgres,
            [$"ConnectionStrings:{DatabaseRegistration.ConnectionStringName}"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<GongkaiOptions>().Configure(o =>
        {
            o.DataPath = dataPath;
            o.Demo.GeneratedRecords = 0;
            o.Demo.GeneratedRequests = 0;
        });
        services.AddSingleton<TimeProvider>(TestClock.Running());
        services.AddGongkaiDatabase(configuration, dataPath);
        services.AddGongkaiApplication();
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _dataA.Dispose();
        _dataB.Dispose();
        _shared.Dispose();
    }

    /// <summary>The built portal (Gongkai.Web.dll beside the tests) as a process of its own under libfaketime.</summary>
    private sealed class NodeProcess(string name, string dataPath, string connectionString, string attachmentsPath, ITestOutputHelper output) : IDisposable
    {
        /// <summary>Started when the test class is loaded: every node's clock is <see cref="TestClock.Start"/> plus this.</summary>
        private static readonly Stopwatch Since = Stopwatch.StartNew();

        /// <summary>libfaketime (Debian package `faketime`), where Debian and a build from source put it.</summary>
        private static readonly string[] LibFaketimePaths =
        [
            "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
            "/usr/local/lib/faketime/libfaketime.so.1",
        ];
        private readonly int _port = FreePort();
        private readonly ConcurrentQueue<string> _log = new();
        private Process? _process;

        public string Name { get; } = name;

        public string DataPath { get; } = dataPath;

        public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

        public bool Alive => _process is { HasExited: false };

        public async Task StartAsync()
        {
            var libfaketime = LibFaketimePaths.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("This test runs the portal under libfaketime: install it (apt-get install faketime; ./scripts/test does).");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // The tests' date, and the same clock on every node (as NTP gives real ones): each node
            // starts at TestClock.Start plus the time run since the test class was loaded, and runs at
            // real speed — not at an offset from the machine's date, which the suite never reads
            // (under an outer faketime, the child's offset would apply to the real date instead).
            // libfaketime is preloaded here rather than through the `faketime` wrapper, so that the
            // process killed is the node itself, whose id names what the library leaves in /dev/shm
            // (see Kill); an outer faketime's FAKETIME_SHARED (its wrapper's clock) is dropped.
            start.Environment["LD_PRELOAD"] = libfaketime;
            start.Environment["FAKETIME"] = "@" + (TestClock.Start.UtcDateTime + Since.Elapsed).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            start.Environment.Remove("FAKETIME_SHARED");
            start.Environment["TZ"] = "UTC";
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gongkai.Web.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Gongkai__DataPath"] = DataPath;
            start.Environment["Gongkai__AttachmentsPath"] = attachmentsPath;
            start.Environment["Gongkai__Database__Provider"] = DatabaseRegistration.Postgres;
            start.Environment[$"ConnectionStrings__{DatabaseRegistration.ConnectionStringName}"] = connectionString;
            start.Environment["Gongkai__Demo__LoadWhenEmpty"] = "false";
            start.Environment["Gongkai__Search__NodeName"] = "node-" + Name;
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;

            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                if (process.HasExited)
                {
                    break;
                }
                try
                {
                    using var health = await probe.GetAsync(new Uri(BaseAddress, "/healthz"));
                    if (health.IsSuccessStatusCode)
                    {
                        output.WriteLine($"node {Name} on {BaseAddress} after {clock.Elapsed.TotalSeconds:N1} s");
                        return;
                    }
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(100);
            }
            throw new InvalidOperationException($"Node {Name} did not start: {Tail()}");
        }

        /// <summary>SIGKILL to the node: no shutdown, no flush.</summary>
        public void Kill()
        {
            var pid = _process!.Id;
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            // libfaketime keeps its start time in a semaphore and shared memory named by the process
            // id and removes them when the process exits; a SIGKILL leaves them behind, and a later
            // process given the same id (the wrapper `faketime` certainly) then fails to start with
            // "sem_open: File exists".
            File.Delete($"/dev/shm/faketime_shm_{pid}");
            File.Delete($"/dev/shm/sem.faketime_sem_{pid}");
        }

        public string Tail() => string.Join(Environment.NewLine, _log.TakeLast(60));

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            _log.Enqueue(line);
            while (_log.Count > 200 && _log.TryDequeue(out _)) { }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose()
        {
            if (Alive)
            {
                Kill();
            }
            _process?.Dispose();
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Testing;

/// <summary>
/// The real app (Program.cs) on a real database (a SQLite file, or PostgreSQL: <see cref="TestDatabase"/>) in a folder of its own, with the demo site group
/// loaded at start exactly as on a first run. <see cref="StartKestrel"/> serves it on a real
/// loopback port for the browser tests.
/// </summary>
public class GongkaiAppFactory : WebApplicationFactory<Program>
{
    private readonly TempDataFolder? _folder;
    private readonly string _dataPath;

    public GongkaiAppFactory() : this(generatedRecords: 120) { }

    public GongkaiAppFactory(int generatedRecords)
    {
        GeneratedRecords = generatedRecords;
        _folder = new TempDataFolder();
        _dataPath = _folder.Path;
    }

    /// <summary>The app on an existing data folder the test owns (to stop and start it again, as in a restart).</summary>
    public GongkaiAppFactory(int generatedRecords, string dataPath)
    {
        GeneratedRecords = generatedRecords;
        _dataPath = dataPath;
    }

    public int GeneratedRecords { get; }

    /// <summary>Generated demo requests; none unless a test asks (their counts would blur request tests).</summary>
    public int GeneratedRequests { get; init; }

    /// <summary>
    /// The app's clock: a FakeTimeProvider the test moves, or by default a clock that starts at
    /// <see cref="TestClock.Start"/> and runs at real speed. Never the system clock.
    /// </summary>
    public TimeProvider Time { get; init; } = TestClock.Running();

    /// <summary>Now, on the app's clock, in UTC.</summary>
    public DateTime UtcNow => Time.GetUtcNow().UtcDateTime;

    /// <summary>Today in China, on the app's clock.</summary>
    public DateOnly Today => Core.ChinaTime.Today(Time);

    /// <summary>
    /// When set, the app ships only the holiday notices up to this year (a copy of data/holidays in
    /// the data folder), so that a test of a year without a notice keeps its year without one once
    /// that year's notice ships.
    /// </summary>
    public int? HolidaysThrough { get; init; }

    /// <summary>
    /// The public page cache (Gongkai:Caching:Enabled): off unless a test is about it, since a test
    /// that changes a record and reads a page at once would otherwise see the page as it was for up
    /// to one poll interval, as a visitor may (PageCacheTests test that).
    /// </summary>
    public bool PageCache { get; init; }

    /// <summary>Further settings (configuration keys such as Gongkai:Editorial:SchedulerIntervalSeconds).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public string DataPath => _dataPath;

    /// <summary>Runs the app on Kestrel at a free loopback port and returns its base address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public T Scoped<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async Task ScopedAsync(Func<IServiceProvider, Task> use)
    {
        await using var scope = Services.CreateAsyncScope();
        await use(scope.ServiceProvider);
    }

    public async Task<T> ScopedAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Gongkai:DataPath", _dataPath);
        foreach (var (key, value) in TestDatabase.Settings(_dataPath))
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Gongkai:Demo:LoadWhenEmpty", "true");
        builder.UseSetting("Gongkai:Demo:GeneratedRecords", GeneratedRecords.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Gongkai:Demo:GeneratedRequests", GeneratedRequests.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Gongkai:Caching:Enabled", PageCache ? "true" : "false");
        // Every test signs in from the same (test server) address; SignInThrottleTests sets its own limit.
        builder.UseSetting("Gongkai:Accounts:SignInsPerTenMinutesPerIp", "100000");
        if (HolidaysThrough is int last)
        {
            var folder = Path.Combine(_dataPath, $"holidays-through-{last}");
            Directory.CreateDirectory(folder);
            foreach (var file in Directory.EnumerateFiles(Application.DataFiles.PathOf("holidays"), "*.json")
                         .Where(f => int.Parse(Path.GetFileNameWithoutExtension(f), CultureInfo.InvariantCulture) <= last))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
            }
            builder.UseSetting("Gongkai:HolidaysPath", folder);
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => services.AddSingleton(Time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder?.Dispose();
        }
    }
}

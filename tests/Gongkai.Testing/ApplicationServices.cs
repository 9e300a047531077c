using Gongkai.Application;
using Gongkai.Application.Catalog;
using Gongkai.Application.Setup;
using Gongkai.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gongkai.Testing;

/// <summary>
/// The operation layer on a real database (a SQLite file, or PostgreSQL: <see cref="TestDatabase"/>), without the web host: what the CLI builds. Time is a
/// <see cref="FakeTimeProvider"/> the test moves.
/// </summary>
public sealed class ApplicationServices : IAsyncDisposable
{
    private readonly TempDataFolder? _folder;

    private ApplicationServices(FakeTimeProvider time, int generatedRecords, string? provider, string? dataPath)
    {
        _folder = dataPath is null ? new TempDataFolder() : null;
        DataPath = dataPath ?? _folder!.Path;
        Time = time;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<GongkaiOptions>().Configure(o =>
        {
            o.DataPath = DataPath;
            o.Demo.GeneratedRecords = generatedRecords;
            o.Demo.GeneratedRequests = 0;
        });
        services.AddSingleton<TimeProvider>(time);
        services.AddTestDatabase(DataPath, provider);
        services.AddGongkaiApplication();
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Provider { get; }

    public string DataPath { get; }

    /// <summary>
    /// A migrated database with vocabularies; with the demo site group when <paramref name="demo"/>.
    /// On this run's database (<see cref="TestDatabase"/>) unless a test of one provider names it;
    /// in a folder of its own, removed afterwards, unless the test gives one (<paramref name="dataPath"/>, left as it is).
    /// </summary>
    public static async Task<ApplicationServices> CreateAsync(bool demo = true, int generatedRecords = 0, DateTimeOffset? now = null, string? provider = null,
        string? dataPath = null)
    {
        var app = new ApplicationServices(new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8))), generatedRecords, provider, dataPath);
        await using var scope = app.Provider.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        if (demo)
        {
            await initializer.InitializeAsync();
        }
        else
        {
            await initializer.MigrateAsync();
        }
        return app;
    }

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Provider.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public async Task RunAsync(Func<IServiceProvider, Task> use)
    {
        await using var scope = Provider.CreateAsyncScope();
        await use(scope.ServiceProvider);
    }

    public Task<TermSnapshot> TermsAsync() => RunAsync(s => s.GetRequiredService<TermDirectory>().GetAsync());


    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        _folder?.Dispose();
    }
}

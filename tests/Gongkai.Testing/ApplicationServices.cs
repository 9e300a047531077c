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
    private readonly TempDataFolder _folder = new();

    private ApplicationServices(FakeTimeProvider time, int generatedRecords, string? provider)
    {
        Time = time;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<GongkaiOptions>().Configure(o =>
        {
            o.DataPath = _folder.Path;
            o.Demo.GeneratedRecords = generatedRecords;
            o.Demo.GeneratedRequests = 0;
        });
        services.AddSingleton<TimeProvider>(time);
        services.AddTestDatabase(_folder.Path, provider);
        services.AddGongkaiApplication();
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Provider { get; }

    public string DataPath => _folder.Path;

    /// <summary>
    /// A migrated database with vocabularies; with the demo site group when <paramref name="demo"/>.
    /// On this run's database (<see cref="TestDatabase"/>) unless a test of one provider names it.
    /// </summary>
    public static async Task<ApplicationServices> CreateAsync(bool demo = true, int generatedRecords = 0, DateTimeOffset? now = null, string? provider = null)
    {
        var app = new ApplicationServices(new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8))), generatedRecords, provider);
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
        _folder.Dispose();
    }
}

using Gongkai.Application.Demo;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Setup;

/// <summary>
/// Run at start and by <c>gongkai db migrate</c>: applies migrations, seeds the controlled lists
/// and, when the database has no organization yet and the option allows it, the demo site group.
/// </summary>
public sealed partial class DatabaseInitializer(
    GongkaiDbContext db,
    IDatabaseSetup setup,
    VocabularySeeder vocabularies,
    DemoSiteGroup demo,
    IOptions<GongkaiOptions> options,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var held = await setup.LockInitializationAsync(cancellationToken).ConfigureAwait(false);
        await using (held.ConfigureAwait(false))
        {
            await MigrateHoldingLockAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task MigrateHoldingLockAsync(CancellationToken cancellationToken)
    {
        // The history table first: on an empty PostgreSQL database EF would otherwise read it before
        // it exists and log that failed command as an error on a first start that went well.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await setup.AfterMigrateAsync(db, cancellationToken).ConfigureAwait(false);
        var terms = await vocabularies.SeedIfEmptyAsync(cancellationToken).ConfigureAwait(false);
        if (terms > 0)
        {
            LogSeeded(terms);
        }
    }

    /// <summary>Migrates, seeds, and loads the demo site group into an empty database when allowed; true when it did.</summary>
    public async Task<bool> InitializeAsync(CancellationToken cancellationToken = default)
    {
        // Under the provider's lock: of several nodes starting together on one database, one
        // migrates, seeds and loads the demo; the others then find it done.
        var held = await setup.LockInitializationAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = held.ConfigureAwait(false);
        await MigrateHoldingLockAsync(cancellationToken).ConfigureAwait(false);
        var demoOptions = options.Value.Demo;
        if (demoOptions.LoadWhenEmpty && !await db.Organizations.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = await demo.LoadAsync(demoOptions.GeneratedRecords, demoOptions.Seed,
                generatedRequests: demoOptions.GeneratedRequests, cancellationToken: cancellationToken).ConfigureAwait(false);
            LogDemoLoaded(result.Records);
            return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} vocabulary terms")]
    private partial void LogSeeded(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the demo site group with {Count} records")]
    private partial void LogDemoLoaded(int count);
}

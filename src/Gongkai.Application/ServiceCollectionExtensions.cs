using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Application.Demo;
using Gongkai.Application.Search;
using Gongkai.Application.Setup;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gongkai.Application;

public static class ServiceCollectionExtensions
{
    /// <summary>The operation layer: one class per use case, shared by the web, the API and the CLI.</summary>
    public static IServiceCollection AddGongkaiApplication(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IndexSerialAllocator>();
        services.AddScoped<TermDirectory>();
        services.AddScoped<CatalogReader>();
        services.AddScoped<VocabularySeeder>();
        services.AddScoped<DemoSiteGroup>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DatabaseCopy>();
        services.AddSingleton<ChangeLogReaders>();
        // The calendar is the shipped notices plus those an administrator entered: read per scope
        // from a source that rebuilds when a notice changes.
        services.AddSingleton<CalendarSource>();
        services.AddScoped(sp => sp.GetRequiredService<CalendarSource>().Current);
        services.AddScoped<HolidayAdministration>();
        services.AddSingleton(s =>
        {
            var search = s.GetRequiredService<IOptions<GongkaiOptions>>().Value.Search;
            return new SearchCaches(search.MatchCacheMegabytes, search.BoundCacheMegabytes);
        });
        services.AddSingleton<IndexFolder>();
        services.AddSingleton<IndexUpdater>();
        services.AddScoped<RecordDocuments>();
        services.AddScoped<SearchService>();

        services.AddSingleton<BodySanitizer>();
        services.AddScoped<AuditLog>();
        services.AddScoped<RecordWorkflow>();
        services.AddScoped<RecordImport>();
        services.AddScoped<PublicChanges>();
        services.AddScoped<EditorialInbox>();
        services.AddScoped<RecordDetails>();
        services.AddScoped<ActorLoader>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<WordImport>();
        services.AddScoped<RecordInputResolver>();
        services.AddScoped<Requests.RequestService>();
        services.AddScoped<Requests.RequestLetters>();
        services.AddScoped<Requests.RequestDashboard>();
        services.AddSingleton<Requests.EmailSender>();
        services.AddScoped<Reports.AnnualReports>();
        services.AddScoped<Reports.Statistics>();
        services.AddScoped<Admin.SiteGroupAdministration>();
        services.AddScoped<AttachmentStore>();
        services.AddIdentityCore<GongkaiUser>()
            .AddEntityFrameworkStores<GongkaiDbContext>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<GuessablePasswordValidator>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<GongkaiOptions>>((identity, gongkai) =>
        {
            var accounts = gongkai.Value.Accounts;
            identity.Password.RequiredLength = accounts.PasswordMinLength;
            identity.Password.RequireDigit = true;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Password.RequiredUniqueChars = 4;
            identity.Lockout.MaxFailedAccessAttempts = accounts.LockoutFailures;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.LockoutMinutes);
            identity.Lockout.AllowedForNewUsers = true;
            identity.User.RequireUniqueEmail = false;
            identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
        });
        return services;
    }

    /// <summary>
    /// The background indexer that keeps this node's search index up with the change log, and the
    /// keeper that saves the search caches' clauses for the next start (<see cref="CacheWarmer"/>).
    /// </summary>
    public static IServiceCollection AddGongkaiSearchWorker(this IServiceCollection services) =>
        services.AddHostedService<IndexUpdateWorker>()
            .AddSingleton<CacheWarmer>()
            .AddHostedService(s => s.GetRequiredService<CacheWarmer>());

    /// <summary>The scheduler that publishes approved revisions when their time comes.</summary>
    public static IServiceCollection AddGongkaiPublicationScheduler(this IServiceCollection services) =>
        services.AddHostedService<PublicationScheduler>();
}

using Gongkai.Application.Catalog;
using Gongkai.Application.Demo;
using Gongkai.Application.Search;
using Gongkai.Application.Setup;
using Gongkai.Data;
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
        services.AddScoped<PublishRecord>();
        services.AddScoped<CreateDraft>();
        services.AddScoped<VocabularySeeder>();
        services.AddScoped<DemoSiteGroup>();
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton(_ => HolidayCalendarLoader.Load());
        services.AddSingleton<SearchIndexHolder>();
        services.AddSingleton<SearchIndexer>();
        services.AddScoped<SearchDocumentBuilder>();
        services.AddScoped<SearchService>();
        return services;
    }

    /// <summary>The background indexer that keeps this node's search index up with the change log.</summary>
    public static IServiceCollection AddGongkaiSearchWorker(this IServiceCollection services) =>
        services.AddHostedService<SearchWorker>();
}

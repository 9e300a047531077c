using Gongkai.Application.Catalog;
using Gongkai.Application.Demo;
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
        return services;
    }
}

using Gongkai.Data.Postgres;
using Gongkai.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Setup;

/// <summary>
/// Chooses the database by configuration: <c>Gongkai:Database:Provider</c> = <c>sqlite</c> (the
/// default, a file in the data folder) or <c>postgres</c> (the server database named by
/// <c>ConnectionStrings:Gongkai</c>, e.g. the environment variable <c>ConnectionStrings__Gongkai</c>).
/// The web app, the CLI and the benchmarks all register their database here.
/// </summary>
public static class DatabaseRegistration
{
    public const string ProviderKey = "Gongkai:Database:Provider";
    public const string ConnectionStringName = "Gongkai";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The configured provider, "sqlite" or "postgres"; anything else stops the start with a message.</summary>
    public static string Provider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[ProviderKey]?.Trim();
        if (string.IsNullOrEmpty(configured) || configured.Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite;
        }
        if (configured.Equals(Postgres, StringComparison.OrdinalIgnoreCase) || configured.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres;
        }
        throw new InvalidOperationException($"{ProviderKey} = \"{configured}\": 数据库类型只能是 sqlite 或 postgres。");
    }

    public static IServiceCollection AddGongkaiDatabase(this IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        if (Provider(configuration) == Sqlite)
        {
            return services.AddGongkaiSqlite(dataPath);
        }
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{ProviderKey} = postgres 需要连接字符串 ConnectionStrings:{ConnectionStringName}（环境变量 ConnectionStrings__{ConnectionStringName}），例如 \"Host=127.0.0.1;Database=gongkai;Username=gongkai;Password=…\"。");
        }
        return services.AddGongkaiPostgres(connectionString);
    }
}

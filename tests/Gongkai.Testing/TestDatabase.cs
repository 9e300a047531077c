using Gongkai.Application.Setup;
using Gongkai.Data.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gongkai.Testing;

/// <summary>
/// The database the tests run on. By default SQLite, a file in each fixture's data folder. With
/// <c>GONGKAI_TEST_DATABASE=postgres</c> every data folder gets a PostgreSQL database of its own on
/// the server named by <c>GONGKAI_TEST_POSTGRES</c> (a connection string), created on first use and
/// dropped with the folder: ./scripts/test starts a throwaway server on loopback and runs the Data,
/// Application and Web tests once on each database. Tests of PostgreSQL itself (the cluster, the copy
/// from SQLite) use the server in both runs, and fail with what to do when it is not set.
/// </summary>
public static class TestDatabase
{
    public const string ServerVariable = "GONGKAI_TEST_POSTGRES";
    public const string DatabaseVariable = "GONGKAI_TEST_DATABASE";

    /// <summary>The PostgreSQL server's connection string (user postgres), or null when none is set.</summary>
    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    /// <summary>The server, or a failure that says how to get one.</summary>
    public static string RequireServer() => Server ?? throw new InvalidOperationException(
        $"This test needs a PostgreSQL server: run ./scripts/test (it installs PostgreSQL with apt-get and starts a throwaway server on loopback), " +
        $"or set {ServerVariable} to a superuser connection string such as \"Host=127.0.0.1;Port=55432;Username=postgres\".");

    /// <summary>True when this run tests the PostgreSQL provider.</summary>
    public static bool IsPostgres => Environment.GetEnvironmentVariable(DatabaseVariable) switch
    {
        null or "" or DatabaseRegistration.Sqlite => false,
        DatabaseRegistration.Postgres => true,
        var other => throw new InvalidOperationException($"{DatabaseVariable}={other}: use sqlite or postgres."),
    };

    /// <summary>"sqlite" or "postgres": what this run tests.</summary>
    public static string Provider => IsPostgres ? DatabaseRegistration.Postgres : DatabaseRegistration.Sqlite;

    /// <summary>The configuration keys that choose this run's database for the data folder <paramref name="dataPath"/>.</summary>
    public static Dictionary<string, string?> Settings(string dataPath, string? provider = null)
    {
        provider ??= Provider;
        var settings = new Dictionary<string, string?> { [DatabaseRegistration.ProviderKey] = provider };
        if (provider == DatabaseRegistration.Postgres)
        {
            settings[$"ConnectionStrings:{DatabaseRegistration.ConnectionStringName}"] = ConnectionString(dataPath);
        }
        return settings;
    }

    /// <summary>
    /// Registers this run's database (or <paramref name="provider"/>'s) for <paramref name="dataPath"/>,
    /// as the web app and the CLI do from configuration.
    /// </summary>
    public static IServiceCollection AddTestDatabase(this IServiceCollection services, string dataPath, string? provider = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(dataPath, provider)).Build();
        return services.AddGongkaiDatabase(configuration, dataPath);
    }

    /// <summary>The PostgreSQL database of a data folder (created when missing).</summary>
    public static string ConnectionString(string dataPath)
    {
        var server = RequireServer();
        var name = DatabaseName(dataPath);
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                try
                {
                    create.ExecuteNonQuery();
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    // Made a moment ago by another fixture on the same folder.
                }
            }
        }
        return PostgresDatabase.WithDatabase(server, name);
    }

    /// <summary>Drops the data folder's database, if this run made one.</summary>
    public static void Drop(string dataPath)
    {
        if (Server is not { } server)
        {
            return;
        }
        var name = DatabaseName(dataPath);
        using var target = new NpgsqlConnection(PostgresDatabase.WithDatabase(server, name));
        NpgsqlConnection.ClearPool(target);
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>"gk_" and the folder's name in lower-case letters and digits (a test folder's name is a GUID).</summary>
    private static string DatabaseName(string dataPath)
    {
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataPath)));
        var safe = new string(folder.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        return "gk_" + (safe.Length > 60 ? safe[..60] : safe);
    }
}

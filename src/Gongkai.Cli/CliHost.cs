using Gongkai.Application;
using Gongkai.Application.Setup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gongkai.Cli;

/// <summary>
/// Builds the same services as the web (configuration, SQLite in the data folder, the operation
/// layer) for one CLI invocation.
/// </summary>
internal static class CliHost
{
    public static IHost Build(string? dataPathOption, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environments.Production,
            DisableDefaults = true,
        });
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);

        var configured = dataPathOption
                         ?? builder.Configuration[$"{GongkaiOptions.Section}:{nameof(GongkaiOptions.DataPath)}"]
                         ?? new GongkaiOptions().DataPath;
        var dataPath = Path.GetFullPath(configured);
        builder.Configuration[$"{GongkaiOptions.Section}:{nameof(GongkaiOptions.DataPath)}"] = dataPath;
        builder.Services.AddGongkaiOptions(builder.Configuration);
        if (time is not null)
        {
            builder.Services.AddSingleton(time); // before AddGongkaiApplication, whose system clock is only a fallback
        }
        builder.Services.AddGongkaiDatabase(builder.Configuration, dataPath);
        builder.Services.AddGongkaiApplication();
        var host = builder.Build();
        // Checked before the verb runs, with the web app's rules (the CLI host is never started).
        _ = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GongkaiOptions>>().Value;
        return host;
    }
}

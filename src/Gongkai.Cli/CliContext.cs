using System.CommandLine;
using Gongkai.Application.Setup;
using Gongkai.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Gongkai.Cli;

/// <summary>What every verb shares: the terminal, the clock and the <c>--data-path</c> option, and how a verb runs.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, TextReader input, TimeProvider? time)
{
    public TextWriter Output => output;

    public TextReader Input => input;

    public Option<string?> DataPath { get; } = new("--data-path")
    {
        Description = "数据目录（SQLite 数据库、索引、附件）。默认取环境变量 Gongkai__DataPath，否则为当前目录下的 App_Data。",
        Recursive = true,
        Validators = { CliValidation.UsableFolder },
    };

    /// <summary>A progress bar on the output (Spectre.Console), kept when done.</summary>
    public IAnsiConsole Console() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });

    /// <summary>
    /// Runs <paramref name="action"/> in a scope of the app's services on a migrated database. A
    /// refusal of the operation layer or a bad setting is printed in Chinese and exits with 2.
    /// </summary>
    public async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            using var host = CliHost.Build(parse.GetValue(DataPath), time);
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            await action(scope.ServiceProvider);
            return 0;
        }
        catch (DomainException e)
        {
            await error.WriteLineAsync($"错误：{e.Message}");
            return 2;
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync($"错误：配置有误。{string.Join(" ", e.Failures)}");
            return 2;
        }
    }
}

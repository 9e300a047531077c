using System.CommandLine;
using Gongkai.Application;
using Gongkai.Application.Demo;
using Gongkai.Application.Setup;
using Gongkai.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Gongkai.Cli;

/// <summary>
/// <c>gongkai</c>: database and demo-data commands. Each verb calls the same operation class the
/// web uses (DatabaseInitializer, DemoSiteGroup).
/// </summary>
public static class GongkaiCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var dataPath = new Option<string?>("--data-path")
        {
            Description = "数据目录（SQLite 数据库、索引、附件）。默认取环境变量 Gongkai__DataPath，否则为当前目录下的 App_Data。",
            Recursive = true,
        };
        var root = new RootCommand("Gongkai 政府信息公开平台命令行工具");
        root.Options.Add(dataPath);

        var db = new Command("db", "数据库");
        var migrate = new Command("migrate", "应用数据库迁移并初始化词表（不载入演示数据）");
        migrate.SetAction((parse, ct) => WithHost(parse.GetValue(dataPath), error, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            await output.WriteLineAsync("数据库已是最新版本。");
        }));
        db.Subcommands.Add(migrate);

        var demo = new Command("demo", "演示站群数据");
        var records = new Option<int?>("--records") { Description = "生成的演示信息条数（默认取配置 Gongkai:Demo:GeneratedRecords）" };
        var seed = new Option<int?>("--seed") { Description = "生成器的随机种子；相同种子生成相同数据" };
        var load = new Command("load", "载入演示站群：江阴市及高新区等子站、参考信息和生成的演示信息") { records, seed };
        load.SetAction((parse, ct) => WithHost(parse.GetValue(dataPath), error, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var options = services.GetRequiredService<IOptions<GongkaiOptions>>().Value.Demo;
            var count = parse.GetValue(records) ?? options.GeneratedRecords;
            if (count < 0)
            {
                throw new DomainException("--records 不能为负数。");
            }
            var demoGroup = services.GetRequiredService<DemoSiteGroup>();
            DemoLoadResult result = null!;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            await console.Progress().AutoClear(false).StartAsync(async context =>
            {
                var task = context.AddTask("生成演示信息", maxValue: Math.Max(1, count));
                result = await demoGroup.LoadAsync(count, parse.GetValue(seed) ?? options.Seed, new Progress<int>(n => task.Value = n), ct);
                task.Value = task.MaxValue;
            });
            await output.WriteLineAsync($"已载入：新建机构 {result.Organizations} 个、站点 {result.Sites} 个、信息 {result.Records} 条。");
        }));
        var remove = new Command("remove", "删除全部生成的演示信息（机构、站点和参考信息保留）");
        remove.SetAction((parse, ct) => WithHost(parse.GetValue(dataPath), error, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var removed = await services.GetRequiredService<DemoSiteGroup>().RemoveAsync(ct);
            await output.WriteLineAsync($"已删除演示信息 {removed} 条。");
        }));
        demo.Subcommands.Add(load);
        demo.Subcommands.Add(remove);

        root.Subcommands.Add(db);
        root.Subcommands.Add(demo);

        var parseResult = root.Parse(args);
        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static async Task<int> WithHost(string? dataPath, TextWriter error, Func<IServiceProvider, Task> action)
    {
        try
        {
            using var host = CliHost.Build(dataPath);
            await using var scope = host.Services.CreateAsyncScope();
            await action(scope.ServiceProvider);
            return 0;
        }
        catch (DomainException e)
        {
            await error.WriteLineAsync($"错误：{e.Message}");
            return 2;
        }
    }
}

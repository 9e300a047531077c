using System.CommandLine;
using Gongkai.Application;
using Gongkai.Application.Accounts;
using Gongkai.Application.Demo;
using Gongkai.Application.Editorial;
using Gongkai.Application.Search;
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
    /// <param name="time">the clock (tests pass a fixed one); the system clock when null</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader? input = null, TimeProvider? time = null)
    {
        input ??= Console.In;
        var dataPath = new Option<string?>("--data-path")
        {
            Description = "数据目录（SQLite 数据库、索引、附件）。默认取环境变量 Gongkai__DataPath，否则为当前目录下的 App_Data。",
            Recursive = true,
        };
        var root = new RootCommand("Gongkai 政府信息公开平台命令行工具");
        root.Options.Add(dataPath);

        var db = new Command("db", "数据库");
        var migrate = new Command("migrate", "应用数据库迁移并初始化词表（不载入演示数据）");
        migrate.SetAction((parse, ct) => WithHost(parse.GetValue(dataPath), time, error, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            await output.WriteLineAsync("数据库已是最新版本。");
        }));
        db.Subcommands.Add(migrate);

        var demo = new Command("demo", "演示站群数据");
        var records = new Option<int?>("--records") { Description = "生成的演示信息条数（默认取配置 Gongkai:Demo:GeneratedRecords）" };
        var seed = new Option<int?>("--seed") { Description = "生成器的随机种子；相同种子生成相同数据" };
        var requestCount = new Option<int?>("--requests") { Description = "生成的演示依申请公开件数（默认取配置 Gongkai:Demo:GeneratedRequests）" };
        var load = new Command("load", "载入演示站群：江阴市及高新区等子站、参考信息和生成的演示信息与依申请公开件") { records, seed, requestCount };
        load.SetAction((parse, ct) => WithHost(parse.GetValue(dataPath), time, error, async services =>
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
                result = await demoGroup.LoadAsync(count, parse.GetValue(seed) ?? options.Seed, new Progress<int>(n => task.Value = n),
                    Math.Max(0, parse.GetValue(requestCount) ?? options.GeneratedRequests), ct);
                task.Value = task.MaxValue;
            });
            await output.WriteLineAsync($"已载入：新建机构 {result.Organizations} 个、站点 {result.Sites} 个、信息 {result.Records} 条、依申请公开 {result.Requests} 件。");
        }));
        var remove = new Command("remove", "删除全部生成的演示信息（机构、站点和参考信息保留）");
        remove.SetAction((parse, ct) => WithHost(parse.GetValue(dataPath), time, error, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var removed = await services.GetRequiredService<DemoSiteGroup>().RemoveAsync(ct);
            await output.WriteLineAsync($"已删除演示信息 {removed} 条。");
        }));
        demo.Subcommands.Add(load);
        demo.Subcommands.Add(remove);

        var search = new Command("search", "全文检索索引");
        var rebuild = new Command("rebuild", "从数据库重建检索索引（建好后替换当前索引；运行中的网站会自动切换）");
        rebuild.SetAction((parse, ct) => WithHost(parse.GetValue(dataPath), time, error, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var indexer = services.GetRequiredService<SearchIndexer>();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            var watch = System.Diagnostics.Stopwatch.StartNew();
            SearchRebuildResult? result = null;
            await console.Progress().AutoClear(false).StartAsync(async context =>
            {
                var task = context.AddTask("重建检索索引", maxValue: 1);
                result = await indexer.RebuildAsync(new Progress<(int Done, int Total)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }), catchUp: false, ct);
                task.Value = task.MaxValue;
            });
            var seconds = Math.Max(0.001, watch.Elapsed.TotalSeconds);
            var count = result!.Records;
            await output.WriteLineAsync($"已重建检索索引：{count} 条，用时 {seconds:0.0} 秒（每秒 {count / seconds:0} 条）；其中{result.Phases}。");
        }));
        var check = new Command("check", "核对检索索引与数据库中的公开信息是否一致，列出缺失和多余的条目");
        check.SetAction((parse, ct) => WithHost(parse.GetValue(dataPath), time, error, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var result = await services.GetRequiredService<SearchIndexer>().CheckAsync(ct);
            await output.WriteLineAsync($"数据库中已发布信息 {result.DatabaseCount} 条，索引中 {result.IndexCount} 条；索引已应用变更至第 {result.Position} 条，最新变更第 {result.LatestChange} 条。");
            if (result.Missing.Count > 0)
            {
                await output.WriteLineAsync($"索引中缺失 {result.Missing.Count} 条：{string.Join(", ", result.Missing.Take(50))}{(result.Missing.Count > 50 ? " …" : "")}");
            }
            if (result.Orphans.Count > 0)
            {
                await output.WriteLineAsync($"索引中多余 {result.Orphans.Count} 条：{string.Join(", ", result.Orphans.Take(50))}{(result.Orphans.Count > 50 ? " …" : "")}");
            }
            if (result.InAgreement)
            {
                await output.WriteLineAsync("检索索引与数据库一致。");
                return;
            }
            if (result.Pending > 0)
            {
                await output.WriteLineAsync($"另有 {result.Pending} 条变更尚未应用：网站运行时会自动追上；也可运行 gongkai search rebuild。");
            }
            throw new DomainException("检索索引与数据库不一致。");
        }));
        search.Subcommands.Add(rebuild);
        search.Subcommands.Add(check);

        var users = new Command("users", "后台用户");
        var userName = new Option<string>("--user") { Description = "用户名（字母、数字和 - . _ @）", Required = true };
        var displayName = new Option<string?>("--name") { Description = "姓名（默认同用户名）" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "从标准输入读取密码（一行）；不给时生成一个随机密码并只显示这一次" };
        var force = new Option<bool>("--force") { Description = "已有管理员时仍然添加" };
        var addAdmin = new Command("add-admin", "创建管理员（站群的第一个管理员只能这样创建；没有默认账号和默认密码）")
            { userName, displayName, passwordStdin, force };
        addAdmin.SetAction((parse, ct) => WithHost(parse.GetValue(dataPath), time, error, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var generated = !parse.GetValue(passwordStdin);
            var password = generated ? UserAdministration.GeneratePassword() : (await input.ReadLineAsync(ct))?.Trim() ?? string.Empty;
            var name = parse.GetValue(userName)!;
            var id = await services.GetRequiredService<UserAdministration>()
                .AddAdministratorAsync(name, parse.GetValue(displayName) ?? name, password, parse.GetValue(force), ct);
            await output.WriteLineAsync($"已创建管理员 {name}（编号 {id}）。登录地址：/admin/login");
            if (generated)
            {
                await output.WriteLineAsync($"初始密码（只显示这一次，请登录后修改）：{password}");
            }
        }));
        users.Subcommands.Add(addAdmin);

        var audit = new Command("audit", "操作日志");
        var verify = new Command("verify", "校验操作日志的哈希链，找出第一条被改动或缺失的事件（不一致时退出码为 2）");
        verify.SetAction((parse, ct) => WithHost(parse.GetValue(dataPath), time, error, async services =>
        {
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(ct);
            var result = await services.GetRequiredService<AuditLog>().VerifyAsync(ct);
            if (!result.Intact)
            {
                await output.WriteLineAsync($"已核对 {result.Checked} 条事件。");
                throw new DomainException($"操作日志校验未通过：{result.Problem}");
            }
            await output.WriteLineAsync($"操作日志完整：{result.Checked} 条事件，哈希链无断裂。");
        }));
        audit.Subcommands.Add(verify);

        root.Subcommands.Add(db);
        root.Subcommands.Add(users);
        root.Subcommands.Add(audit);
        root.Subcommands.Add(search);
        root.Subcommands.Add(demo);

        var parseResult = root.Parse(args);
        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static async Task<int> WithHost(string? dataPath, TimeProvider? time, TextWriter error, Func<IServiceProvider, Task> action)
    {
        try
        {
            using var host = CliHost.Build(dataPath, time);
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

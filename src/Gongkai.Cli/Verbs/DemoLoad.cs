using System.CommandLine;
using Gongkai.Application;
using Gongkai.Application.Demo;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Microsoft.Extensions.Options;

namespace Gongkai.Cli.Verbs;

/// <summary><c>gongkai demo load</c>: the demo site group, its reference record and generated records and requests.</summary>
internal static class DemoLoad
{
    public static Command Create(CliContext cli)
    {
        var records = new Option<int?>("--records")
        {
            Description = $"生成的演示信息条数，0 到 {DemoOptions.MaxGeneratedRecords:N0}（默认取配置 Gongkai:Demo:GeneratedRecords）",
            Validators = { CliValidation.Range(0, DemoOptions.MaxGeneratedRecords) },
        };
        var seed = new Option<int?>("--seed") { Description = "生成器的随机种子；相同种子生成相同数据" };
        var requests = new Option<int?>("--requests")
        {
            Description = $"生成的演示依申请公开件数，0 到 {DemoOptions.MaxGeneratedRequests:N0}（默认取配置 Gongkai:Demo:GeneratedRequests）",
            Validators = { CliValidation.Range(0, DemoOptions.MaxGeneratedRequests) },
        };
        var command = new Command("load", "载入演示站群：江阴市及高新区等子站、参考信息和生成的演示信息与依申请公开件") { records, seed, requests };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async services =>
        {
            var options = services.GetRequiredService<IOptions<GongkaiOptions>>().Value.Demo;
            var count = parse.GetValue(records) ?? options.GeneratedRecords;
            var demo = services.GetRequiredService<DemoSiteGroup>();
            DemoLoadResult result = null!;
            await cli.Console().Progress().AutoClear(false).StartAsync(async context =>
            {
                var task = context.AddTask("生成演示信息", maxValue: Math.Max(1, count));
                result = await demo.LoadAsync(count, parse.GetValue(seed) ?? options.Seed, new Progress<int>(n => task.Value = n),
                    parse.GetValue(requests) ?? options.GeneratedRequests, ct);
                task.Value = task.MaxValue;
            });
            await cli.Output.WriteLineAsync($"已载入：新建机构 {result.Organizations} 个、站点 {result.Sites} 个、信息 {result.Records} 条、依申请公开 {result.Requests} 件。");
        }, ct));
        return command;
    }
}

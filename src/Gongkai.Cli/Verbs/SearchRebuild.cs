using System.CommandLine;
using System.Diagnostics;
using Gongkai.Application.Search;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Gongkai.Cli.Verbs;

/// <summary><c>gongkai search rebuild</c>: builds a new index from the database and switches to it.</summary>
internal static class SearchRebuild
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("rebuild", "从数据库重建检索索引（建好后替换当前索引；运行中的网站会自动切换）");
        command.SetAction((parse, ct) => cli.RunAsync(parse, async services =>
        {
            var indexer = services.GetRequiredService<IndexUpdater>();
            var watch = Stopwatch.StartNew();
            SearchRebuildResult? result = null;
            await cli.Console().Progress().AutoClear(false).StartAsync(async context =>
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
            await cli.Output.WriteLineAsync($"已重建检索索引：{count} 条，用时 {seconds:0.0} 秒（每秒 {count / seconds:0} 条）；其中{result.Phases}。");
        }, ct));
        return command;
    }
}

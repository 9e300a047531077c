using System.CommandLine;
using Gongkai.Application.Search;
using Gongkai.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Cli.Verbs;

/// <summary><c>gongkai search check</c>: compares the index with the published records of the database.</summary>
internal static class SearchCheck
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("check", "核对检索索引与数据库中的公开信息是否一致，列出缺失和多余的条目");
        command.SetAction((parse, ct) => cli.RunAsync(parse, async services =>
        {
            var output = cli.Output;
            var result = await services.GetRequiredService<IndexUpdater>().CheckAsync(ct);
            await output.WriteLineAsync($"数据库中已发布信息 {result.DatabaseCount} 条，索引中 {result.IndexCount} 条；索引已应用变更至第 {result.Position} 条，最新变更第 {result.LatestChange} 条。");
            if (result.Missing.Count > 0)
            {
                await output.WriteLineAsync($"索引中缺失 {result.Missing.Count} 条：{List(result.Missing)}");
            }
            if (result.Orphans.Count > 0)
            {
                await output.WriteLineAsync($"索引中多余 {result.Orphans.Count} 条：{List(result.Orphans)}");
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
        }, ct));
        return command;
    }

    private static string List<T>(IReadOnlyCollection<T> ids) => string.Join(", ", ids.Take(50)) + (ids.Count > 50 ? " …" : "");
}

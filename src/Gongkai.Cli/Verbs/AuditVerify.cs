using System.CommandLine;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Cli.Verbs;

/// <summary><c>gongkai audit verify</c>: walks the operation log's hash chain.</summary>
internal static class AuditVerify
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("verify", "校验操作日志的哈希链，找出第一条被改动或缺失的事件（不一致时退出码为 2）");
        command.SetAction((parse, ct) => cli.RunAsync(parse, async services =>
        {
            var result = await services.GetRequiredService<AuditLog>().VerifyAsync(ct);
            if (!result.Intact)
            {
                await cli.Output.WriteLineAsync($"已核对 {result.Checked} 条事件。");
                throw new DomainException($"操作日志校验未通过：{result.Problem}");
            }
            await cli.Output.WriteLineAsync($"操作日志完整：{result.Checked} 条事件，哈希链无断裂。");
        }, ct));
        return command;
    }
}

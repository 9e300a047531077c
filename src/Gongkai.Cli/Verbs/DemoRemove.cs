using System.CommandLine;
using Gongkai.Application.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Cli.Verbs;

/// <summary><c>gongkai demo remove</c>: deletes the generated demo records and requests.</summary>
internal static class DemoRemove
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("remove", "删除全部生成的演示信息（机构、站点和参考信息保留）");
        command.SetAction((parse, ct) => cli.RunAsync(parse, async services =>
        {
            var removed = await services.GetRequiredService<DemoSiteGroup>().RemoveAsync(ct);
            await cli.Output.WriteLineAsync($"已删除演示信息 {removed} 条。");
        }, ct));
        return command;
    }
}

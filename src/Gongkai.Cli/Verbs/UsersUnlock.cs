using System.CommandLine;
using Gongkai.Application.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Cli.Verbs;

/// <summary>
/// <c>gongkai users unlock</c>: ends an account's lockout from the server itself — the way back in
/// when every administrator has been locked out by failed sign-ins.
/// </summary>
internal static class UsersUnlock
{
    public static Command Create(CliContext cli)
    {
        var userName = CliValidation.UserOption("要解除锁定的用户名");
        var command = new Command("unlock", "解除账号锁定并清零登录失败次数（所有管理员都被锁定时，由服务器上的运维人员执行）") { userName };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async services =>
        {
            var name = parse.GetValue(userName)!;
            await services.GetRequiredService<UserAdministration>().UnlockAsync(new Actor(null, "命令行（gongkai users unlock）", []), name, ct);
            await cli.Output.WriteLineAsync($"已解除 {name} 的锁定。");
        }, ct));
        return command;
    }
}

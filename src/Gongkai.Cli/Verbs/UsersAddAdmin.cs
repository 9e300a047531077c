using System.CommandLine;
using Gongkai.Application.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Cli.Verbs;

/// <summary><c>gongkai users add-admin</c>: the site group's first administrator (there is no default account).</summary>
internal static class UsersAddAdmin
{
    public static Command Create(CliContext cli)
    {
        var userName = CliValidation.UserOption("用户名（字母、数字和 - . _ @）");
        var displayName = new Option<string?>("--name")
        {
            Description = "姓名（默认同用户名）",
            Validators = { CliValidation.Text(UserAdministration.MaxDisplayNameLength) },
        };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "从标准输入读取密码（一行）；不给时生成一个随机密码并只显示这一次" };
        var force = new Option<bool>("--force") { Description = "已有管理员时仍然添加" };
        var command = new Command("add-admin", "创建管理员（站群的第一个管理员只能这样创建；没有默认账号和默认密码）")
            { userName, displayName, passwordStdin, force };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async services =>
        {
            var generated = !parse.GetValue(passwordStdin);
            var password = generated ? UserAdministration.GeneratePassword() : (await cli.Input.ReadLineAsync(ct))?.Trim() ?? string.Empty;
            var name = parse.GetValue(userName)!;
            var id = await services.GetRequiredService<UserAdministration>()
                .AddAdministratorAsync(name, parse.GetValue(displayName) ?? name, password, parse.GetValue(force), ct);
            await cli.Output.WriteLineAsync($"已创建管理员 {name}（编号 {id}）。登录地址：/admin/login");
            if (generated)
            {
                await cli.Output.WriteLineAsync($"初始密码（只显示这一次，请登录后修改）：{password}");
            }
        }, ct));
        return command;
    }
}

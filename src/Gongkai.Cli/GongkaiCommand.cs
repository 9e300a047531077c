using System.CommandLine;
using System.Globalization;
using Gongkai.Cli.Verbs;

namespace Gongkai.Cli;

/// <summary>
/// <c>gongkai</c>: the command tree. Each verb is one file in <c>Verbs/</c> and calls the same
/// operation class the web uses; options are checked before anything runs (<see cref="CliValidation"/>).
/// Exit codes: 0 done, 1 bad command line, 2 refused by the operation or a bad setting.
/// </summary>
public static class GongkaiCommand
{
    /// <param name="time">the clock (tests pass a fixed one); the system clock when null</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader? input = null, TimeProvider? time = null)
    {
        // The parser's own messages (unknown verb, missing option) in Chinese, like everything else.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        var cli = new CliContext(output, error, input ?? Console.In, time);
        var root = new RootCommand("Gongkai 政府信息公开平台命令行工具")
        {
            Group("db", "数据库", DbMigrate.Create(cli), DbCopy.Create(cli)),
            Group("users", "后台用户", UsersAddAdmin.Create(cli), UsersUnlock.Create(cli)),
            Group("audit", "操作日志", AuditVerify.Create(cli)),
            Group("search", "全文检索索引", SearchRebuild.Create(cli), SearchCheck.Create(cli)),
            Group("demo", "演示站群数据", DemoLoad.Create(cli), DemoRemove.Create(cli)),
        };
        root.Options.Add(cli.DataPath);
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static Command Group(string name, string description, params Command[] verbs)
    {
        var group = new Command(name, description);
        foreach (var verb in verbs)
        {
            group.Subcommands.Add(verb);
        }
        return group;
    }
}

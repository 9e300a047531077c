using System.CommandLine;
using Gongkai.Application.Setup;
using Gongkai.Core;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Gongkai.Cli.Verbs;

/// <summary>
/// <c>gongkai db copy --to-postgres "CONNSTR"</c>: copies this installation's SQLite database into an
/// empty PostgreSQL database, with a progress bar, then verifies the copy (rows per table, the
/// operation log's hash chain, the search index against the new database). Exit code 2 when the
/// copy does not verify. Run again after an interruption: it starts that copy over.
/// </summary>
internal static class DbCopy
{
    public static Command Create(CliContext cli)
    {
        var target = new Option<string>("--to-postgres")
        {
            Description = "目标 PostgreSQL 数据库的连接字符串（须为空库），例如 \"Host=127.0.0.1;Database=gongkai;Username=gongkai;Password=…\"",
            Required = true,
        };
        var command = new Command("copy", "把本安装的 SQLite 数据库复制到 PostgreSQL 并核对（各表行数、操作日志哈希链、检索索引）") { target };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async services =>
        {
            var copy = services.GetRequiredService<DatabaseCopy>();
            DatabaseCopyResult? result = null;
            await cli.Console().Progress().AutoClear(false).StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SynchronousProgress<CopyProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.Table, out var task))
                    {
                        task = tasks[p.Table] = context.AddTask(p.Table, maxValue: Math.Max(1, p.Total));
                    }
                    task.Value = p.Done;
                    if (p.Done >= p.Total)
                    {
                        task.Value = task.MaxValue;
                    }
                });
                result = await copy.ToPostgresAsync(parse.GetValue(target)!, progress, ct);
            });
            var table = new Table().AddColumns("表", "SQLite", "PostgreSQL", "");
            foreach (var t in result!.Tables)
            {
                table.AddRow(t.Table, $"{t.Source:N0}", $"{t.Target:N0}", t.Equal ? "一致" : "[red]不一致[/]");
            }
            cli.Console().Write(table);
            await cli.Output.WriteLineAsync(result.Audit.Intact
                ? $"操作日志完整：{result.Audit.Checked} 条事件，哈希链无断裂。"
                : $"操作日志校验未通过：{result.Audit.Problem}");
            await cli.Output.WriteLineAsync(result.Search.InAgreement
                ? $"检索索引与新数据库一致：已发布信息 {result.Search.DatabaseCount} 条，索引中 {result.Search.IndexCount} 条。"
                : $"检索索引与新数据库不一致：缺 {result.Search.Missing.Count} 条，多 {result.Search.Orphans.Count} 条（可在新库上运行 search rebuild）。");
            if (!result.Verified)
            {
                throw new DomainException("复制完成，但核对未通过（见上）。");
            }
            await cli.Output.WriteLineAsync($"已复制并核对，用时 {result.Took.TotalSeconds:0.0} 秒。各节点改用 PostgreSQL：Gongkai__Database__Provider=postgres，ConnectionStrings__Gongkai=（上面的连接字符串）。");
        }, ct));
        return command;
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

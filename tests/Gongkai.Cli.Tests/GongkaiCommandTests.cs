using Gongkai.Testing;
using Microsoft.Data.Sqlite;

namespace Gongkai.Cli.Tests;

public sealed class GongkaiCommandTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GongkaiCommand.RunAsync(["--data-path", _folder.Path, .. args], output, error, time: TestClock.Running());
        return (code, output.ToString(), error.ToString());
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "gongkai.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Db_migrate_creates_the_database_with_vocabularies_and_no_demo_data()
    {
        var (code, output, _) = await RunAsync("db", "migrate");
        Assert.Equal(0, code);
        Assert.Contains("数据库已是最新版本", output, StringComparison.Ordinal);
        Assert.True(Count("SELECT COUNT(*) FROM Terms") > 150);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM Records"));
    }

    [Fact]
    public async Task Demo_load_then_demo_remove_leaves_the_site_group_and_the_reference_record()
    {
        var (code, output, _) = await RunAsync("demo", "load", "--records", "80", "--seed", "3");
        Assert.Equal(0, code);
        Assert.Contains("信息 81 条", output, StringComparison.Ordinal);
        Assert.Equal(80, Count("SELECT COUNT(*) FROM Records WHERE IsDemo = 1"));
        Assert.Equal(5, Count("SELECT COUNT(*) FROM Sites"));

        (code, output, _) = await RunAsync("demo", "remove");
        Assert.Equal(0, code);
        Assert.Contains("已删除演示信息 80 条", output, StringComparison.Ordinal);
        Assert.Equal(1, Count("SELECT COUNT(*) FROM Records"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM Records WHERE IndexPrefix = '01404053X' AND IndexYear = 2020 AND IndexSerial = 390"));
    }

    [Fact]
    public async Task Loading_the_demo_twice_adds_records_without_duplicating_sites_or_the_reference_record()
    {
        Assert.Equal(0, (await RunAsync("demo", "load", "--records", "10")).Code);
        var (code, output, _) = await RunAsync("demo", "load", "--records", "10");
        Assert.Equal(0, code);
        Assert.Contains("新建机构 0 个、站点 0 个、信息 10 条", output, StringComparison.Ordinal);
        Assert.Equal(21, Count("SELECT COUNT(*) FROM Records"));
        Assert.Equal(21, Count("SELECT COUNT(DISTINCT IndexPrefix || IndexYear || '-' || IndexSerial) FROM Records"));
    }

    [Theory]
    [InlineData("demo load --records -1", "--records 应为 0 到 2,000,000 之间的整数，而不是“-1”。")]
    [InlineData("demo load --records 3000000", "--records 应为 0 到 2,000,000 之间的整数")]
    [InlineData("demo load --records 很多", "--records 应为 0 到 2,000,000 之间的整数，而不是“很多”。")]
    [InlineData("demo load --requests 100001", "--requests 应为 0 到 100,000 之间的整数")]
    [InlineData("users add-admin --user", "--user")]
    [InlineData("users add-admin --user aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "--user 最多 64 个字符。")]
    [InlineData("demo nosuchverb", "nosuchverb")]
    public async Task Bad_options_are_refused_in_chinese_before_anything_runs(string line, string expected)
    {
        var (code, output, error) = await RunAsync(line.Split(' '));
        Assert.Equal(1, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        // The parser's own messages are Chinese too (System.CommandLine's zh-Hans resources).
        Assert.Matches("[\u4e00-\u9fff]", error);
        Assert.DoesNotContain("已载入", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "gongkai.db")), "nothing ran, so no database was made");
    }

    [Fact]
    public async Task A_data_path_that_is_a_file_is_refused()
    {
        var file = Path.Combine(_folder.Path, "not-a-folder.txt");
        await File.WriteAllTextAsync(file, "x");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GongkaiCommand.RunAsync(["--data-path", file, "db", "migrate"], output, error, time: TestClock.Running());
        Assert.Equal(1, code);
        Assert.Contains("是一个文件，而不是目录", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_of_the_operation_layer_exits_with_two()
    {
        var (code, _, error) = await RunAsync("users", "add-admin", "--user", "张三");
        Assert.Equal(2, code);
        Assert.Contains("只能使用字母、数字和 - . _ @", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_check_finds_the_missing_records_and_search_rebuild_brings_agreement()
    {
        Assert.Equal(0, (await RunAsync("demo", "load", "--records", "40")).Code);

        // Nothing has applied the change log yet: check says what is missing and fails.
        var (code, output, error) = await RunAsync("search", "check");
        Assert.Equal(2, code);
        Assert.Contains("索引中缺失 41 条", output, StringComparison.Ordinal);
        Assert.Contains("不一致", error, StringComparison.Ordinal);

        (code, output, _) = await RunAsync("search", "rebuild");
        Assert.Equal(0, code);
        Assert.Contains("已重建检索索引：41 条", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync("search", "check");
        Assert.Equal(0, code);
        Assert.Contains("检索索引与数据库一致", output, StringComparison.Ordinal);
        Assert.Contains("索引中 41 条", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_copy_moves_the_installation_to_postgresql_and_verifies_it()
    {
        Assert.Equal(0, (await RunAsync("demo", "load", "--records", "30")).Code);
        Assert.Equal(0, (await RunAsync("search", "rebuild")).Code);
        using var target = new TempDataFolder();

        var (code, output, error) = await RunAsync("db", "copy", "--to-postgres", TestDatabase.ConnectionString(target.Path));
        Assert.True(code == 0, error);
        Assert.Contains("Records", output, StringComparison.Ordinal);
        Assert.Contains("操作日志完整", output, StringComparison.Ordinal);
        Assert.Contains("检索索引与新数据库一致：已发布信息 31 条", output, StringComparison.Ordinal);
        Assert.Contains("已复制并核对", output, StringComparison.Ordinal);
        Assert.DoesNotContain("不一致", output, StringComparison.Ordinal);

        (code, _, error) = await RunAsync("db", "copy", "--to-postgres", "Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Timeout=2");
        Assert.Equal(2, code);
        Assert.Contains("无法连接或迁移目标 PostgreSQL 数据库", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}

using Gongkai.Testing;
using Microsoft.Data.Sqlite;

namespace Gongkai.Cli.Tests;

public sealed class UsersAndAuditCommandTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private async Task<(int Code, string Output, string Error)> RunAsync(string? input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input ?? string.Empty);
        var code = await GongkaiCommand.RunAsync(["--data-path", _folder.Path, .. args], output, error, reader, TestClock.Running());
        return (code, output.ToString(), error.ToString());
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "gongkai.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task The_first_administrator_is_made_from_the_command_line_and_only_once()
    {
        var (code, output, _) = await RunAsync("guanli-mima-2026\n", "users", "add-admin", "--user", "chief", "--name", "站群管理员", "--password-stdin");
        Assert.Equal(0, code);
        Assert.Contains("已创建管理员 chief", output, StringComparison.Ordinal);
        Assert.DoesNotContain("guanli-mima-2026", output, StringComparison.Ordinal);

        (code, _, var error) = await RunAsync(null, "users", "add-admin", "--user", "second");
        Assert.Equal(2, code);
        Assert.Contains("已经有管理员", error, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(null, "users", "add-admin", "--user", "second", "--force");
        Assert.Equal(0, code);
        Assert.Matches("初始密码（只显示这一次，请登录后修改）：[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}!", output);
    }

    [Fact]
    public async Task A_weak_password_is_refused_in_chinese()
    {
        var (code, _, error) = await RunAsync("short\n", "users", "add-admin", "--user", "chief", "--password-stdin");
        Assert.Equal(2, code);
        Assert.Contains("密码至少需要10个字符", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_verify_passes_and_fails_after_one_audit_row_is_changed_in_the_database()
    {
        Assert.Equal(0, (await RunAsync("guanli-mima-2026\n", "users", "add-admin", "--user", "chief", "--password-stdin")).Code);
        var (code, output, _) = await RunAsync(null, "audit", "verify");
        Assert.Equal(0, code);
        Assert.Contains("操作日志完整：2 条事件", output, StringComparison.Ordinal);

        Execute("UPDATE AuditEvents SET ActorName = 'someone-else' WHERE Sequence = 1");
        (code, _, var error) = await RunAsync(null, "audit", "verify");
        Assert.Equal(2, code);
        Assert.Contains("第1条事件", error, StringComparison.Ordinal);
        Assert.Contains("被改动", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_out_administrator_is_let_back_in_from_the_server()
    {
        // Anyone can lock an account by failing to sign in as it (probe finding F11): the way back in
        // that no sign-in attempt can block is the command line on the server.
        Assert.Equal(0, (await RunAsync("guanli-mima-2026\n", "users", "add-admin", "--user", "chief", "--password-stdin")).Code);
        Execute("UPDATE AspNetUsers SET LockoutEnd = '2099-01-01 00:00:00+00:00', AccessFailedCount = 5 WHERE UserName = 'chief'");

        var (code, output, _) = await RunAsync(null, "users", "unlock", "--user", "chief");
        Assert.Equal(0, code);
        Assert.Contains("已解除 chief 的锁定", output, StringComparison.Ordinal);
        Assert.Equal("|0", Scalar("SELECT IFNULL(LockoutEnd, '') || '|' || AccessFailedCount FROM AspNetUsers WHERE UserName = 'chief'"));
        Assert.Equal("解除锁定", Core.Auditing.AuditActions.Label(Scalar("SELECT Action FROM AuditEvents ORDER BY Sequence DESC LIMIT 1")));
        Assert.Equal(0, (await RunAsync(null, "audit", "verify")).Code);

        (code, _, var error) = await RunAsync(null, "users", "unlock", "--user", "nobody");
        Assert.Equal(2, code);
        Assert.Contains("用户“nobody”不存在", error, StringComparison.Ordinal);
    }

    private string Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "gongkai.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return System.Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    public void Dispose() => _folder.Dispose();
}

public sealed class GeneratedPasswordTests
{
    [Fact]
    public void Every_generated_password_has_a_digit_and_enough_length()
    {
        for (var i = 0; i < 2000; i++)
        {
            var password = Gongkai.Application.Accounts.UserAdministration.GeneratePassword();
            Assert.Contains(password, char.IsDigit);
            Assert.True(password.Length >= 10);
        }
    }
}

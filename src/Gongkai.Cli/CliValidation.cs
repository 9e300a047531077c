using System.CommandLine;
using System.CommandLine.Parsing;

namespace Gongkai.Cli;

/// <summary>Checks of option values, answered in Chinese before anything runs (exit code 1, like every parse error).</summary>
internal static class CliValidation
{
    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/> (the bounds of the matching setting).</summary>
    public static Action<OptionResult> Range(int min, int max) => result =>
    {
        if (result.Implicit || result.Tokens.Count == 0)
        {
            return;
        }
        var text = result.Tokens[0].Value;
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            result.AddError($"{result.IdentifierToken?.Value ?? result.Option.Name} 应为 {min} 到 {max:N0} 之间的整数，而不是“{text}”。");
        }
    };

    /// <summary>A folder path: not an existing file, no control characters.</summary>
    public static void UsableFolder(OptionResult result)
    {
        if (result.Implicit || result.Tokens.Count == 0)
        {
            return;
        }
        var path = result.Tokens[0].Value;
        if (string.IsNullOrWhiteSpace(path) || path.Any(char.IsControl) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            result.AddError("--data-path 不是有效的目录路径。");
        }
        else if (File.Exists(path))
        {
            result.AddError($"--data-path 指向的“{path}”是一个文件，而不是目录。");
        }
    }

    /// <summary>The required <c>--user</c> option of the <c>users</c> verbs.</summary>
    public static Option<string> UserOption(string description) => new("--user")
    {
        Description = description, Required = true,
        Validators = { Text(Application.Accounts.UserAdministration.MaxUserNameLength) },
    };

    /// <summary>Not empty and at most <paramref name="max"/> characters.</summary>
    public static Action<OptionResult> Text(int max) => result =>
    {
        if (result.Implicit || result.Tokens.Count == 0)
        {
            return;
        }
        var text = result.Tokens[0].Value;
        if (string.IsNullOrWhiteSpace(text))
        {
            result.AddError($"{result.IdentifierToken?.Value ?? result.Option.Name} 不能为空。");
        }
        else if (text.Length > max)
        {
            result.AddError($"{result.IdentifierToken?.Value ?? result.Option.Name} 最多 {max} 个字符。");
        }
    };
}

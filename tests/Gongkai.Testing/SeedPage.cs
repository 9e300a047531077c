namespace Gongkai.Testing;

/// <summary>
/// The reference record page as published (Reference/seed-record.txt, a copy of the shared reference), read by the
/// tests independently of the product's own copy in data/demo, so that a mistake in that copy fails.
/// </summary>
public static class SeedPage
{
    /// <summary>The metadata table of the seed page, label → value, in page order.</summary>
    public static readonly IReadOnlyList<(string Label, string Value)> Metadata =
    [
        ("信息索引号", "01404053X/2020-00390"),
        ("生成日期", "2020-01-02"),
        ("公开日期", "2020-01-03"),
        ("文件编号", ""),
        ("公开时限", "长期公开"),
        ("发布机构", "江阴高新技术开发区管理委员会"),
        ("公开形式", "网站、文件、政府公报"),
        ("公开方式", "主动公开"),
        ("公开范围", "面向社会"),
        ("有效期", "长期"),
        ("公开程序", "部门编制,经办公室审核后公开"),
        ("体裁", "报告"),
        ("主题(一级)", "国民经济管理、国有资产监管"),
        ("主题(二级)", "宏观经济运行"),
        ("关键词", "规划,管理,开发区,总结"),
        ("效力状况", "有效"),
        ("文件下载", ""),
        ("内容概述", ""),
    ];

    public const string Title = "2020年,江阴高新区:争当创新先行军,勇当项目领跑者";

    public const string Url = "/xxgk/01404053X/2020-00390";

    /// <summary>The copy in this repository (tests/Gongkai.Testing/Reference), copied beside the test assemblies.</summary>
    public static string TextPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Reference", "seed-record.txt");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException(
                    $"The reference page {path} is missing: it is tests/Gongkai.Testing/Reference/seed-record.txt, copied to the output by Gongkai.Testing.csproj; rebuild the tests.");
        }
    }

    private static string[] Lines => File.ReadAllLines(TextPath);

    public static string Summary => Lines.Single(l => l.StartsWith("内容概述 ", StringComparison.Ordinal))["内容概述 ".Length..];

    /// <summary>The body paragraphs: the non-blank lines between the title and the 收藏 action, whitespace removed.</summary>
    public static IReadOnlyList<string> Paragraphs
    {
        get
        {
            var lines = Lines;
            var start = Array.IndexOf(lines, Title) + 1;
            var end = Array.FindIndex(lines, l => l.Trim().StartsWith("• 收藏", StringComparison.Ordinal));
            return lines[start..end].Select(Squeeze).Where(l => l.Length > 0).ToList();
        }
    }

    /// <summary>Text without any whitespace, for comparing what HTML rendering may reflow.</summary>
    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}

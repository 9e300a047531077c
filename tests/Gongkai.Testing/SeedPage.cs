namespace Gongkai.Testing;

/// <summary>
/// The reference record page as published (../shared/reference/seed-record.txt), read by the
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

    public static string TextPath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gongkai.slnx")))
            {
                dir = dir.Parent;
            }
            var path = dir is null ? null : Path.Combine(dir.FullName, "..", "shared", "reference", "seed-record.txt");
            return path is not null && File.Exists(path)
                ? path
                : throw new InvalidOperationException(
                    "The seed page ../shared/reference/seed-record.txt (beside the repository) is missing; the reference-page tests need it.");
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

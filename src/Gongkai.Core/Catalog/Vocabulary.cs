namespace Gongkai.Core.Catalog;

/// <summary>The controlled lists a record's metadata is chosen from.</summary>
public enum Vocabulary
{
    /// <summary>主题分类: two levels (一级 / 二级).</summary>
    Theme = 1,

    /// <summary>体裁.</summary>
    Genre = 2,

    /// <summary>公开形式 (several per record).</summary>
    DisclosureForm = 3,

    /// <summary>公开方式.</summary>
    DisclosureMethod = 4,

    /// <summary>公开范围.</summary>
    DisclosureScope = 5,

    /// <summary>公开时限.</summary>
    DisclosureTerm = 6,

    /// <summary>效力状况.</summary>
    EffectStatus = 7,
}

/// <summary>
/// One entry of a controlled list. Administrators rename, reorder, add and retire entries; the
/// label is what the public page shows. <see cref="Key"/> names the few entries the code itself
/// relies on (for example the effect status that counts as in force), so renaming a label never
/// changes behaviour.
/// </summary>
public sealed class Term
{
    public int Id { get; private set; }
    public Vocabulary Vocabulary { get; private set; }
    public string Label { get; private set; }
    public int? ParentId { get; private set; }
    public int SortOrder { get; private set; }
    public string? Key { get; private set; }
    public bool IsActive { get; private set; } = true;

    /// <summary>The longest label kept.</summary>
    public const int LabelMaxLength = 100;

    public Term(Vocabulary vocabulary, string label, int sortOrder, int? parentId = null, string? key = null)
    {
        Vocabulary = vocabulary;
        Label = Require.Text(label, "名称", LabelMaxLength);
        SortOrder = sortOrder;
        ParentId = parentId;
        Key = key;
    }

    public void Rename(string label) => Label = Require.Text(label, "名称", LabelMaxLength);

    public void MoveTo(int sortOrder) => SortOrder = sortOrder;

    /// <summary>A retired entry stays on the records that use it but is no longer offered.</summary>
    public void Retire() => IsActive = false;

    public void Restore() => IsActive = true;
}

/// <summary>Keys of the entries the code relies on (see <see cref="Term.Key"/>).</summary>
public static class TermKeys
{
    public const string InForce = "in-force";           // 效力状况 有效
    public const string Expired = "expired";            // 失效
    public const string Repealed = "repealed";          // 废止
    public const string Amended = "amended";            // 已修改
    public const string Proactive = "proactive";        // 公开方式 主动公开
    public const string OnRequest = "on-request";       // 依申请公开
    public const string Withheld = "withheld";          // 不予公开
    public const string Public = "public";              // 公开范围 面向社会
    public const string LongTerm = "long-term";         // 公开时限 长期公开
    public const string Interpretation = "interpretation"; // 体裁 解读 (政策解读 column)
    public const string Report = "report";              // 体裁 报告
}

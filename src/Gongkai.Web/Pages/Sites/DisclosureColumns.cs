using Gongkai.Core.Catalog;

namespace Gongkai.Web.Pages.Sites;

/// <summary>
/// The standard columns of a disclosure section, the same on every government site (vocab.md,
/// "Page conventions"), with the pinyin slugs Chinese sites use.
/// </summary>
public sealed record DisclosureColumn(string Slug, string Name, string Description, SectionColumn? Column)
{
    public static readonly IReadOnlyList<DisclosureColumn> All =
    [
        new("zn", "政府信息公开指南", "获取政府信息的方式、办理程序，公开工作机构的名称、地址、办公时间、联系电话。", SectionColumn.Guide),
        new("zd", "政府信息公开制度", "本机关政府信息公开工作的制度规定。", SectionColumn.Rules),
        new("fdzdgknr", "法定主动公开内容", "《条例》第二十条、第二十一条规定应当主动公开的政府信息，按主题分类列出。", null),
        new("ml", "政府信息公开目录", "本机关主动公开的全部政府信息，可按主题、体裁、发布机构、年份浏览。", SectionColumn.Catalog),
        new("nb", "政府信息公开年报", "本机关每年1月31日前公布的上一年度政府信息公开工作年度报告。", SectionColumn.AnnualReport),
        new("ysqgk", "依申请公开", "向本机关申请获取政府信息的方式和要求。", null),
        new("zcjd", "政策解读", "与政策文件同步发布的解读材料，与所解读的文件相互链接。", null),
    ];

    public static DisclosureColumn? Find(string? slug) => All.FirstOrDefault(c => c.Slug == slug);
}

using Gongkai.Application;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages.Sites;

/// <summary>
/// /{site}/xxgk/{column}: one standard column of the disclosure section. A column with nothing
/// in it says why, never shows a dead link.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPages.Policy)]
public sealed class ColumnModel(CatalogReader reader, TermDirectory terms, IOptions<GongkaiOptions> options) : PortalPageModel(options)
{
    public SiteInfo Site { get; private set; } = null!;

    public DisclosureColumn Column { get; private set; } = null!;

    public IReadOnlyList<RecordRow> Rows { get; private set; } = [];

    /// <summary>For 法定主动公开内容: first-level themes with their number of public records.</summary>
    public IReadOnlyList<FacetValue> Themes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string site, string column, CancellationToken cancellationToken)
    {
        var info = await reader.SiteAsync(site, cancellationToken);
        var definition = DisclosureColumn.Find(column);
        if (info is null || definition is null)
        {
            return NotFound();
        }
        if (definition.Slug == "ml")
        {
            return Redirect($"/{info.Slug}/xxgk/ml");
        }
        Site = CurrentSite = info;
        Column = definition;
        switch (definition.Slug)
        {
            case "fdzdgknr":
                Themes = (await reader.BrowseAsync(new CatalogQuery { Site = info.Slug, PageSize = 1 }, cancellationToken)).Themes;
                break;
            // Lists come from the search index, like the catalog (CatalogReader.BrowseAsync): by the
            // database, the newest hundred of a kind with few records (解读, 年报, 指南) meant reading
            // records until a hundred turned up, every public record for a column with a handful.
            case "zcjd":
                var snapshot = await terms.GetAsync(cancellationToken);
                var interpretation = snapshot.ByKey(Vocabulary.Genre, TermKeys.Interpretation);
                Rows = interpretation is null ? [] : (await reader.BrowseAsync(
                    new CatalogQuery { Site = info.Slug, Genre = interpretation.Label, PageSize = 100 }, cancellationToken)).Rows;
                break;
            case "ysqgk":
                break;
            default:
                if (definition.Column is SectionColumn listed)
                {
                    Rows = (await reader.BrowseAsync(new CatalogQuery { Site = info.Slug, Column = listed, PageSize = 100 }, cancellationToken)).Rows;
                }
                break;
        }
        PageTitle = $"{definition.Name} - {info.Name}";
        Breadcrumb.AddRange([new("首页", "/"), new(info.Name, $"/{info.Slug}/xxgk/"), new("信息公开", $"/{info.Slug}/xxgk/"), new(definition.Name)]);
        Meta.SiteIdCode = info.SiteIdCode;
        Meta.ColumnName = definition.Name;
        Meta.ColumnType = "政府信息公开";
        Meta.ColumnDescription = definition.Description;
        return Page();
    }

    /// <summary>Why the column is empty, in words a reader understands.</summary>
    public string EmptyNote => Column.Slug switch
    {
        "zn" => $"{Site.OrganizationName}尚未在本站发布政府信息公开指南。指南由本机关政府信息公开工作机构编制，发布后将在此显示；在此之前，可先浏览政府信息公开目录。",
        "zd" => $"{Site.OrganizationName}尚未在本站发布政府信息公开工作制度。相关制度发布后将在此显示。",
        "nb" => $"{Site.OrganizationName}尚未在本站发布政府信息公开工作年度报告。依据《中华人民共和国政府信息公开条例》第四十九条，年度报告于每年1月31日前向社会公布，发布后将在此显示。",
        "zcjd" => "本站尚未发布政策解读。政策解读与所解读的政策文件同步发布、相互链接，发布后将在此显示。",
        "fdzdgknr" => "本站目录暂无已公开的政府信息，信息发布后将按主题在此列出。",
        _ => "本栏目暂无内容。",
    };
}

using Gongkai.Application;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Infrastructure;

/// <summary>A breadcrumb step; the last one has no link.</summary>
public sealed record Crumb(string Label, string? Href = null);

/// <summary>
/// The meta tags read by government site aggregators (vocab.md, "Page conventions"): SiteName,
/// SiteIDCode, ColumnName, ColumnDescription, ColumnKeywords, ColumnType, ArticleTitle, PubDate
/// (YYYY-MM-DD HH:MM), ContentSource, Keywords.
/// </summary>
public sealed class GovernmentMeta
{
    public string? SiteIdCode { get; set; }
    public string? ColumnName { get; set; }
    public string? ColumnDescription { get; set; }
    public string? ColumnKeywords { get; set; }
    public string? ColumnType { get; set; }
    public string? ArticleTitle { get; set; }
    public string? PubDate { get; set; }
    public string? ContentSource { get; set; }
    public string? Keywords { get; set; }
    public string? Description { get; set; }
}

/// <summary>Base of the portal's pages: title, breadcrumb and meta tags for the layout.</summary>
public abstract class PortalPageModel(IOptions<GongkaiOptions> options) : PageModel
{
    public string SiteGroupName => options.Value.SiteGroupName;

    public string PageTitle { get; protected set; } = string.Empty;

    public List<Crumb> Breadcrumb { get; } = [];

    public GovernmentMeta Meta { get; } = new();

    /// <summary>The site whose section this page belongs to, for the header; null on group pages.</summary>
    public Application.Catalog.SiteInfo? CurrentSite { get; protected set; }

    /// <summary>
    /// Enters a page under a site's 依申请公开 (the form, the tracking page): its site, title and
    /// breadcrumb ending in <paramref name="crumb"/>. Null when the site does not exist.
    /// </summary>
    protected async Task<Application.Catalog.SiteInfo?> EnterRequestPageAsync(Application.Catalog.CatalogReader reader, string site, string title, string crumb,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var info = await reader.SiteAsync(site, cancellationToken);
        if (info is null)
        {
            return null;
        }
        CurrentSite = info;
        PageTitle = $"{title} - {info.Name}";
        Breadcrumb.AddRange([new("首页", "/"), new(info.Name, $"/{info.Slug}/xxgk/"), new("依申请公开", $"/{info.Slug}/xxgk/ysqgk"), new(crumb)]);
        return info;
    }
}

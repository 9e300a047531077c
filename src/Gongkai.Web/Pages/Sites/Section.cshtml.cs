using Gongkai.Application;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages.Sites;

/// <summary>/{site}/xxgk/: a site's disclosure section with the standard columns.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPages.Policy)]
public sealed class SectionModel(CatalogReader reader, IOptions<GongkaiOptions> options) : PortalPageModel(options)
{
    public SiteInfo Site { get; private set; } = null!;

    public IReadOnlyList<SiteInfo> SubSites { get; private set; } = [];

    public IReadOnlyList<RecordRow> Latest { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string site, CancellationToken cancellationToken)
    {
        var info = await reader.SiteAsync(site, cancellationToken);
        if (info is null)
        {
            return NotFound();
        }
        Site = CurrentSite = info;
        var sites = await reader.SitesAsync(cancellationToken);
        SubSites = sites.Where(s => s.ParentId == info.Id).ToList();
        Latest = await reader.LatestAsync(CatalogQueryResolver.SiteAndDescendants(info.Id, sites), 10, SectionColumn.Catalog, cancellationToken: cancellationToken);
        PageTitle = $"{info.Name}政府信息公开";
        Breadcrumb.AddRange([new("首页", "/"), new(info.Name, $"/{info.Slug}/xxgk/"), new("信息公开")]);
        Meta.SiteIdCode = info.SiteIdCode;
        Meta.ColumnName = "信息公开";
        Meta.ColumnType = "政府信息公开";
        Meta.ColumnDescription = $"{info.OrganizationName}政府信息公开专栏";
        return Page();
    }
}

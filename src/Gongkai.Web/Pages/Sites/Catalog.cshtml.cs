using Gongkai.Application;
using Gongkai.Application.Catalog;
using Gongkai.Web.Api;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages.Sites;

/// <summary>
/// /{site}/xxgk/ml: the catalog, browsed by the theme tree, genre, organization and year, newest
/// first. Filters are links (usable without JavaScript); each count is what clicking it gives.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPages.Policy)]
public sealed class CatalogModel(CatalogReader reader, IOptions<GongkaiOptions> options) : PortalPageModel(options)
{
    public SiteInfo Site { get; private set; } = null!;

    public CatalogPage Result { get; private set; } = null!;

    [FromQuery(Name = "theme")] public string? Theme { get; set; }
    [FromQuery(Name = "genre")] public string? Genre { get; set; }
    [FromQuery(Name = "organization")] public string? Organization { get; set; }
    [FromQuery(Name = "year")] public string? Year { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public async Task<IActionResult> OnGetAsync(string site, CancellationToken cancellationToken)
    {
        var info = await reader.SiteAsync(site, cancellationToken);
        if (info is null)
        {
            return NotFound();
        }
        Site = CurrentSite = info;
        Result = await reader.BrowseAsync(new CatalogQuery
        {
            Site = info.Slug,
            Theme = Theme,
            Genre = Genre,
            Organization = Organization,
            Year = QueryParsing.OptionalInt(Year, "year", "年份"),
            Page = QueryParsing.OptionalInt(PageNumber, "page", "页码") ?? 1,
        }, cancellationToken);
        PageTitle = $"政府信息公开目录 - {info.Name}";
        Breadcrumb.AddRange([new("首页", "/"), new(info.Name, $"/{info.Slug}/xxgk/"), new("信息公开", $"/{info.Slug}/xxgk/"), new("政府信息公开目录")]);
        Meta.SiteIdCode = info.SiteIdCode;
        Meta.ColumnName = "政府信息公开目录";
        Meta.ColumnType = "政府信息公开目录";
        Meta.ColumnDescription = $"{info.OrganizationName}政府信息公开目录";
        Meta.ColumnKeywords = "政府信息公开目录,主题分类,体裁分类,机构分类";
        return Page();
    }

    /// <summary>This catalog's URL with one filter changed (null removes it); the page goes back to 1.</summary>
    public string Link(string name, string? value)
    {
        var query = new Dictionary<string, string?>
        {
            ["theme"] = Theme,
            ["genre"] = Genre,
            ["organization"] = Organization,
            ["year"] = Year,
        };
        query[name] = value;
        return QueryHelpers.AddQueryString($"/{Site.Slug}/xxgk/ml",
            query.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
    }

    public string PageLink(int page)
    {
        var link = Link("page", null);
        return page == 1 ? link : QueryHelpers.AddQueryString(link, "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public bool HasFilters => !string.IsNullOrWhiteSpace(Theme) || !string.IsNullOrWhiteSpace(Genre)
        || !string.IsNullOrWhiteSpace(Organization) || !string.IsNullOrWhiteSpace(Year);
}

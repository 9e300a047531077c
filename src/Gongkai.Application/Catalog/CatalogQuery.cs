using Gongkai.Core;
using Gongkai.Core.Catalog;

namespace Gongkai.Application.Catalog;

/// <summary>
/// A catalog browse as the portal and the JSON API take it: vocabulary values by their Chinese
/// labels, the site by its slug. <see cref="Resolve"/> turns it into ids or says in Chinese what is wrong.
/// </summary>
public sealed record CatalogQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Offset pagination over the database is kept to the first 500 pages; beyond that a reader
    /// narrows the list with the filters (or searches). It bounds the cost of one request.
    /// </summary>
    public const int MaxPage = 500;

    public string? Site { get; init; }

    /// <summary>A first-level theme label, a unique second-level label, or "一级/二级".</summary>
    public string? Theme { get; init; }

    public string? Genre { get; init; }

    /// <summary>The publisher (发布机构) by full or short name.</summary>
    public string? Organization { get; init; }

    public int? Year { get; init; }

    /// <summary>The section column listed: the catalog (目录), or another column of the disclosure section (指南, 制度, 年报).</summary>
    public SectionColumn Column { get; init; } = SectionColumn.Catalog;

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
}

/// <summary>A <see cref="CatalogQuery"/> whose labels have been found.</summary>
public sealed record ResolvedCatalogQuery(
    SiteInfo? Site,
    IReadOnlyList<int>? SiteIds,
    Term? Theme,
    IReadOnlyList<int>? ThemeIds,
    Term? Genre,
    int? PublisherId,
    string? PublisherName,
    int? Year,
    int Page,
    int PageSize)
{
    public SectionColumn Column { get; init; } = SectionColumn.Catalog;
}

public static class CatalogQueryResolver
{
    public static ResolvedCatalogQuery Resolve(CatalogQuery query, IReadOnlyList<SiteInfo> sites, TermSnapshot terms,
        IReadOnlyList<(int Id, string FullName, string ShortName)> organizations)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(organizations);

        if (query.Page < 1 || query.Page > CatalogQuery.MaxPage)
        {
            throw new DomainException($"页码“{query.Page}”无效：应在1至{CatalogQuery.MaxPage}之间。需要更早的信息时，请按年份、主题或体裁筛选。");
        }
        if (query.PageSize < 1 || query.PageSize > CatalogQuery.MaxPageSize)
        {
            throw new DomainException($"每页条数“{query.PageSize}”无效：应在1至{CatalogQuery.MaxPageSize}之间。");
        }
        if (query.Year is int y && (y < 1949 || y >= 9999))
        {
            throw new DomainException($"年份“{y}”无效。");
        }

        SiteInfo? site = null;
        // Always constrained by site, even for "all sites": the catalog's covering index starts with it.
        IReadOnlyList<int>? siteIds = sites.Select(s => s.Id).ToList();
        if (!string.IsNullOrWhiteSpace(query.Site))
        {
            site = sites.FirstOrDefault(s => s.Slug == query.Site.Trim())
                   ?? throw new DomainException($"没有标识为“{query.Site.Trim()}”的站点。");
            siteIds = SiteAndDescendants(site.Id, sites);
        }

        Term? theme = null;
        IReadOnlyList<int>? themeIds = null;
        if (!string.IsNullOrWhiteSpace(query.Theme))
        {
            theme = FindTheme(query.Theme.Trim(), terms);
            themeIds = terms.ThemeAndDescendants(theme.Id);
        }

        Term? genre = null;
        if (!string.IsNullOrWhiteSpace(query.Genre))
        {
            genre = terms.ByLabel(Vocabulary.Genre, query.Genre.Trim())
                    ?? throw new DomainException($"没有名为“{query.Genre.Trim()}”的体裁。");
        }

        int? publisherId = null;
        string? publisherName = null;
        if (!string.IsNullOrWhiteSpace(query.Organization))
        {
            var name = query.Organization.Trim();
            var org = organizations.FirstOrDefault(o => o.FullName == name || o.ShortName == name);
            if (org == default)
            {
                throw new DomainException($"没有名为“{name}”的发布机构。");
            }
            publisherId = org.Id;
            publisherName = org.FullName;
        }

        return new ResolvedCatalogQuery(site, siteIds, theme, themeIds, genre, publisherId, publisherName,
            query.Year, query.Page, query.PageSize) { Column = query.Column };
    }

    public static IReadOnlyList<int> SiteAndDescendants(int siteId, IReadOnlyList<SiteInfo> sites)
    {
        var result = new List<int> { siteId };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(sites.Where(s => s.ParentId == result[i]).Select(s => s.Id));
        }
        return result;
    }

    /// <summary>The unambiguous way to name a theme in a URL: its label, or "一级/二级" at the second level.</summary>
    public static string ThemePath(Term theme, TermSnapshot terms)
    {
        ArgumentNullException.ThrowIfNull(theme);
        ArgumentNullException.ThrowIfNull(terms);
        return theme.ParentId is int parent ? $"{terms.Label(parent)}/{theme.Label}" : theme.Label;
    }

    private static Term FindTheme(string value, TermSnapshot terms)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var primary = terms.Roots(Vocabulary.Theme).FirstOrDefault(t => t.Label == value[..slash].Trim());
            var secondary = primary is null ? null : terms.Children(primary.Id).FirstOrDefault(t => t.Label == value[(slash + 1)..].Trim());
            return secondary ?? throw new DomainException($"没有名为“{value}”的主题。");
        }
        var root = terms.Roots(Vocabulary.Theme).FirstOrDefault(t => t.Label == value);
        if (root is not null)
        {
            return root;
        }
        var matches = terms.Of(Vocabulary.Theme).Where(t => t.ParentId is not null && t.Label == value).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new DomainException($"没有名为“{value}”的主题。"),
            _ => throw new DomainException($"主题“{value}”有多个，请写明一级主题，例如“{terms.Label(matches[0].ParentId!.Value)}/{value}”。"),
        };
    }
}

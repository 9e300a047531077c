using System.Globalization;
using Gongkai.Application;
using Gongkai.Application.Catalog;
using Gongkai.Application.Search;
using Gongkai.Core;
using Gongkai.Web.Api;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages.Search;

/// <summary>/search: full-text search with highlighted snippets, facets as filters, sorting, pages and an advanced form.</summary>
public sealed class IndexModel(SearchService search, CatalogReader catalog, IOptions<GongkaiOptions> options) : PortalPageModel(options)
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "scope")] public string? Scope { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "site")] public string? Site { get; set; }
    [FromQuery(Name = "theme")] public string? Theme { get; set; }
    [FromQuery(Name = "genre")] public string? Genre { get; set; }
    [FromQuery(Name = "year")] public string? Year { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "organization")] public string? Organization { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "agency")] public string? Agency { get; set; }
    [FromQuery(Name = "docYear")] public string? DocYear { get; set; }
    [FromQuery(Name = "docNo")] public string? DocNo { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public SearchResponse? Result { get; private set; }

    public IReadOnlyDictionary<string, string> SiteNames { get; private set; } = new Dictionary<string, string>();

    public bool Advanced => !string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(To) || !string.IsNullOrEmpty(Agency)
        || !string.IsNullOrEmpty(DocYear) || !string.IsNullOrEmpty(DocNo) || Scope == "title";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageTitle = string.IsNullOrWhiteSpace(Q) ? "站内检索" : $"{Q.Trim()} - 检索";
        Breadcrumb.AddRange([new("首页", "/"), new("站内检索")]);
        Meta.ColumnName = "站内检索";
        var sites = await catalog.SitesAsync(cancellationToken);
        SiteNames = sites.ToDictionary(s => s.Slug, s => s.Name);
        CurrentSite = string.IsNullOrEmpty(Site) ? null : sites.FirstOrDefault(s => s.Slug == Site);
        if (string.IsNullOrWhiteSpace(Q) && !Advanced && string.IsNullOrEmpty(Theme) && string.IsNullOrEmpty(Genre)
            && string.IsNullOrEmpty(Year) && string.IsNullOrEmpty(Status) && string.IsNullOrEmpty(Organization))
        {
            return;
        }
        Result = await search.SearchAsync(new SearchQuery
        {
            Text = Q,
            Scope = Scope == "title" ? SearchScope.TitleOnly : SearchScope.FullText,
            Sort = Sort == "date" ? SearchSort.Date : SearchSort.Relevance,
            Site = Site,
            Theme = Theme,
            Genre = Genre,
            Year = QueryParsing.OptionalInt(Year, "year", "年份"),
            EffectStatus = Status,
            Organization = Organization,
            From = Date(From, "from", "起始日期"),
            To = Date(To, "to", "截止日期"),
            DocumentAgency = Agency,
            DocumentYear = QueryParsing.OptionalInt(DocYear, "docYear", "文号年份"),
            DocumentSerial = QueryParsing.OptionalInt(DocNo, "docNo", "文号序号"),
            Page = QueryParsing.OptionalInt(PageNumber, "page", "页码") ?? 1,
        }, cancellationToken);
    }

    /// <summary>This search's URL with one parameter changed (null removes it); back to page 1.</summary>
    public string Link(string name, string? value)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q, ["scope"] = Scope, ["sort"] = Sort, ["site"] = Site, ["theme"] = Theme, ["genre"] = Genre,
            ["year"] = Year, ["status"] = Status, ["organization"] = Organization, ["from"] = From, ["to"] = To,
            ["agency"] = Agency, ["docYear"] = DocYear, ["docNo"] = DocNo,
        };
        query[name] = value;
        return QueryHelpers.AddQueryString("/search",
            query.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
    }

    public string PageLink(int page) => page == 1 ? Link("page", null) : QueryHelpers.AddQueryString(Link("page", null), "page", page.ToString(CultureInfo.InvariantCulture));

    public IReadOnlyList<FacetCount> Facet(string field) =>
        Result?.Facets.TryGetValue(field, out var values) == true ? values : [];

    private static DateOnly? Date(string? value, string name, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new DomainException($"参数 {name}（{label}）应为“年-月-日”格式的日期，例如 2020-01-03。");
    }
}

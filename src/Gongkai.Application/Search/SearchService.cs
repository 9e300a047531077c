using System.Globalization;
using Gongkai.Application.Catalog;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Application.Search;

namespace Gongkai.Application.Search;

/// <summary>A search as pages and the API take it: everything as text, checked here.</summary>
public sealed record SearchQuery
{
    public string? Text { get; init; }
    public string? Site { get; init; }

    /// <summary>A first-level theme label, a unique second-level label, or "一级/二级".</summary>
    public string? Theme { get; init; }

    public string? Genre { get; init; }
    public int? Year { get; init; }
    public string? EffectStatus { get; init; }
    public string? Organization { get; init; }
    public SearchScope Scope { get; init; } = SearchScope.FullText;
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? DocumentAgency { get; init; }
    public int? DocumentYear { get; init; }
    public int? DocumentSerial { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = SearchRequest.DefaultPageSize;
}

/// <summary>
/// Full-text search over public records: where a query from the portal's /search, GET /api/v1/search
/// and Word import's related-record suggestions goes. It checks the query and turns site and theme
/// names into ids (<see cref="SearchRequest"/>), then <see cref="QueryRunner.Search"/> runs it on this
/// node's current index (<see cref="IndexFolder"/>): <c>QueryBuilder</c> makes the clauses,
/// <c>TextSearch</c> finds, counts and facets the hits with the help of <see cref="SearchCaches"/>,
/// <c>SnippetHighlighter</c> marks the words. How the index is kept in step with the database is in
/// <c>Updating/</c>; docs/architecture.md ("Search") draws both paths.
/// </summary>
public sealed class SearchService(IndexFolder holder, CatalogReader catalog, TermDirectory termDirectory, TimeProvider time)
{
    public async Task<SearchResponse> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sites = await catalog.SitesAsync(cancellationToken).ConfigureAwait(false);
        var terms = await termDirectory.GetAsync(cancellationToken).ConfigureAwait(false);

        IReadOnlyList<string>? siteSlugs = null;
        if (!string.IsNullOrWhiteSpace(query.Site))
        {
            var site = sites.FirstOrDefault(s => s.Slug == query.Site.Trim())
                       ?? throw new DomainException($"没有标识为“{query.Site.Trim()}”的站点。");
            var ids = CatalogQueryResolver.SiteAndDescendants(site.Id, sites);
            siteSlugs = sites.Where(s => ids.Contains(s.Id)).Select(s => s.Slug).ToList();
        }
        string? primary = null, secondary = null;
        if (!string.IsNullOrWhiteSpace(query.Theme))
        {
            var resolved = CatalogQueryResolver.Resolve(new CatalogQuery { Theme = query.Theme }, sites, terms, []).Theme!;
            (primary, secondary) = resolved.ParentId is int parent ? (terms.Label(parent), resolved.Label) : (resolved.Label, null);
        }
        string? Label(string? value, Vocabulary vocabulary, string name) =>
            string.IsNullOrWhiteSpace(value) ? null
            : terms.ByLabel(vocabulary, value.Trim())?.Label ?? throw new DomainException($"没有名为“{value.Trim()}”的{name}。");
        // The same years as the year filter; beyond them a date cannot even be turned into an instant.
        foreach (var (date, name) in new[] { (query.From, "起始日期"), (query.To, "截止日期") })
        {
            if (date is DateOnly d && (d.Year < 1949 || d.Year > 9998))
            {
                throw new DomainException($"{name}（{d:yyyy-MM-dd}）超出范围，请填写1949年至9998年之间的日期。");
            }
        }
        if (query.From is DateOnly from && query.To is DateOnly to && from > to)
        {
            throw new DomainException($"起始日期（{from:yyyy-MM-dd}）晚于截止日期（{to:yyyy-MM-dd}）。");
        }
        if (query.Year is int year && (year < 1949 || year > 9998))
        {
            throw new DomainException($"年份“{year.ToString(CultureInfo.InvariantCulture)}”无效。");
        }

        var request = new SearchRequest
        {
            Text = query.Text,
            Scope = query.Scope,
            Sort = query.Sort,
            Sites = siteSlugs,
            ThemePrimary = primary,
            ThemeSecondary = secondary,
            Genre = Label(query.Genre, Vocabulary.Genre, "体裁"),
            EffectStatus = Label(query.EffectStatus, Vocabulary.EffectStatus, "效力状况"),
            Publisher = string.IsNullOrWhiteSpace(query.Organization) ? null : query.Organization.Trim(),
            Year = query.Year,
            PublishedFrom = query.From,
            PublishedTo = query.To,
            DocumentAgency = string.IsNullOrWhiteSpace(query.DocumentAgency) ? null : query.DocumentAgency.Trim(),
            DocumentYear = query.DocumentYear,
            DocumentSerial = query.DocumentSerial,
            Page = query.Page,
            PageSize = query.PageSize,
            NowUtc = time.GetUtcNow().UtcDateTime,
        };
        return QueryRunner.Search(holder.Index, request);
    }
}

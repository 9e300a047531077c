using Gongkai.Application.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Gongkai.Web.Infrastructure;

namespace Gongkai.Web.Api;

/// <summary>One hit of the search JSON; <c>snippet</c> and <c>title</c> carry the matches in &lt;em&gt;.</summary>
public sealed record SearchHitDto(string IndexNumber, string Title, string Url, DateOnly PublishedOn, string Snippet, string Site, string? DocumentNumber);

public sealed record FacetValueDto(string Value, int Count);

public sealed record SearchResultDto(
    IReadOnlyList<SearchHitDto> Hits, int Total, int Page, int PageSize, int PageCount,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValueDto>> Facets, IReadOnlyList<string> Notices);

/// <summary>GET /api/v1/search (DESIGN.md): the portal's search as JSON.</summary>
internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search", SearchAsync)
            .WithTags("检索")
            .WithName("Search")
            .WithSummary("全文检索公开的政府信息：命中的标题和摘要中检索词以 <em> 标出，并返回分类计数")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    internal static async Task<Ok<SearchResultDto>> SearchAsync(
        HttpContext http, SearchService search, string? q, string? site, string? theme, string? genre, string? year,
        string? status, string? organization, string? scope, string? sort, string? page, CancellationToken cancellationToken)
    {
        var result = await search.SearchAsync(new SearchQuery
        {
            Text = q,
            Site = site,
            Theme = theme,
            Genre = genre,
            Year = QueryParsing.OptionalInt(year, "year", "年份"),
            EffectStatus = status,
            Organization = organization,
            Scope = scope == "title" ? SearchScope.TitleOnly : SearchScope.FullText,
            Sort = sort == "date" ? SearchSort.Date : SearchSort.Relevance,
            Page = QueryParsing.OptionalInt(page, "page", "页码") ?? 1,
        }, cancellationToken);
        var origin = PublicUrls.Origin(http);
        return TypedResults.Ok(new SearchResultDto(
            result.Hits.Select(h => new SearchHitDto(h.IndexNumber, h.TitleHtml, origin + h.Url, h.PublishedOn, h.SnippetHtml, h.SiteName, h.DocumentNumber)).ToList(),
            result.Total, result.Page, result.PageSize, result.PageCount,
            result.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetValueDto>)f.Value.Select(v => new FacetValueDto(v.Value, v.Count)).ToList()),
            result.Notices));
    }
}

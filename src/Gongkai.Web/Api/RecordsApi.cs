using System.Globalization;
using Gongkai.Application.Catalog;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Gongkai.Web.Infrastructure;

namespace Gongkai.Web.Api;

/// <summary>One row of the catalog JSON.</summary>
public sealed record RecordSummaryDto(
    string IndexNumber, string Title, string Url, DateOnly GeneratedOn, DateOnly PublishedOn,
    string? DocumentNumber, string Publisher, string? EffectStatus, string Summary);

/// <summary>A page of the catalog JSON.</summary>
public sealed record RecordListDto(IReadOnlyList<RecordSummaryDto> Items, int Total, int Page, int PageSize, int PageCount);

/// <summary>The catalog and record JSON of the public contract (DESIGN.md).</summary>
internal static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/records").WithTags("目录");

        api.MapGet("/", ListAsync)
            .WithName("ListRecords")
            .WithSummary("政府信息公开目录：按站点、主题、体裁、年份筛选，按公开日期倒序分页")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .CacheOutput(PublicPages.Policy);

        api.MapGet("/{prefix}/{suffix}", GetAsync)
            .WithName("GetRecord")
            .WithSummary("按信息索引号取得一条政府信息，例如 01404053X/2020-00390")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheOutput(PublicPages.Policy);

        return app;
    }

    internal static async Task<Results<Ok<RecordListDto>, ProblemHttpResult>> ListAsync(
        HttpContext http, CatalogReader reader, string? site, string? theme, string? genre, string? organization,
        string? year, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        var query = new CatalogQuery
        {
            Site = site,
            Theme = theme,
            Genre = genre,
            Organization = organization,
            Year = QueryParsing.OptionalInt(year, "year", "年份"),
            Page = QueryParsing.OptionalInt(page, "page", "页码") ?? 1,
            PageSize = QueryParsing.OptionalInt(pageSize, "pageSize", "每页条数") ?? CatalogQuery.DefaultPageSize,
        };
        var result = await reader.BrowseAsync(query, cancellationToken);
        var items = result.Rows.Select(r => new RecordSummaryDto(r.IndexNumber, r.Title, Absolute(http, r.Url),
            r.GeneratedOn, r.PublishedOn, r.DocumentNumber, r.Publisher, r.EffectStatus, r.Summary)).ToList();
        return TypedResults.Ok(new RecordListDto(items, result.Total, result.Query.Page, result.Query.PageSize, result.PageCount));
    }

    internal static async Task<Results<Ok<RecordDto>, ProblemHttpResult>> GetAsync(
        HttpContext http, CatalogReader reader, string prefix, string suffix, CancellationToken cancellationToken)
    {
        if (!IndexNumber.TryParse(prefix, suffix, out var number, out var error))
        {
            return TypedResults.Problem(detail: error, statusCode: StatusCodes.Status404NotFound, title: "未找到该信息");
        }
        var page = await reader.RecordAsync(number.Value, cancellationToken);
        if (page is null)
        {
            return TypedResults.Problem(detail: $"索引号为 {number} 的政府信息不存在或尚未公开。",
                statusCode: StatusCodes.Status404NotFound, title: "未找到该信息");
        }
        PublicPages.Shows(http, [RecordUrls.Record(number.Value)]);
        var dto = page.Record with
        {
            Url = Absolute(http, page.Record.Url),
            Attachments = page.Record.Attachments.Select(a => a with { Url = Absolute(http, a.Url) }).ToList(),
        };
        return TypedResults.Ok(dto);
    }

    private static string Absolute(HttpContext http, string path) => PublicUrls.Absolute(http, path);
}

/// <summary>Query-string parsing that answers bad input with a Chinese 400, never a 500.</summary>
internal static class QueryParsing
{
    public static int? OptionalInt(string? value, string name, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }
        throw new DomainException($"参数 {name}（{label}）应为正整数，收到的是“{Truncate(value)}”。");
    }

    private static string Truncate(string value) => value.Length > 40 ? value[..40] + "…" : value;
}

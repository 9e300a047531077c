using Gongkai.Application.Reports;
using Gongkai.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Gongkai.Web.Infrastructure;

namespace Gongkai.Web.Api;

/// <summary>
/// The public statistics as data: every chart of /statistics as JSON (/api/v1/statistics) and each
/// as CSV (/statistics/{chart}.csv), for the same year and organization.
/// </summary>
internal static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/statistics", GetAsync)
            .WithTags("统计")
            .WithName("Statistics")
            .WithSummary("某年度（year，默认今年）全部单位或某单位（org）的统计：主动公开信息数、超时公开占比、依申请公开办理结果、按期答复率、平均答复用时")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .CacheOutput(PublicPages.Policy);
        app.MapGet("/statistics/{chart}.csv", CsvAsync)
            .WithTags("统计")
            .WithName("StatisticsCsv")
            .WithSummary("一张统计图的数据（CSV，UTF-8）")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheOutput(PublicPages.Policy);
        return app;
    }

    internal static async Task<Ok<StatisticsView>> GetAsync(Statistics statistics, TimeProvider time, string? year, string? org, CancellationToken cancellationToken) =>
        TypedResults.Ok(await BuildAsync(statistics, time, year, org, cancellationToken));

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CsvAsync(Statistics statistics, TimeProvider time, string chart, string? year, string? org,
        CancellationToken cancellationToken)
    {
        var view = await BuildAsync(statistics, time, year, org, cancellationToken);
        if (view[chart] is not Chart found)
        {
            return TypedResults.Problem(title: "没有这张统计图", detail: $"没有名为“{chart}”的统计图，可选：{string.Join("、", view.Charts.Select(c => c.Key))}。",
                statusCode: StatusCodes.Status404NotFound);
        }
        return TypedResults.File(Statistics.Csv(found), "text/csv; charset=utf-8", $"{found.Key}-{view.Year}.csv");
    }

    private static Task<StatisticsView> BuildAsync(Statistics statistics, TimeProvider time, string? year, string? org, CancellationToken cancellationToken)
    {
        var y = QueryParsing.OptionalInt(year, "year", "年份") ?? ChinaTime.DateOf(time.GetUtcNow().UtcDateTime).Year;
        var o = QueryParsing.OptionalInt(org, "org", "单位编号");
        return statistics.BuildAsync(y, o, cancellationToken);
    }
}

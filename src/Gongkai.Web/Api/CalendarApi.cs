using System.Globalization;
using Gongkai.Core;
using Gongkai.Core.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongkai.Web.Api;

public sealed record SkippedDayDto(DateOnly Date, string Reason);

public sealed record WorkingDaysDto(DateOnly From, int Days, DateOnly Due, IReadOnlyList<SkippedDayDto> Skipped, IReadOnlyList<DateOnly> MakeUpWorkdays);

/// <summary>
/// The public working-day calculator: the same <see cref="WorkingDayCalendar"/> the platform's
/// deadlines use, so anyone can check how a due date was computed.
/// </summary>
internal static class CalendarApi
{
    public const int MaxDays = 366;

    /// <summary>The years a working-day count is asked about: no notice exists outside them, and 9999 would overflow.</summary>
    public const int MinYear = 1949;
    public const int MaxYear = 2100;

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/calendar/add-working-days", AddWorkingDays)
            .WithTags("工作日")
            .WithName("AddWorkingDays")
            .WithSummary("自 from 的次日起计算 days 个工作日后的日期，并列出跳过的日期及原因（周末、节假日）和调休上班日")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    internal static Ok<WorkingDaysDto> AddWorkingDays(WorkingDayCalendar calendar, string? from, string? days)
    {
        if (string.IsNullOrWhiteSpace(from) || !DateOnly.TryParseExact(from.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            throw new DomainException("参数 from 应为“年-月-日”格式的日期，例如 2026-03-02。");
        }
        if (start.Year is < MinYear or > MaxYear)
        {
            throw new DomainException($"参数 from 应在{MinYear}年至{MaxYear}年之间。");
        }
        var count = QueryParsing.OptionalInt(days, "days", "工作日数") ?? throw new DomainException("请提供参数 days（工作日数）。");
        if (count > MaxDays)
        {
            throw new DomainException($"参数 days 不能超过 {MaxDays}。");
        }
        var result = calendar.AddWorkingDays(start, count);
        return TypedResults.Ok(new WorkingDaysDto(result.From, result.Days, result.Due,
            result.Skipped.Select(s => new SkippedDayDto(s.Date, s.Reason)).ToList(),
            result.MakeUpWorkdays.Select(m => m.Date).ToList()));
    }
}

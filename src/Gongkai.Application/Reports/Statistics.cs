using System.Globalization;
using Gongkai.Application.Catalog;
using Gongkai.Core;
using Gongkai.Core.Calendar;
using Gongkai.Core.Catalog;
using Gongkai.Core.Reports;
using Gongkai.Core.Requests;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MiniExcelLibs;

namespace Gongkai.Application.Reports;

/// <summary>How a chart is drawn; the data table and the CSV are the same for every kind.</summary>
public enum ChartKind
{
    Bar,
    StackedBar,
    Line,
    Pie,
}

/// <summary>One series of a chart: a name and one value per category (null when there is nothing to measure).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// A chart with its data: drawn by ECharts in the browser, and given as a table (for screen readers
/// and anyone without scripts) and as CSV.
/// </summary>
public sealed record Chart(string Key, string Title, ChartKind Kind, string CategoryName, IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series, string Unit, string? Note = null);

/// <summary>The statistics of a year for the site group or one organization.</summary>
public sealed record StatisticsView(int Year, int? OrganizationId, string Scope, IReadOnlyList<Chart> Charts)
{
    public Chart? this[string key] => Charts.FirstOrDefault(c => c.Key == key);
}

/// <summary>Per 承办部门, for the console: how the office's departments answered.</summary>
public sealed record DepartmentFigures(string Department, int Answered, int OnTime, double? AverageWorkingDays, int Open);

/// <summary>A record published later than 条例 Art. 26 allows.</summary>
public sealed record LateRecord(string Title, string? IndexNumber, string? Url, DateOnly GeneratedOn, DateOnly PublishedOn);

/// <summary>
/// 统计: figures of the platform's own data by month — records published by organization and by theme,
/// the share published later than 条例 Art. 26 allows, request outcomes, the on-time answer rate and
/// the average working days to answer. Only public records count; requests count as aggregates, with
/// nothing of the applicants.
/// </summary>
public sealed class Statistics(GongkaiDbContext db, WorkingDayCalendar calendar, TermDirectory terms, TimeProvider time, IMemoryCache cache)
{
    /// <summary>
    /// How long a year's figures are reused: the page is public and each build reads a year of
    /// records and cases, so a burst of visitors costs one build a minute, not one each.
    /// </summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public static readonly IReadOnlyList<string> Months = Enumerable.Range(1, 12).Select(m => $"{m}月").ToList();

    /// <summary>The outcome groups of table 3 (（一）…（六）), as the request-outcome chart shows them.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> OutcomeGroups =
    [
        ("disclosed", "予以公开"), ("partly", "部分公开"), ("withheld", "不予公开"), ("unavailable", "无法提供"), ("not-handled", "不予处理"), ("other", "其他处理"),
    ];

    public async Task<StatisticsView> BuildAsync(int year, int? organizationId, CancellationToken cancellationToken = default)
    {
        if (year is < 2008 or > 2100)
        {
            throw new DomainException("年份无效，请填写2008年至2100年之间的年份。");
        }
        var key = (nameof(Statistics), year, organizationId);
        if (cache.TryGetValue(key, out StatisticsView? cached) && cached is not null)
        {
            return cached;
        }
        var view = await ComputeAsync(year, organizationId, cancellationToken).ConfigureAwait(false);
        cache.Set(key, view, CacheFor);
        return view;
    }

    private async Task<StatisticsView> ComputeAsync(int year, int? organizationId, CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.ShortName, o.FullName })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var scope = "全部单位";
        if (organizationId is int only)
        {
            scope = organizations.FirstOrDefault(o => o.Id == only)?.FullName ?? throw new DomainException("该单位不存在。");
            organizations = organizations.Where(o => o.Id == only).ToList();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var start = ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1));
        var end = ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 1, 1));
        var records = await db.Records.AsNoTracking()
            .Where(r => r.State == RecordState.Published && r.PublishedAtUtc <= now && r.PublishedAtUtc >= start && r.PublishedAtUtc < end && r.Column == SectionColumn.Catalog)
            .Where(r => organizationId == null || r.PublisherId == organizationId)
            .Select(r => new { r.PublisherId, r.ThemeId, r.PublishedOn, r.PublishedLate })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var cases = await db.RequestCases.AsNoTracking()
            .Where(c => c.AnsweredOn != null && c.AnsweredOn.Value.Year == year)
            .Where(c => organizationId == null || c.OrganizationId == organizationId)
            .Select(c => new { c.Outcome, c.AnsweredOn, Inputs = c.DeadlineInputs })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var t = await terms.GetAsync(cancellationToken).ConfigureAwait(false);

        static int Month(DateOnly? d) => d!.Value.Month - 1;
        // Each record's month and first-level theme, looked up once.
        var rows = records.Select(r => (r.PublisherId, Month: Month(r.PublishedOn), Theme: t.ThemeLevels(r.ThemeId).Primary.Label, r.PublishedLate)).ToList();

        // Records per month by organization.
        var perOrganization = rows.ToLookup(r => r.PublisherId);
        var byOrganization = organizations
            .Select(o => new ChartSeries(o.ShortName, Count12(perOrganization[o.Id].Select(r => r.Month))))
            .Where(s => s.Values.Any(v => v > 0) || organizationId is not null)
            .ToList();

        // Records by first-level theme, most first.
        var byTheme = rows.GroupBy(r => r.Theme)
            .Select(g => (Theme: g.Key, Count: g.Count())).OrderByDescending(x => x.Count).ThenBy(x => x.Theme, StringComparer.Ordinal).ToList();

        // Records per month by first-level theme: the six largest themes, the rest together.
        var topThemes = byTheme.Take(6).Select(x => x.Theme).ToList();
        var perTheme = rows.ToLookup(r => r.Theme, StringComparer.Ordinal);
        var byThemeMonth = topThemes.Select(theme => new ChartSeries(theme, Count12(perTheme[theme].Select(r => r.Month)))).ToList();
        if (byTheme.Count > topThemes.Count)
        {
            byThemeMonth.Add(new ChartSeries("其他主题", Count12(rows.Where(r => !topThemes.Contains(r.Theme)).Select(r => r.Month))));
        }

        // Art. 26: share late per month among the records judged.
        var late = Enumerable.Range(0, 12).Select(m =>
        {
            var judged = rows.Where(r => r.Month == m && r.PublishedLate is not null).ToList();
            return judged.Count == 0 ? (double?)null : Math.Round(100.0 * judged.Count(r => r.PublishedLate == true) / judged.Count, 1);
        }).ToList();

        // Requests: outcome groups; on time and working days per month.
        var measured = cases.Select(c => (c.Outcome, c.AnsweredOn,
            OnTime: Deadline.AnsweredOnTime(calendar, c.Inputs, c.AnsweredOn!.Value),
            Days: Deadline.WorkingDaysTaken(calendar, c.Inputs, c.AnsweredOn!.Value))).ToList();
        var outcomes = OutcomeGroups.Select(g => (double?)measured.Count(c => c.Outcome is RequestOutcome o && GroupOf(o) == g.Key)).ToList();
        var onTimeRate = Enumerable.Range(0, 12).Select(m =>
        {
            var judged = measured.Where(c => Month(c.AnsweredOn) == m && c.OnTime is not null).ToList();
            return judged.Count == 0 ? (double?)null : Math.Round(100.0 * judged.Count(c => c.OnTime == true) / judged.Count, 1);
        }).ToList();
        var answeredPerMonth = Enumerable.Range(0, 12).Select(m => (double?)measured.Count(c => Month(c.AnsweredOn) == m)).ToList();
        var averageDays = Enumerable.Range(0, 12).Select(m =>
        {
            var days = measured.Where(c => Month(c.AnsweredOn) == m && c.Days is not null).Select(c => c.Days!.Value).ToList();
            return days.Count == 0 ? (double?)null : Math.Round(days.Average(), 1);
        }).ToList();

        var judgedRecords = records.Count(r => r.PublishedLate is not null);
        var judgedCases = measured.Count(c => c.OnTime is not null);
        var allDays = measured.Where(c => c.Days is not null).Select(c => c.Days!.Value).ToList();
        IReadOnlyList<Chart> charts =
        [
            new("records-by-month", $"{year}年各月主动公开信息数（按单位）", ChartKind.StackedBar, "月份", Months, byOrganization, "条",
                $"全年{records.Count}条。"),
            new("records-by-theme", $"{year}年主动公开信息数（按主题合计）", ChartKind.Bar, "主题", byTheme.Select(x => x.Theme).ToList(),
                [new ChartSeries("信息数", byTheme.Select(x => (double?)x.Count).ToList())], "条"),
            new("records-by-theme-month", $"{year}年各月主动公开信息数（按主题）", ChartKind.StackedBar, "月份", Months, byThemeMonth, "条",
                byTheme.Count > topThemes.Count ? "信息最多的六个主题分列，其余合为“其他主题”。" : null),
            new("late-share", $"{year}年各月超过条例第二十六条时限公开的信息占比", ChartKind.Line, "月份", Months,
                [new ChartSeries("超时公开占比", late)], "%",
                judgedRecords == 0 ? "本年没有可判定的信息。" : $"全年可判定{judgedRecords}条，超时{records.Count(r => r.PublishedLate == true)}条，占{ReportDrafts.Share(records.Count(r => r.PublishedLate == true), judgedRecords)}。"),
            new("request-outcomes", $"{year}年依申请公开办理结果", ChartKind.Pie, "办理结果", OutcomeGroups.Select(g => g.Label).ToList(),
                [new ChartSeries("件数", outcomes)], "件", $"全年答复{cases.Count}件。"),
            new("on-time-rate", $"{year}年各月依申请公开按期答复率", ChartKind.Line, "月份", Months,
                [new ChartSeries("按期答复率", onTimeRate)], "%",
                judgedCases == 0 ? "本年没有可判定的答复。" : $"全年按期答复{measured.Count(c => c.OnTime == true)}件，占可判定答复{judgedCases}件的{ReportDrafts.Share(measured.Count(c => c.OnTime == true), judgedCases)}。"),
            new("answer-days", $"{year}年各月平均答复用时（工作日）", ChartKind.Line, "月份", Months,
                [new ChartSeries("平均工作日", averageDays), new ChartSeries("答复件数", answeredPerMonth)], "个工作日",
                (allDays.Count == 0 ? "本年没有可计算用时的答复。" : $"全年平均{Math.Round(allDays.Average(), 1).ToString(CultureInfo.InvariantCulture)}个工作日。")
                + "用时自收到申请（补正的自收到补正）次日起计，不计征求意见等暂停期间。"),
        ];
        return new StatisticsView(year, organizationId, scope, charts);
    }

    /// <summary>How many of the months (0–11) fall in each month.</summary>
    private static List<double?> Count12(IEnumerable<int> months)
    {
        var counts = new double?[12];
        Array.Fill(counts, 0);
        foreach (var m in months)
        {
            counts[m]++;
        }
        return [.. counts];
    }

    /// <summary>For the console: per 承办部门 of an organization, answered, on time, average working days, still open.</summary>
    public async Task<IReadOnlyList<DepartmentFigures>> DepartmentsAsync(int organizationId, int year, CancellationToken cancellationToken = default)
    {
        var cases = await db.RequestCases.AsNoTracking().Where(c => c.OrganizationId == organizationId && c.ReceivedOn != null)
            .Select(c => new { c.AssignedDepartment, c.AnsweredOn, Inputs = c.DeadlineInputs })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return cases.GroupBy(c => c.AssignedDepartment ?? "未分办").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var answered = g.Where(c => c.AnsweredOn?.Year == year).ToList();
            var onTime = answered.Count(c => Deadline.AnsweredOnTime(calendar, c.Inputs, c.AnsweredOn!.Value) == true);
            var days = answered.Select(c => Deadline.WorkingDaysTaken(calendar, c.Inputs, c.AnsweredOn!.Value)).Where(d => d is not null).Select(d => d!.Value).ToList();
            return new DepartmentFigures(g.Key, answered.Count, onTime, days.Count == 0 ? null : Math.Round(days.Average(), 1), g.Count(c => c.AnsweredOn is null));
        }).ToList();
    }

    /// <summary>For the console: the organization's records of the year published later than 条例 Art. 26 allows.</summary>
    public async Task<IReadOnlyList<LateRecord>> LateRecordsAsync(int organizationId, int year, CancellationToken cancellationToken = default)
    {
        var start = ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1));
        var end = ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 1, 1));
        var rows = await db.Records.AsNoTracking()
            .Where(r => r.PublisherId == organizationId && r.State == RecordState.Published && r.PublishedLate == true && r.PublishedAtUtc >= start && r.PublishedAtUtc < end)
            .OrderBy(r => r.PublishedAtUtc)
            .Select(r => new { r.Title, r.IndexPrefix, r.IndexYear, r.IndexSerial, r.GeneratedOn, r.PublishedOn })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.IndexSerial is int serial
            ? new LateRecord(r.Title, IndexNumber.Create(r.IndexPrefix!, r.IndexYear!.Value, serial).ToString(), RecordUrls.Record(r.IndexPrefix!, r.IndexYear!.Value, serial), r.GeneratedOn, r.PublishedOn!.Value)
            : new LateRecord(r.Title, null, null, r.GeneratedOn, r.PublishedOn!.Value)).ToList();
    }

    /// <summary>Table 3's outcome group (（一）…（六）) of an outcome.</summary>
    public static string GroupOf(RequestOutcome outcome)
    {
        var leaf = RequestTable.Rows.Single(r => r.Outcome == outcome).Key;
        return RequestTable.Rows.FirstOrDefault(r => r.Key != "total" && r.Sum?.Contains(leaf) == true)?.Key ?? leaf;
    }

    /// <summary>A chart's data as CSV (UTF-8 with BOM, so that spreadsheet programs read the Chinese): the category, then one column per series.</summary>
    public static byte[] Csv(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var rows = chart.Categories.Select((category, i) =>
        {
            var row = new Dictionary<string, object?> { [chart.CategoryName] = category };
            foreach (var series in chart.Series)
            {
                row[series.Name] = series.Values[i];
            }
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        stream.Write([0xEF, 0xBB, 0xBF]);
        stream.SaveAs(rows, excelType: ExcelType.CSV);
        return stream.ToArray();
    }
}

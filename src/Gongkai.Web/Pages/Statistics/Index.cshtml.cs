using System.Globalization;
using Gongkai.Application;
using Gongkai.Application.Reports;
using Gongkai.Core;
using Gongkai.Application.Catalog;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages.Statistics;

/// <summary>
/// /statistics: the public statistics of a year for the site group or one organization — records
/// published, Art. 26 timeliness, request outcomes, on-time answers, working days to answer — as
/// charts with data tables, each downloadable as CSV (/statistics/{chart}.csv, see StatisticsApi).
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPages.Policy)]
public sealed class IndexModel(Application.Reports.Statistics statistics, CatalogReader catalog, TimeProvider time, IOptions<GongkaiOptions> options) : PortalPageModel(options)
{
    [FromQuery(Name = "year")] public string? YearText { get; set; }
    [FromQuery(Name = "org")] public string? OrganizationText { get; set; }

    public StatisticsView? View { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];
    public int Year { get; private set; }
    public int? Organization { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageTitle = "数据统计";
        Breadcrumb.Add(new Crumb("首页", "/"));
        Breadcrumb.Add(new Crumb("数据统计", null));
        Organizations = (await catalog.OrganizationsAsync(cancellationToken)).Select(o => (o.Id, o.FullName)).ToList();
        var thisYear = ChinaTime.DateOf(time.GetUtcNow().UtcDateTime).Year;
        Years = Enumerable.Range(2018, thisYear - 2018 + 1).Reverse().ToList();
        if (!TryRead(YearText, thisYear, out var year) || year is < 2008 or > 2100)
        {
            return Invalid($"年份“{YearText}”无效，请选择2008年至2100年之间的年份。", thisYear);
        }
        Year = year;
        if (!string.IsNullOrWhiteSpace(OrganizationText))
        {
            if (!int.TryParse(OrganizationText, NumberStyles.None, CultureInfo.InvariantCulture, out var org) || Organizations.All(o => o.Id != org))
            {
                return Invalid("所选单位不存在，请从列表中选择。", year);
            }
            Organization = org;
        }
        View = await statistics.BuildAsync(Year, Organization, cancellationToken);
        return Page();
    }

    /// <summary>The CSV link of a chart, with the same year and organization.</summary>
    public string CsvUrl(string chart) => $"/statistics/{chart}.csv?year={Year}" + (Organization is int o ? $"&org={o}" : "");

    private PageResult Invalid(string message, int year)
    {
        Error = message;
        Year = year;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static bool TryRead(string? text, int fallback, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}

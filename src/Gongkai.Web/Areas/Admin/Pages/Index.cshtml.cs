using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Areas.Admin.Pages;

public sealed record ConsoleRow(long Id, string Title, string Organization, string StateLabel, string? IndexNumber, DateTime UpdatedAtUtc, DateTime? PublishAtUtc);

/// <summary>
/// 信息管理: the records of the organizations the person works for, by workflow state,
/// organization and theme, with a title search.
/// </summary>
public sealed class IndexModel(GongkaiDbContext db, TermDirectory terms, Application.Reports.AnnualReports reports, Application.Setup.HolidayAdministration holidays) : ConsolePageModel
{
    /// <summary>For administrators: a holiday notice to import (this year's, or from 1 November next year's).</summary>
    public Application.Setup.HolidayNoticeReminder? HolidayReminder { get; private set; }

    /// <summary>Last year's annual reports not yet published (条例 Art. 49), shown from 1 January until each is.</summary>
    public IReadOnlyList<Application.Reports.ReportReminder> Reminders { get; private set; } = [];

    public const int PageSize = 30;

    /// <summary>The state tabs: key, label.</summary>
    public static readonly (string Key, string Label)[] States =
    [
        ("", "全部"), ("editing", "草稿"), ("submitted", "待审核"), ("returned", "退回"), ("approved", "已审核（待发布）"),
        ("published", "已发布"), ("withdrawn", "已撤回"),
    ];

    public string State { get; private set; } = string.Empty;
    public int? Organization { get; private set; }
    public int? Theme { get; private set; }
    public string? Query { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public IReadOnlyList<ConsoleRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    public IReadOnlyList<(int Id, string Name)> Organizations { get; private set; } = [];
    public TermSnapshot Terms { get; private set; } = null!;

    public async Task OnGetAsync(string? state, int? org, int? theme, string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        Reminders = await reports.RemindersAsync(Actor, cancellationToken);
        HolidayReminder = holidays.Reminder(Actor);
        State = States.Any(s => s.Key == state) ? state ?? string.Empty : string.Empty;
        Theme = theme;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        PageNumber = Math.Max(1, page);
        Terms = await terms.GetAsync(cancellationToken);
        var visible = Permissions.Organizations(Actor.Grants, Operation.ViewDrafts).ToList();
        Organization = org is int o && visible.Contains(o) ? o : null;
        var organizations = await db.Organizations.AsNoTracking().Where(x => visible.Contains(x.Id)).OrderBy(x => x.Id)
            .Select(x => new { x.Id, x.FullName }).ToListAsync(cancellationToken);
        Organizations = organizations.Select(x => (x.Id, x.FullName)).ToList();

        var records = db.Records.AsNoTracking().Where(r => visible.Contains(r.PublisherId));
        if (Organization is int orgId)
        {
            records = records.Where(r => r.PublisherId == orgId);
        }
        if (Theme is int themeId)
        {
            var themeIds = Terms.ThemeAndDescendants(themeId).ToList();
            records = records.Where(r => themeIds.Contains(r.ThemeId));
        }
        if (Query is not null)
        {
            var text = Query;
            records = records.Where(r => r.Title.Contains(text) || r.DocumentNumber == text);
        }
        var open = db.Revisions.Where(v => v.State != RevisionState.Published && v.State != RevisionState.Discarded);
        var counts = new Dictionary<string, int>
        {
            ["editing"] = await records.CountAsync(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Editing), cancellationToken),
            ["submitted"] = await records.CountAsync(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Submitted), cancellationToken),
            ["returned"] = await records.CountAsync(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Returned), cancellationToken),
            ["approved"] = await records.CountAsync(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Approved), cancellationToken),
            ["published"] = await records.CountAsync(r => r.State == RecordState.Published, cancellationToken),
            ["withdrawn"] = await records.CountAsync(r => r.State == RecordState.Withdrawn, cancellationToken),
        };
        Counts = counts;
        records = State switch
        {
            "editing" => records.Where(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Editing)),
            "submitted" => records.Where(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Submitted)),
            "returned" => records.Where(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Returned)),
            "approved" => records.Where(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Approved)),
            "published" => records.Where(r => r.State == RecordState.Published),
            "withdrawn" => records.Where(r => r.State == RecordState.Withdrawn),
            _ => records,
        };
        Total = await records.CountAsync(cancellationToken);
        var rows = await records.OrderByDescending(r => r.UpdatedAtUtc).ThenByDescending(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new
            {
                r.Id, r.Title, r.PublisherId, r.State, r.IndexPrefix, r.IndexYear, r.IndexSerial, r.UpdatedAtUtc,
                Open = open.Where(v => v.RecordId == r.Id).Select(v => new { v.State, v.PublishAtUtc }).FirstOrDefault(),
            }).ToListAsync(cancellationToken);
        var names = organizations.ToDictionary(x => x.Id, x => x.FullName);
        Rows = rows.Select(r => new ConsoleRow(r.Id, r.Title, names.GetValueOrDefault(r.PublisherId, string.Empty),
            StateLabel(r.State, r.Open?.State, r.Open?.PublishAtUtc),
            r.IndexSerial is int serial ? IndexNumber.Create(r.IndexPrefix!, r.IndexYear!.Value, serial).ToString() : null,
            r.UpdatedAtUtc, r.Open?.PublishAtUtc)).ToList();
    }

    public static string StateLabel(RecordState state, RevisionState? open, DateTime? publishAt)
    {
        var record = state switch
        {
            RecordState.Published => "已发布",
            RecordState.Withdrawn => "已撤回",
            _ => null,
        };
        if (open is RevisionState revision)
        {
            var label = revision == RevisionState.Approved && publishAt is not null ? "已审核（定时发布）" : Revision.Label(revision);
            return record is null ? label : $"{record}；新版本{label}";
        }
        return record ?? "草稿";
    }

    public string Link(string? state = null, int? page = null)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }
        Add("state", state ?? State);
        Add("org", Organization?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("theme", Theme?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("q", Query);
        Add("page", page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? "/admin" : "/admin?" + string.Join("&", parts);
    }
}

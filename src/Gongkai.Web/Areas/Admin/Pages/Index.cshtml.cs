using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>
/// 信息管理: the editorial inbox (<see cref="EditorialInbox"/>) with the reminders an administrator or
/// reviewer should see first.
/// </summary>
public sealed class IndexModel(EditorialInbox inbox, TermDirectory terms, Application.Reports.AnnualReports reports, Application.Setup.HolidayAdministration holidays) : ConsolePageModel
{
    /// <summary>Last year's annual reports not yet published (条例 Art. 49), shown from 1 January until each is.</summary>
    public IReadOnlyList<Application.Reports.ReportReminder> Reminders { get; private set; } = [];

    /// <summary>For administrators: a holiday notice to import (this year's, or from 1 November next year's).</summary>
    public Application.Setup.HolidayNoticeReminder? HolidayReminder { get; private set; }

    public static IReadOnlyList<(string Key, string Label)> States => EditorialInbox.States;

    public string State => Inbox.Filter.State ?? string.Empty;
    public int? Organization => Inbox.Filter.Organization;
    public int? Theme => Inbox.Filter.Theme;
    public string? Query => Inbox.Filter.Query;
    public int PageNumber => Inbox.Filter.Page;
    public int Total => Inbox.Total;
    public IReadOnlyList<InboxRow> Rows => Inbox.Rows;
    public IReadOnlyDictionary<string, int> Counts => Inbox.Counts;
    public IReadOnlyList<(int Id, string Name)> Organizations => Inbox.Organizations;
    public InboxPage Inbox { get; private set; } = null!;
    public TermSnapshot Terms { get; private set; } = null!;

    public async Task OnGetAsync(string? state, int? org, int? theme, string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        Reminders = await reports.RemindersAsync(Actor, cancellationToken);
        HolidayReminder = holidays.Reminder(Actor);
        Terms = await terms.GetAsync(cancellationToken);
        Inbox = await inbox.GetAsync(Actor, new InboxFilter(state, org, theme, q, page), cancellationToken);
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

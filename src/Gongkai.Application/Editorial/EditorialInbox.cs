using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Editorial;

/// <summary>One record in the editorial inbox.</summary>
public sealed record InboxRow(long Id, string Title, string Organization, string StateLabel, string? IndexNumber, DateTime UpdatedAtUtc, DateTime? PublishAtUtc);

/// <summary>What the inbox is asked for: a state tab (see <see cref="EditorialInbox.States"/>), organization, theme, title or 文号, page.</summary>
public sealed record InboxFilter(string? State = null, int? Organization = null, int? Theme = null, string? Query = null, int Page = 1);

/// <summary>
/// One page of the inbox: the filter as applied (an unknown state or an organization the person does
/// not work for is dropped), the count per state tab, the organizations to choose from, the rows.
/// </summary>
public sealed record InboxPage(InboxFilter Filter, int Total, IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<(int Id, string Name)> Organizations, IReadOnlyList<InboxRow> Rows);

/// <summary>
/// 信息管理: the records of the organizations a person may see drafts of, by workflow state (the
/// state of the record and of its open revision), organization and theme, with a title or 文号 search.
/// </summary>
public sealed class EditorialInbox(GongkaiDbContext db, TermDirectory terms)
{
    public const int PageSize = 30;

    /// <summary>The state tabs: key, label.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> States =
    [
        ("", "全部"), ("editing", "草稿"), ("submitted", "待审核"), ("returned", "退回"), ("approved", "已审核（待发布）"),
        ("published", "已发布"), ("withdrawn", "已撤回"),
    ];

    public async Task<InboxPage> GetAsync(Actor actor, InboxFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        var visible = Permissions.Organizations(actor.Grants, Operation.ViewDrafts).ToList();
        filter = filter with
        {
            State = States.Any(s => s.Key == filter.State) ? filter.State ?? string.Empty : string.Empty,
            Organization = filter.Organization is int o && visible.Contains(o) ? o : null,
            Query = string.IsNullOrWhiteSpace(filter.Query) ? null : filter.Query.Trim(),
            Page = Math.Max(1, filter.Page),
        };
        var organizations = await db.Organizations.AsNoTracking().Where(x => visible.Contains(x.Id)).OrderBy(x => x.Id)
            .Select(x => new { x.Id, x.FullName }).ToListAsync(cancellationToken).ConfigureAwait(false);

        var records = db.Records.AsNoTracking().Where(r => visible.Contains(r.PublisherId));
        if (filter.Organization is int orgId)
        {
            records = records.Where(r => r.PublisherId == orgId);
        }
        if (filter.Theme is int themeId)
        {
            var themeIds = (await terms.GetAsync(cancellationToken).ConfigureAwait(false)).ThemeAndDescendants(themeId).ToList();
            records = records.Where(r => themeIds.Contains(r.ThemeId));
        }
        if (filter.Query is string text)
        {
            records = records.Where(r => r.Title.Contains(text) || r.DocumentNumber == text);
        }
        var open = db.Revisions.Where(v => v.State != RevisionState.Published && v.State != RevisionState.Discarded);
        var counts = new Dictionary<string, int>
        {
            ["editing"] = await records.CountAsync(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Editing), cancellationToken).ConfigureAwait(false),
            ["submitted"] = await records.CountAsync(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Submitted), cancellationToken).ConfigureAwait(false),
            ["returned"] = await records.CountAsync(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Returned), cancellationToken).ConfigureAwait(false),
            ["approved"] = await records.CountAsync(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Approved), cancellationToken).ConfigureAwait(false),
            ["published"] = await records.CountAsync(r => r.State == RecordState.Published, cancellationToken).ConfigureAwait(false),
            ["withdrawn"] = await records.CountAsync(r => r.State == RecordState.Withdrawn, cancellationToken).ConfigureAwait(false),
        };
        records = filter.State switch
        {
            "editing" => records.Where(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Editing)),
            "submitted" => records.Where(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Submitted)),
            "returned" => records.Where(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Returned)),
            "approved" => records.Where(r => open.Any(v => v.RecordId == r.Id && v.State == RevisionState.Approved)),
            "published" => records.Where(r => r.State == RecordState.Published),
            "withdrawn" => records.Where(r => r.State == RecordState.Withdrawn),
            _ => records,
        };
        var total = await records.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await records.OrderByDescending(r => r.UpdatedAtUtc).ThenByDescending(r => r.Id)
            .Skip((filter.Page - 1) * PageSize).Take(PageSize)
            .Select(r => new
            {
                r.Id, r.Title, r.PublisherId, r.State, r.IndexPrefix, r.IndexYear, r.IndexSerial, r.UpdatedAtUtc,
                Open = open.Where(v => v.RecordId == r.Id).Select(v => new { v.State, v.PublishAtUtc }).FirstOrDefault(),
            }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = organizations.ToDictionary(x => x.Id, x => x.FullName);
        return new InboxPage(filter, total, counts, organizations.Select(x => (x.Id, x.FullName)).ToList(),
            rows.Select(r => new InboxRow(r.Id, r.Title, names.GetValueOrDefault(r.PublisherId, string.Empty),
                WorkflowMoves.StateLabel(r.State, r.Open?.State, r.Open?.PublishAtUtc),
                r.IndexSerial is int serial ? IndexNumber.Create(r.IndexPrefix!, r.IndexYear!.Value, serial).ToString() : null,
                r.UpdatedAtUtc, r.Open?.PublishAtUtc)).ToList());
    }
}

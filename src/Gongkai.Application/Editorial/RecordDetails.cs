using Gongkai.Application.Accounts;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Calendar;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Editorial;

/// <summary>
/// One record as the console shows it: the record, its open revision and all versions (newest
/// first), its operation log (newest first, at most 200 events), the names of the people in it, the
/// Art. 26 warning while it is not yet public, and the moves the person may make (<see cref="WorkflowMoves"/>).
/// </summary>
public sealed record RecordDetail(Record Record, Revision? Open, IReadOnlyList<Revision> Revisions, IReadOnlyList<AuditEvent> History,
    IReadOnlyDictionary<int, string> People, string OrganizationName, string? Warning, WorkflowMoves Moves)
{
    /// <summary>The content being worked on: the open revision's, or what is public.</summary>
    public RecordContent Working => Open?.Content ?? Record.ToContent();

    public string Person(int? id) => id is int i && People.TryGetValue(i, out var name) ? name : string.Empty;
}

/// <summary>Reads one record for the console and the editorial API, after checking the person may see it.</summary>
public sealed class RecordDetails(GongkaiDbContext db, WorkingDayCalendar calendar, TimeProvider time)
{
    public const int HistoryLimit = 200;

    /// <summary>The record page of the console; null when there is no such record.</summary>
    /// <exception cref="DomainForbiddenException">the person may not see the organization's drafts</exception>
    public async Task<RecordDetail?> GetAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await db.Records.AsNoTracking().Include(r => r.Attachments).SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }
        actor.Demand(Operation.ViewDrafts, record.PublisherId);
        var revisions = await db.Revisions.AsNoTracking().Where(r => r.RecordId == id).OrderByDescending(r => r.Number).ToListAsync(cancellationToken).ConfigureAwait(false);
        var open = revisions.FirstOrDefault(r => r.IsOpen);
        var history = await db.AuditEvents.AsNoTracking().Where(e => e.RecordId == id).OrderByDescending(e => e.Sequence).Take(HistoryLimit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var organization = await db.Organizations.Where(o => o.Id == record.PublisherId).Select(o => o.FullName).SingleAsync(cancellationToken).ConfigureAwait(false);
        var ids = revisions.SelectMany(r => new[] { (int?)r.AuthorId, r.SubmittedById, r.ReviewerId }).OfType<int>().Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken).ConfigureAwait(false);
        string? warning = null;
        if (record.State != RecordState.Published || open is not null)
        {
            var working = open?.Content ?? record.ToContent();
            warning = Timeliness.Check(calendar, working.GeneratedOn, record.PublishedOn ?? ChinaTime.Today(time), period: working.PublicationPeriod).Warning;
        }
        return new RecordDetail(record, open, revisions, history, people, organization, warning,
            WorkflowMoves.For(actor.Grants, record.PublisherId, record.State, open?.State));
    }

    /// <summary>The content to put in the edit form (the open revision's, or what is public) with its change note; null when there is no such record.</summary>
    /// <exception cref="DomainForbiddenException">the person may not edit the organization's drafts</exception>
    public async Task<(RecordContent Content, string? ChangeNote)?> DraftAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await db.Records.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }
        actor.Demand(Operation.EditDraft, record.PublisherId);
        var open = await db.Revisions.AsNoTracking()
            .Where(r => r.RecordId == id && r.State != RevisionState.Published && r.State != RevisionState.Discarded)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return (open?.Content ?? record.ToContent(), open?.ChangeNote);
    }

    /// <summary>The record and its latest revision (the editorial API's state); null when there is no such record.</summary>
    /// <exception cref="DomainForbiddenException">the person may not see the organization's drafts</exception>
    public async Task<(Record Record, Revision? Latest)?> StateAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await db.Records.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }
        actor.Demand(Operation.ViewDrafts, record.PublisherId);
        var latest = await db.Revisions.AsNoTracking().Where(r => r.RecordId == id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return (record, latest);
    }
}

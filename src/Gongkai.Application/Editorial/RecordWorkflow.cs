using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Calendar;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Editorial;

/// <summary>What the console shows of a record's place in the workflow.</summary>
public sealed record WorkflowResult(long RecordId, int RevisionNumber, RevisionState RevisionState, string? IndexNumber, string? Warning);

/// <summary>
/// 部门编制 → 办公室审核 → 公开: the review workflow, one method per move, shared by the console, the
/// integration API and the scheduler. Each move checks the actor's role for the record's
/// organization, lets the record and its revision guard their own states, and appends an audit event
/// in the same transaction as the change (the search change log is written by the context).
/// </summary>
public sealed class RecordWorkflow(
    GongkaiDbContext db,
    TermDirectory terms,
    IndexSerialAllocator allocator,
    AuditLog audit,
    BodySanitizer sanitizer,
    AttachmentStore attachments,
    WorkingDayCalendar calendar,
    IOptions<GongkaiOptions> options,
    TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Files of attachments gone with a change, deleted once its transaction has committed.</summary>
    private readonly List<string> _deleteAfterCommit = [];

    private void DeleteFilesOfCommittedChanges()
    {
        foreach (var key in _deleteAfterCommit)
        {
            attachments.Delete(key);
        }
        _deleteAfterCommit.Clear();
    }

    /// <summary>The open revision of a published record, or a new one that starts from the published content.</summary>
    private async Task<Revision> RevisionToChangeAsync(Actor actor, Record record, string note, CancellationToken cancellationToken)
    {
        if (await OpenRevisionAsync(record.Id, cancellationToken).ConfigureAwait(false) is { } open)
        {
            // Changing it must be allowed (being edited or returned), as for its text.
            open.Edit(open.Content, null, Now);
            return open;
        }
        return await NextRevisionAsync(actor, record, record.ToContent(), note, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new revision of <paramref name="record"/>, numbered after its last, holding <paramref name="content"/>.</summary>
    private async Task<Revision> NextRevisionAsync(Actor actor, Record record, RecordContent content, string? note, CancellationToken cancellationToken)
    {
        var number = await db.Revisions.Where(r => r.RecordId == record.Id).MaxAsync(r => (int?)r.Number, cancellationToken).ConfigureAwait(false) ?? 0;
        var revision = new Revision(record.Id, number + 1, content, actor.PersonId, note, Now);
        db.Revisions.Add(revision);
        return revision;
    }

    /// <summary>新建: a draft record with its first revision, for the organization of the site (or the one given).</summary>
    public async Task<WorkflowResult> CreateAsync(Actor actor, int siteId, int? publisherId, RecordContent content, string? changeNote = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false)
                   ?? throw new DomainException($"编号为{siteId}的站点不存在。");
        var organizationId = publisherId ?? site.OrganizationId;
        actor.Demand(Operation.CreateDraft, organizationId);
        // A record appears in the catalog of its site: only its publisher's own site or a site of an
        // organization above it (a department's records on its government's site) — never a sibling's
        // (probe finding F3: 高新区's editor published into 临港's catalog).
        if (site.OrganizationId != organizationId && !await IsAncestorAsync(site.OrganizationId, organizationId, cancellationToken).ConfigureAwait(false))
        {
            var names = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId || o.Id == site.OrganizationId)
                .ToDictionaryAsync(o => o.Id, o => o.FullName, cancellationToken).ConfigureAwait(false);
            throw new DomainForbiddenException($"站点“{site.Name}”属于{names.GetValueOrDefault(site.OrganizationId)}，不能发布{names.GetValueOrDefault(organizationId)}的信息；请选择本单位或上级单位的站点。");
        }
        content = await PrepareAsync(content, null, cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var record = Record.Draft(site.Id, organizationId, content, Now);
        db.Records.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var revision = new Revision(record.Id, 1, content, actor.PersonId, changeNote, Now);
        db.Revisions.Add(revision);
        await audit.AppendAsync(actor, AuditActions.RecordCreate, Subject(record), record.Id, null, Snapshot(record, revision), null,
            AuditLog.HashOf(content), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Result(record, revision, Warning(content, null));
    }

    /// <summary>Whether <paramref name="ancestorId"/> is above <paramref name="organizationId"/> in the organization tree.</summary>
    private async Task<bool> IsAncestorAsync(int ancestorId, int organizationId, CancellationToken cancellationToken)
    {
        var parents = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.ParentId, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<int>();
        for (var current = parents.GetValueOrDefault(organizationId); current is int id && seen.Add(id); current = parents.GetValueOrDefault(id))
        {
            if (id == ancestorId)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// 修改: changes the open revision; for a published record without one, opens a new revision
    /// that goes through review while the published version stays public.
    /// </summary>
    public async Task<WorkflowResult> UpdateAsync(Actor actor, long recordId, RecordContent content, string? changeNote = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var record = await LoadRecordAsync(recordId, cancellationToken).ConfigureAwait(false);
        actor.Demand(Operation.EditDraft, record.PublisherId);
        content = await PrepareAsync(content, record, cancellationToken).ConfigureAwait(false);
        var revision = await OpenRevisionAsync(record.Id, cancellationToken).ConfigureAwait(false);
        if (record.State == RecordState.Withdrawn)
        {
            throw new DomainConflictException("已撤回的信息不能再修改。");
        }
        var before = Snapshot(record, revision);
        if (revision is null)
        {
            revision = await NextRevisionAsync(actor, record, content, changeNote, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            revision.Edit(content, changeNote, Now);
        }
        if (record.State == RecordState.Draft)
        {
            // Never published: the record row carries the working content (it is not public).
            record.Edit(content, Now);
        }
        await audit.AppendAsync(actor, AuditActions.RecordEdit, Subject(record), record.Id, before, Snapshot(record, revision), changeNote,
            AuditLog.HashOf(content), cancellationToken).ConfigureAwait(false);
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Result(record, revision, Warning(content, record.PublishedOn));
    }

    /// <summary>提交审核.</summary>
    public Task<WorkflowResult> SubmitAsync(Actor actor, long recordId, CancellationToken cancellationToken = default) =>
        MoveAsync(actor, recordId, Operation.Submit, AuditActions.RecordSubmit, null, (record, revision) =>
        {
            revision.Submit(actor.PersonId, Now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>退回 with the reviewer's comment; the editor can change the revision and submit it again.</summary>
    public Task<WorkflowResult> ReturnAsync(Actor actor, long recordId, string comment, CancellationToken cancellationToken = default) =>
        MoveAsync(actor, recordId, Operation.Review, AuditActions.RecordReturn, comment, (record, revision) =>
        {
            revision.Return(actor.PersonId, comment, Now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// 审核通过 after the 保密审查 confirmation; published at once, or at <paramref name="publishAtUtc"/>
    /// by the scheduler.
    /// </summary>
    public Task<WorkflowResult> ApproveAsync(Actor actor, long recordId, bool secrecyConfirmed, DateTime? publishAtUtc, string? comment = null, CancellationToken cancellationToken = default) =>
        MoveAsync(actor, recordId, Operation.Review, AuditActions.RecordApprove, comment, async (record, revision) =>
        {
            // Who changed this revision since it was opened, from the operation log (probe finding F2:
            // a reviewer who rewrote another editor's draft could approve it once that editor submitted).
            var changes = new[] { AuditActions.RecordEdit, AuditActions.RecordAttach, AuditActions.RecordDetach };
            var editors = await db.AuditEvents.AsNoTracking()
                .Where(e => e.RecordId == record.Id && changes.Contains(e.Action) && e.AtUtc >= revision.CreatedAtUtc && e.ActorId != null)
                .Select(e => e.ActorId!.Value).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
            revision.Approve(actor.PersonId, secrecyConfirmed, publishAtUtc, options.Value.Editorial.AllowSelfApproval, comment, Now, editors);
            if (revision.IsDue(Now))
            {
                await PublishRevisionAsync(actor, record, revision, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>发布: publishes an approved revision now, or sets (or moves) its publication time.</summary>
    public Task<WorkflowResult> PublishAsync(Actor actor, long recordId, DateTime? publishAtUtc = null, CancellationToken cancellationToken = default) =>
        MoveAsync(actor, recordId, Operation.Publish, AuditActions.RecordSchedule, null, async (record, revision) =>
        {
            revision.Schedule(publishAtUtc, Now);
            if (revision.IsDue(Now))
            {
                await PublishRevisionAsync(actor, record, revision, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>
    /// Publishes a document the platform built and checked itself (the annual report): a new record, or
    /// a new version of the record it was published as before. The person publishing needs
    /// <see cref="Operation.PublishReports"/> for the organization (its reviewers and the site group's
    /// administrators); the revision still passes 提交 and 审核通过 (by the same person, as the report's
    /// balance check stands in for a second reader) so the version history and audit log read as for
    /// any record.
    /// </summary>
    /// <param name="files">attachments to publish with it (文件下载); on a new version they replace the files of the same name</param>
    /// <param name="published">the caller's own changes, given the record's id, saved in the same transaction</param>
    public async Task<WorkflowResult> PublishBuiltAsync(Actor actor, int siteId, int organizationId, long? recordId, RecordContent content,
        string note, IReadOnlyList<(string FileName, byte[] Bytes)>? files = null, Func<long, Task>? published = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.PublishReports, organizationId);
        var stored = new List<StoredFile>();
        var replaced = new List<string>();
        foreach (var (fileName, bytes) in files ?? [])
        {
            using var stream = new MemoryStream(bytes, writable: false);
            stored.Add(await attachments.SaveAsync(fileName, stream, cancellationToken).ConfigureAwait(false));
        }
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var committed = false;
        try
        {
            var record = recordId is long id ? await db.Records.SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false) : null;
            if (record is { State: RecordState.Withdrawn })
            {
                record = null; // withdrawn: publish afresh as a new record
            }
            content = await PrepareAsync(content, record, cancellationToken).ConfigureAwait(false);
            Revision revision;
            if (record is null)
            {
                record = Record.Draft(siteId, organizationId, content, Now);
                db.Records.Add(record);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                revision = new Revision(record.Id, 1, content, actor.PersonId, note, Now);
                db.Revisions.Add(revision);
                await audit.AppendAsync(actor, AuditActions.RecordCreate, Subject(record), record.Id, null, Snapshot(record, revision), note,
                    AuditLog.HashOf(content), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (await OpenRevisionAsync(record.Id, cancellationToken).ConfigureAwait(false) is { } open)
                {
                    throw new DomainConflictException($"《{record.Title}》有一份未发布的稿件（第{open.Number}版），请先在“信息管理”中处理。");
                }
                revision = await NextRevisionAsync(actor, record, content, note, cancellationToken).ConfigureAwait(false);
            }
            foreach (var file in stored)
            {
                foreach (var old in record.Attachments.Where(a => a.FileName == file.FileName).ToList())
                {
                    record.RemoveAttachment(old.Id);
                    replaced.Add(old.StorageKey);
                }
                record.AddAttachment(new Attachment(file.FileName, file.ContentType, file.Length, file.StorageKey));
            }
            revision.Submit(actor.PersonId, Now);
            revision.Approve(actor.PersonId, secrecyConfirmed: true, publishAtUtc: null, allowSelfApproval: true, note, Now);
            await PublishRevisionAsync(actor, record, revision, cancellationToken).ConfigureAwait(false);
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            if (published is not null)
            {
                await published(record.Id).ConfigureAwait(false);
                await SaveAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            committed = true;
            return Result(record, revision, null);
        }
        catch
        {
            foreach (var file in stored)
            {
                attachments.Delete(file.StorageKey);
            }
            throw;
        }
        finally
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            if (committed)
            {
                foreach (var key in replaced)
                {
                    attachments.Delete(key);
                }
            }
        }
    }

    /// <summary>撤回 with a reason: the public page then says so, and the record leaves search, feeds and sitemap.</summary>
    public async Task<WorkflowResult> WithdrawAsync(Actor actor, long recordId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var record = await LoadRecordAsync(recordId, cancellationToken).ConfigureAwait(false);
        actor.Demand(Operation.Withdraw, record.PublisherId);
        var open = await OpenRevisionAsync(record.Id, cancellationToken).ConfigureAwait(false);
        var before = Snapshot(record, open);
        record.Withdraw(reason, Now);
        open?.Discard(Now);
        if (open is not null)
        {
            _deleteAfterCommit.AddRange(record.DiscardAttachmentChanges(open.Number));
        }
        var latest = open ?? await LatestRevisionAsync(record.Id, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(actor, AuditActions.RecordWithdraw, Subject(record), record.Id, before, Snapshot(record, latest), reason,
            AuditLog.HashOf(record.ToContent()), cancellationToken).ConfigureAwait(false);
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        DeleteFilesOfCommittedChanges();
        return Result(record, latest, null);
    }

    /// <summary>
    /// 上传附件: the file is checked (type, size, content) and kept outside wwwroot. On a published
    /// record the attachment is public at once, like a correction of the published version; the
    /// audit log records who added it.
    /// </summary>
    public async Task<int> AttachAsync(Actor actor, long recordId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await db.Records.AsNoTracking().SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken).ConfigureAwait(false)
                     ?? throw new DomainException($"编号为{recordId}的信息不存在。");
        actor.Demand(Operation.EditDraft, record.PublisherId);
        var stored = await attachments.SaveAsync(fileName, content, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var tracked = await LoadRecordAsync(recordId, cancellationToken).ConfigureAwait(false);
            if (tracked.State == RecordState.Withdrawn)
            {
                throw new DomainConflictException("已撤回的信息不能再修改。");
            }
            var attachment = new Attachment(stored.FileName, stored.ContentType, stored.Length, stored.StorageKey);
            if (tracked.State == RecordState.Published)
            {
                // On a published record a new file goes through review with a revision (probe finding F1).
                var revision = await RevisionToChangeAsync(actor, tracked, "附件变更", cancellationToken).ConfigureAwait(false);
                tracked.AddAttachmentInRevision(attachment, revision.Number);
            }
            else
            {
                tracked.AddAttachment(attachment);
                tracked.Edit(tracked.ToContent(), Now);
            }
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            await audit.AppendAsync(actor, AuditActions.RecordAttach, Subject(tracked), tracked.Id, null,
                new { attachment = attachment.Id, fileName = stored.FileName, length = stored.Length }, null,
                AuditLog.HashOf(stored), cancellationToken).ConfigureAwait(false);
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return attachment.Id;
        }
        catch
        {
            attachments.Delete(stored.StorageKey);
            throw;
        }
    }

    public async Task DetachAsync(Actor actor, long recordId, int attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var record = await LoadRecordAsync(recordId, cancellationToken).ConfigureAwait(false);
        actor.Demand(Operation.EditDraft, record.PublisherId);
        var attachment = record.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new DomainException("附件不存在。");
        if (record.State == RecordState.Published)
        {
            // A public file stays public until the revision that removes it is reviewed and published.
            var revision = await RevisionToChangeAsync(actor, record, "附件变更", cancellationToken).ConfigureAwait(false);
            if (record.RemoveAttachmentInRevision(attachmentId, revision.Number) is { } unpublished)
            {
                _deleteAfterCommit.Add(unpublished);
            }
        }
        else
        {
            record.RemoveAttachment(attachmentId);
            record.Edit(record.ToContent(), Now);
            _deleteAfterCommit.Add(attachment.StorageKey);
        }
        await audit.AppendAsync(actor, AuditActions.RecordDetach, Subject(record), record.Id,
            new { attachment = attachmentId, fileName = attachment.FileName }, null, null, null, cancellationToken).ConfigureAwait(false);
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        DeleteFilesOfCommittedChanges();
    }

    /// <summary>
    /// 定时发布: publishes every approved revision whose time has come. Runs with nobody signed in
    /// (the scheduler); the state lives in the database, so a restart loses nothing.
    /// </summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        var due = await db.Revisions.AsNoTracking()
            .Where(r => r.State == RevisionState.Approved && (r.PublishAtUtc == null || r.PublishAtUtc <= now))
            .OrderBy(r => r.PublishAtUtc).Select(r => r.RecordId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var published = 0;
        foreach (var recordId in due)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var record = await LoadRecordAsync(recordId, cancellationToken).ConfigureAwait(false);
                var revision = await OpenRevisionAsync(recordId, cancellationToken).ConfigureAwait(false);
                if (revision is null || !revision.IsDue(now))
                {
                    continue;
                }
                await PublishRevisionAsync(Actor.System, record, revision, cancellationToken).ConfigureAwait(false);
                await SaveAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                DeleteFilesOfCommittedChanges();
                published++;
            }
            catch (DomainConflictException)
            {
                // Another node published it first, or someone recalled it: nothing to do.
                _deleteAfterCommit.Clear();
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return published;
    }

    /// <summary>When the next approved revision is due for publication (null when none is waiting).</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken cancellationToken = default) =>
        await db.Revisions.AsNoTracking().Where(r => r.State == RevisionState.Approved && r.PublishAtUtc != null)
            .MinAsync(r => r.PublishAtUtc, cancellationToken).ConfigureAwait(false);

    private async Task PublishRevisionAsync(Actor actor, Record record, Revision revision, CancellationToken cancellationToken)
    {
        var before = Snapshot(record, revision);
        var previous = record.State == RecordState.Published ? record.ToContent() : null;
        var first = !record.HasIndexNumber;
        record.Edit(revision.Content, Now);
        string? warning = null;
        if (record.State != RecordState.Published)
        {
            // First publication allocates the index number of the publisher's prefix and the year, in
            // this transaction: a publication that fails gives its serial back, so the series has no
            // gaps. (SQLite: BEGIN IMMEDIATE queues concurrent publishers; a server database: the
            // counter row's lock serialises them.)
            IndexNumber? allocated = null;
            if (first)
            {
                var prefix = await db.Organizations.Where(o => o.Id == record.PublisherId).Select(o => o.IndexPrefix)
                    .SingleAsync(cancellationToken).ConfigureAwait(false);
                allocated = await allocator.NextAsync(prefix, IndexSerialCounter.YearFor(ChinaTime.DateOf(Now)), cancellationToken).ConfigureAwait(false);
            }
            record.Publish(Now, _ => allocated ?? throw new InvalidOperationException("No index number was allocated."), Now);
            if (first)
            {
                var check = Timeliness.Check(calendar, record.GeneratedOn, record.PublishedOn!.Value, period: record.PublicationPeriod);
                record.MarkTimeliness(check.Days is null ? null : check.Late);
                warning = check.Warning;
            }
        }
        else if (previous is not null && revision.Content.EffectStatusChangedOn is DateOnly changedOn
                 && (previous.EffectStatusId != revision.Content.EffectStatusId || previous.EffectStatusChangedOn != changedOn))
        {
            // 条例 Art. 26: “形成或者变更之日起20个工作日内” — a change of 效力状况 (e.g. 废止 as of a
            // date) is timed from that date to the day the change is published (or by another law's period).
            var check = Timeliness.Check(calendar, changedOn, ChinaTime.DateOf(Now), "变更日期", revision.Content.PublicationPeriod);
            revision.MarkChangeTimeliness(check.Days is null ? ChangeTimeliness.Unjudged : check.Late ? ChangeTimeliness.Late : ChangeTimeliness.OnTime);
            warning = check.Warning;
        }
        var changes = ContentChanges.Between(previous, revision.Content);
        var (deleted, attachmentsChanged) = record.PublishAttachmentChanges(revision.Number);
        _deleteAfterCommit.AddRange(deleted);
        revision.MarkPublished(attachmentsChanged && previous is not null && !changes.Contains("附件") ? [.. changes, "附件"] : changes, Now);
        await audit.AppendAsync(actor, AuditActions.RecordPublish, Subject(record), record.Id, before, Snapshot(record, revision),
            warning, AuditLog.HashOf(revision.Content), cancellationToken).ConfigureAwait(false);
    }

    private async Task<WorkflowResult> MoveAsync(Actor actor, long recordId, Operation operation, string action, string? reason,
        Func<Record, Revision, Task> move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var record = await LoadRecordAsync(recordId, cancellationToken).ConfigureAwait(false);
        actor.Demand(operation, record.PublisherId);
        var revision = await OpenRevisionAsync(record.Id, cancellationToken).ConfigureAwait(false)
                       ?? throw new DomainConflictException("这条信息没有待处理的稿件。");
        var before = Snapshot(record, revision);
        await move(record, revision).ConfigureAwait(false);
        await audit.AppendAsync(actor, action, Subject(record), record.Id, before, Snapshot(record, revision), reason,
            AuditLog.HashOf(revision.Content), cancellationToken).ConfigureAwait(false);
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        DeleteFilesOfCommittedChanges();
        return Result(record, revision, null);
    }

    /// <summary>Validates the vocabulary fields and links, and sanitises the body.</summary>
    private async Task<RecordContent> PrepareAsync(RecordContent content, Record? record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var snapshot = await terms.GetAsync(cancellationToken).ConfigureAwait(false);
        RecordContentValidator.Validate(content, snapshot);
        // A retired entry stays on the records that have it but is not chosen anew.
        var kept = record?.ToContent();
        foreach (var (id, had) in new[]
                 {
                     (content.GenreId, kept?.GenreId), (content.ThemeId, kept?.ThemeId), (content.EffectStatusId, kept?.EffectStatusId),
                     (content.DisclosureTermId, kept?.DisclosureTermId), (content.DisclosureMethodId, kept?.DisclosureMethodId),
                     (content.DisclosureScopeId, kept?.DisclosureScopeId),
                 }.Concat(content.DisclosureFormIds.Select(f => (f, kept?.DisclosureFormIds.Contains(f) == true ? (int?)f : null))))
        {
            if (snapshot.TryGet(id, out var term) && !term.IsActive && had != id)
            {
                throw new DomainException($"“{term.Label}”已停用，请选择其他条目。");
            }
        }
        content = content with { DocumentNumber = DocumentNumberFormat.Normalize(content.DocumentNumber) };
        if (content.ValidUntil is DateOnly until && until < content.GeneratedOn)
        {
            throw new DomainException("有效期不能早于生成日期。");
        }
        if (record?.PublishedOn is DateOnly publishedOn && content.GeneratedOn > publishedOn)
        {
            throw new DomainException($"生成日期（{content.GeneratedOn:yyyy-MM-dd}）不能晚于公开日期（{publishedOn:yyyy-MM-dd}）。");
        }
        if (content.GeneratedOn > ChinaTime.DateOf(Now))
        {
            throw new DomainException("生成日期不能晚于今天。");
        }
        foreach (var (linked, label) in new[] { (content.InterpretsRecordId, "所解读的政策文件"), (content.ReplacedByRecordId, "替代文件") })
        {
            if (linked is long id)
            {
                if (record is not null && id == record.Id)
                {
                    throw new DomainException($"{label}不能是本条信息自己。");
                }
                if (!await db.Records.AnyAsync(r => r.Id == id && r.State == RecordState.Published, cancellationToken).ConfigureAwait(false))
                {
                    throw new DomainException($"{label}须是一条已发布的信息。");
                }
            }
        }
        return content with { BodyHtml = sanitizer.Sanitize(content.BodyHtml) };
    }

    private string? Warning(RecordContent content, DateOnly? publishedOn) =>
        Timeliness.Check(calendar, content.GeneratedOn, publishedOn ?? ChinaTime.DateOf(Now), period: content.PublicationPeriod).Warning;

    private async Task<Record> LoadRecordAsync(long recordId, CancellationToken cancellationToken) =>
        await db.Records.SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken).ConfigureAwait(false)
        ?? throw new DomainException($"编号为{recordId}的信息不存在。");

    private Task<Revision?> OpenRevisionAsync(long recordId, CancellationToken cancellationToken) =>
        db.Revisions.Where(r => r.RecordId == recordId && r.State != RevisionState.Published && r.State != RevisionState.Discarded)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);

    private Task<Revision?> LatestRevisionAsync(long recordId, CancellationToken cancellationToken) =>
        db.Revisions.Where(r => r.RecordId == recordId).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new DomainConflictException("这条信息刚被其他人修改过，请刷新后重试。", e);
        }
    }

    private static string Subject(Record record) => $"record:{record.Id}";

    private static object Snapshot(Record record, Revision? revision) => new
    {
        recordState = record.State.ToString(),
        indexNumber = record.IndexNumber?.ToString(),
        title = record.Title,
        revision = revision?.Number,
        revisionState = revision?.State.ToString(),
        publishAt = revision?.PublishAtUtc,
    };

    private static WorkflowResult Result(Record record, Revision? revision, string? warning) =>
        new(record.Id, revision?.Number ?? 0, revision?.State ?? RevisionState.Published, record.IndexNumber?.ToString(), warning);
}

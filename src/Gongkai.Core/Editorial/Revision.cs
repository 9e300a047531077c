using Gongkai.Core.Catalog;

namespace Gongkai.Core.Editorial;

/// <summary>Where a revision stands in the review workflow (部门编制 → 办公室审核 → 公开).</summary>
public enum RevisionState
{
    /// <summary>草稿: the editor is writing it.</summary>
    Editing = 0,

    /// <summary>待审核: submitted, waiting for a reviewer.</summary>
    Submitted = 1,

    /// <summary>退回: sent back to the editor with a comment.</summary>
    Returned = 2,

    /// <summary>已审核: approved; published now or at the time set.</summary>
    Approved = 3,

    /// <summary>已发布: its content is what the public sees (or saw, for an older version).</summary>
    Published = 4,

    /// <summary>已作废: dropped, for example when the record was withdrawn.</summary>
    Discarded = 5,
}

/// <summary>
/// One version of a record's content on its way through review. A record's first revision becomes
/// its first publication; editing a published record opens a new revision that goes through review
/// while the published version stays public. At most one revision of a record is open (not
/// published or discarded) at a time; the workflow use case in the application layer keeps that rule.
/// </summary>
public sealed class Revision
{
    public long Id { get; private set; }
    public long RecordId { get; private set; }

    /// <summary>1 for the first version, then 2, 3… (版本号).</summary>
    public int Number { get; private set; }

    public RecordContent Content { get; private set; } = null!;
    public RevisionState State { get; private set; }

    /// <summary>修改说明: what the editor says changed (shown in the public 版本记录).</summary>
    public string? ChangeNote { get; private set; }

    public int AuthorId { get; private set; }
    public int? SubmittedById { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public int? ReviewerId { get; private set; }
    public DateTime? ReviewedAtUtc { get; private set; }
    public string? ReviewComment { get; private set; }

    /// <summary>保密审查: the reviewer confirmed the content holds no state or work secrets.</summary>
    public bool SecrecyConfirmed { get; private set; }

    /// <summary>When an approved revision is to be published (定时发布); null means at approval.</summary>
    public DateTime? PublishAtUtc { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }

    /// <summary>
    /// 条例 Art. 26 for a change (“变更之日起20个工作日内”): set when this revision published a new 效力状况
    /// or a new date of it (e.g. 废止 as of a date) on a record already public; null otherwise.
    /// </summary>
    public ChangeTimeliness? ChangeTimeliness { get; private set; }

    public void MarkChangeTimeliness(ChangeTimeliness? timeliness) => ChangeTimeliness = timeliness;

    /// <summary>The fields that differ from the version before (filled at publication).</summary>
    public List<string> ChangedFields { get; private set; } = [];

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Optimistic concurrency: two reviewers cannot both decide on one submission.</summary>
    public int Version { get; private set; }

    private Revision() { }

    public Revision(long recordId, int number, RecordContent content, int authorId, string? changeNote, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(content);
        RecordId = recordId;
        Number = number;
        Content = content;
        AuthorId = authorId;
        ChangeNote = Normalize(changeNote);
        State = RevisionState.Editing;
        CreatedAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
    }

    public bool IsOpen => State is not (RevisionState.Published or RevisionState.Discarded);

    public bool IsScheduled => State == RevisionState.Approved && PublishAtUtc is not null;

    public static string Label(RevisionState state) => state switch
    {
        RevisionState.Editing => "草稿",
        RevisionState.Submitted => "待审核",
        RevisionState.Returned => "退回",
        RevisionState.Approved => "已审核",
        RevisionState.Published => "已发布",
        RevisionState.Discarded => "已作废",
        _ => state.ToString(),
    };

    public void Edit(RecordContent content, string? changeNote, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (State is not (RevisionState.Editing or RevisionState.Returned))
        {
            throw new DomainConflictException($"状态为“{Label(State)}”的稿件不能修改；如需修改，请先由审核员退回。");
        }
        Content = content;
        ChangeNote = Normalize(changeNote) ?? ChangeNote;
        Touch(nowUtc);
    }

    public void Submit(int userId, DateTime nowUtc)
    {
        if (State is not (RevisionState.Editing or RevisionState.Returned))
        {
            throw new DomainConflictException($"状态为“{Label(State)}”的稿件不能提交审核。");
        }
        State = RevisionState.Submitted;
        SubmittedById = userId;
        SubmittedAtUtc = nowUtc;
        Touch(nowUtc);
    }

    /// <summary>退回: back to the editor, with the reason. An approved, scheduled revision can also be recalled.</summary>
    public void Return(int reviewerId, string comment, DateTime nowUtc)
    {
        if (State is not (RevisionState.Submitted or RevisionState.Approved))
        {
            throw new DomainConflictException($"状态为“{Label(State)}”的稿件不能退回。");
        }
        ReviewComment = Require.Text(comment, "退回意见", ReviewCommentMaxLength);
        ReviewerId = reviewerId;
        ReviewedAtUtc = nowUtc;
        SecrecyConfirmed = false;
        PublishAtUtc = null;
        State = RevisionState.Returned;
        Touch(nowUtc);
    }

    /// <summary>
    /// 已审核. Approval needs the 保密审查 confirmation; a reviewer may not approve a revision they
    /// wrote or submitted unless the site group allows it.
    /// </summary>
    /// <param name="editorIds">everyone who changed this revision after it was written (its text or its files): none of them may approve it either</param>
    public void Approve(int reviewerId, bool secrecyConfirmed, DateTime? publishAtUtc, bool allowSelfApproval, string? comment, DateTime nowUtc,
        IReadOnlyCollection<int>? editorIds = null)
    {
        if (State != RevisionState.Submitted)
        {
            throw new DomainConflictException($"状态为“{Label(State)}”的稿件不能审核通过，只有待审核的稿件可以。");
        }
        // The two-person rule (部门编制，经办公室审核): the reviewer is none of the people who wrote,
        // changed or submitted what is approved.
        if (!allowSelfApproval && (reviewerId == AuthorId || reviewerId == SubmittedById || editorIds?.Contains(reviewerId) == true))
        {
            throw new DomainForbiddenException("不能审核自己编写、修改或提交的稿件，请由本单位其他审核员审核。");
        }
        if (!secrecyConfirmed)
        {
            throw new DomainException("审核通过前必须确认已完成保密审查。");
        }
        SecrecyConfirmed = true;
        ReviewerId = reviewerId;
        ReviewedAtUtc = nowUtc;
        ReviewComment = Normalize(comment);
        PublishAtUtc = publishAtUtc is DateTime at && at > nowUtc ? at : null;
        State = RevisionState.Approved;
        Touch(nowUtc);
    }

    /// <summary>Sets or clears the publication time of an approved revision.</summary>
    public void Schedule(DateTime? publishAtUtc, DateTime nowUtc)
    {
        if (State != RevisionState.Approved)
        {
            throw new DomainConflictException("只有已审核的稿件可以设定发布时间。");
        }
        PublishAtUtc = publishAtUtc is DateTime at && at > nowUtc ? at : null;
        Touch(nowUtc);
    }

    public bool IsDue(DateTime nowUtc) => State == RevisionState.Approved && (PublishAtUtc is null || PublishAtUtc <= nowUtc);

    /// <summary>The record now shows this revision's content.</summary>
    public void MarkPublished(IReadOnlyList<string> changedFields, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(changedFields);
        if (State != RevisionState.Approved)
        {
            throw new DomainConflictException($"状态为“{Label(State)}”的稿件不能发布，须先审核通过。");
        }
        State = RevisionState.Published;
        PublishedAtUtc = nowUtc;
        ChangedFields = changedFields.ToList();
        Touch(nowUtc);
    }

    public void Discard(DateTime nowUtc)
    {
        if (!IsOpen)
        {
            throw new DomainConflictException($"状态为“{Label(State)}”的稿件不能作废。");
        }
        State = RevisionState.Discarded;
        Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version++;
    }

    /// <summary>The longest change note (修改说明) and review comment (退回意见) kept.</summary>
    public const int ChangeNoteMaxLength = 500, ReviewCommentMaxLength = 1000;

    private static string? Normalize(string? text) => string.IsNullOrWhiteSpace(text) ? null
        : text.Trim() is { Length: > ChangeNoteMaxLength } ? throw new DomainException($"修改说明最多{ChangeNoteMaxLength}个字符。")
        : text.Trim();
}

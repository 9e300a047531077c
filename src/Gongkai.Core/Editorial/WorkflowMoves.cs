using Gongkai.Core.Catalog;

namespace Gongkai.Core.Editorial;

/// <summary>
/// The moves a person may make on a record now: what the console shows as buttons. Decided from
/// the person's roles (<see cref="Permissions"/>) for the record's organization and where the record
/// and its open revision stand; the workflow checks the same again when a move is made.
/// </summary>
public sealed record WorkflowMoves(bool Edit, bool Submit, bool Review, bool Recall, bool Publish, bool Withdraw, bool Attach)
{
    public static WorkflowMoves For(IEnumerable<RoleGrant> grants, int publisherId, RecordState record, RevisionState? open)
    {
        var roles = grants.ToList();
        bool Can(Operation operation) => Permissions.Allows(roles, operation, publisherId);
        var editable = open is null or RevisionState.Editing or RevisionState.Returned;
        return new WorkflowMoves(
            Edit: Can(Operation.EditDraft) && record != RecordState.Withdrawn && editable,
            Submit: Can(Operation.Submit) && open is RevisionState.Editing or RevisionState.Returned,
            Review: Can(Operation.Review) && open == RevisionState.Submitted,
            Recall: Can(Operation.Review) && open == RevisionState.Approved,
            Publish: Can(Operation.Publish) && open == RevisionState.Approved,
            Withdraw: Can(Operation.Withdraw) && record == RecordState.Published,
            Attach: Can(Operation.EditDraft) && record != RecordState.Withdrawn);
    }

    /// <summary>
    /// How the console names where a record stands: 草稿, 待审核, 已发布, 已发布；新版本待审核,
    /// 已审核（定时发布）…
    /// </summary>
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
}

using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;

namespace Gongkai.Core.Tests.Editorial;

/// <summary>Which buttons a person sees on a record: roles for the record's organization, and where the record stands.</summary>
public sealed class WorkflowMovesTests
{
    private const int Gxq = 1;
    private const int Lg = 2;

    private static WorkflowMoves For(Role role, int organization, RecordState record, RevisionState? open) =>
        WorkflowMoves.For([new RoleGrant(7, role, role == Role.Administrator ? null : organization)], Gxq, record, open);

    [Theory]
    // role, record, open revision → edit, submit, review, recall, publish, withdraw, attach
    [InlineData(Role.Editor, RecordState.Draft, RevisionState.Editing, "edit submit attach")]
    [InlineData(Role.Editor, RecordState.Draft, RevisionState.Submitted, "attach")]
    [InlineData(Role.Editor, RecordState.Draft, RevisionState.Returned, "edit submit attach")]
    [InlineData(Role.Editor, RecordState.Published, null, "edit attach")]
    [InlineData(Role.Editor, RecordState.Withdrawn, null, "")]
    [InlineData(Role.Reviewer, RecordState.Draft, RevisionState.Submitted, "review")]
    [InlineData(Role.Reviewer, RecordState.Draft, RevisionState.Approved, "recall publish")]
    [InlineData(Role.Reviewer, RecordState.Published, null, "withdraw")]
    [InlineData(Role.Reviewer, RecordState.Published, RevisionState.Submitted, "review withdraw")]
    [InlineData(Role.Administrator, RecordState.Draft, RevisionState.Submitted, "")]
    [InlineData(Role.RequestHandler, RecordState.Published, null, "")]
    public void A_person_sees_the_moves_of_their_role_where_the_record_stands(Role role, RecordState record, RevisionState? open, string expected)
    {
        var moves = For(role, Gxq, record, open);
        var shown = new[] { ("edit", moves.Edit), ("submit", moves.Submit), ("review", moves.Review), ("recall", moves.Recall),
            ("publish", moves.Publish), ("withdraw", moves.Withdraw), ("attach", moves.Attach) }.Where(x => x.Item2).Select(x => x.Item1);
        Assert.Equal(expected, string.Join(" ", shown));
    }

    [Fact]
    public void A_role_for_another_organization_gives_no_move() =>
        Assert.Equal(new WorkflowMoves(false, false, false, false, false, false, false), For(Role.Reviewer, Lg, RecordState.Draft, RevisionState.Submitted));

    [Theory]
    [InlineData(RecordState.Draft, null, false, "草稿")]
    [InlineData(RecordState.Draft, RevisionState.Submitted, false, "待审核")]
    [InlineData(RecordState.Draft, RevisionState.Approved, true, "已审核（定时发布）")]
    [InlineData(RecordState.Published, RevisionState.Submitted, false, "已发布；新版本待审核")]
    [InlineData(RecordState.Withdrawn, null, false, "已撤回")]
    public void The_state_label_names_the_record_and_its_open_version(RecordState record, RevisionState? open, bool scheduled, string label) =>
        Assert.Equal(label, WorkflowMoves.StateLabel(record, open, scheduled ? new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc) : null));
}

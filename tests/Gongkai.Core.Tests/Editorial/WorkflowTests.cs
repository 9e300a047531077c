using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;

namespace Gongkai.Core.Tests.Editorial;

/// <summary>The review workflow's allowed and refused moves, as a table.</summary>
public sealed class WorkflowTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);
    private const int Editor = 1;
    private const int Reviewer = 2;

    private static RecordContent Content() => new()
    {
        Title = "关于做好2026年度测试工作的通知",
        GeneratedOn = new DateOnly(2026, 3, 2),
        DisclosureTermId = 1,
        DisclosureFormIds = [2],
        DisclosureMethodId = 4,
        DisclosureScopeId = 5,
        Procedure = "部门编制,经办公室审核后公开",
        GenreId = 6,
        ThemeId = 7,
        Keywords = ["测试"],
        EffectStatusId = 8,
        Summary = "概述",
        BodyHtml = "<p>正文</p>",
    };

    /// <summary>A revision brought to <paramref name="state"/> by the legal path.</summary>
    private static Revision In(RevisionState state)
    {
        var revision = new Revision(1, 1, Content(), Editor, null, Now);
        if (state == RevisionState.Editing)
        {
            return revision;
        }
        if (state == RevisionState.Discarded)
        {
            revision.Discard(Now);
            return revision;
        }
        revision.Submit(Editor, Now);
        switch (state)
        {
            case RevisionState.Returned:
                revision.Return(Reviewer, "请补充依据", Now);
                break;
            case RevisionState.Approved:
                revision.Approve(Reviewer, true, Now.AddHours(1), false, null, Now);
                break;
            case RevisionState.Published:
                revision.Approve(Reviewer, true, null, false, null, Now);
                revision.MarkPublished(["首次发布"], Now);
                break;
        }
        return revision;
    }

    public static TheoryData<RevisionState, string, RevisionState?> Moves()
    {
        // state before, move, state after (null: refused)
        var data = new TheoryData<RevisionState, string, RevisionState?>();
        var table = new (RevisionState From, string Move, RevisionState? To)[]
        {
            (RevisionState.Editing, "edit", RevisionState.Editing),
            (RevisionState.Editing, "submit", RevisionState.Submitted),
            (RevisionState.Editing, "return", null),
            (RevisionState.Editing, "approve", null),
            (RevisionState.Editing, "publish", null),
            (RevisionState.Editing, "discard", RevisionState.Discarded),
            (RevisionState.Submitted, "edit", null),
            (RevisionState.Submitted, "submit", null),
            (RevisionState.Submitted, "return", RevisionState.Returned),
            (RevisionState.Submitted, "approve", RevisionState.Approved),
            (RevisionState.Submitted, "publish", null),
            (RevisionState.Submitted, "discard", RevisionState.Discarded),
            (RevisionState.Returned, "edit", RevisionState.Returned),
            (RevisionState.Returned, "submit", RevisionState.Submitted),
            (RevisionState.Returned, "return", null),
            (RevisionState.Returned, "approve", null),
            (RevisionState.Returned, "publish", null),
            (RevisionState.Approved, "edit", null),
            (RevisionState.Approved, "submit", null),
            (RevisionState.Approved, "return", RevisionState.Returned),
            (RevisionState.Approved, "approve", null),
            (RevisionState.Approved, "publish", RevisionState.Published),
            (RevisionState.Published, "edit", null),
            (RevisionState.Published, "submit", null),
            (RevisionState.Published, "return", null),
            (RevisionState.Published, "approve", null),
            (RevisionState.Published, "publish", null),
            (RevisionState.Published, "discard", null),
            (RevisionState.Discarded, "edit", null),
            (RevisionState.Discarded, "submit", null),
            (RevisionState.Discarded, "approve", null),
            (RevisionState.Discarded, "publish", null),
            (RevisionState.Discarded, "discard", null),
        };
        foreach (var (from, move, to) in table)
        {
            data.Add(from, move, to);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Each_move_is_allowed_or_refused_as_the_table_says(RevisionState from, string move, RevisionState? to)
    {
        var revision = In(from);
        Assert.Equal(from, revision.State);
        void Act()
        {
            switch (move)
            {
                case "edit": revision.Edit(Content() with { Title = "改后的标题" }, null, Now); break;
                case "submit": revision.Submit(Editor, Now); break;
                case "return": revision.Return(Reviewer, "退回意见", Now); break;
                case "approve": revision.Approve(Reviewer, true, null, false, null, Now); break;
                case "publish": revision.MarkPublished(["标题"], Now); break;
                case "discard": revision.Discard(Now); break;
                default: throw new ArgumentOutOfRangeException(nameof(move));
            }
        }
        if (to is RevisionState expected)
        {
            Act();
            Assert.Equal(expected, revision.State);
        }
        else
        {
            var e = Assert.IsType<DomainConflictException>(Xunit.Record.Exception(Act));
            Assert.Contains(Revision.Label(from), e.Message, StringComparison.Ordinal);
            Assert.Equal(from, revision.State);
        }
    }

    [Fact]
    public void A_reviewer_cannot_approve_what_they_wrote_unless_the_site_group_allows_it()
    {
        var revision = new Revision(1, 1, Content(), Reviewer, null, Now);
        revision.Submit(Reviewer, Now);
        var e = Assert.Throws<DomainForbiddenException>(() => revision.Approve(Reviewer, true, null, false, null, Now));
        Assert.Contains("自己", e.Message, StringComparison.Ordinal);
        revision.Approve(Reviewer, true, null, allowSelfApproval: true, null, Now);
        Assert.Equal(RevisionState.Approved, revision.State);
    }

    [Fact]
    public void A_reviewer_cannot_approve_what_they_submitted_for_someone_else()
    {
        var revision = new Revision(1, 1, Content(), Editor, null, Now);
        revision.Submit(Reviewer, Now);
        Assert.Throws<DomainForbiddenException>(() => revision.Approve(Reviewer, true, null, false, null, Now));
    }

    [Fact]
    public void Approval_needs_the_secrecy_review_confirmation()
    {
        var revision = In(RevisionState.Submitted);
        var e = Assert.Throws<DomainException>(() => revision.Approve(Reviewer, secrecyConfirmed: false, null, false, null, Now));
        Assert.Contains("保密审查", e.Message, StringComparison.Ordinal);
        Assert.Equal(RevisionState.Submitted, revision.State);
    }

    [Fact]
    public void Returning_needs_a_comment_and_clears_the_schedule()
    {
        var revision = In(RevisionState.Approved);
        Assert.True(revision.IsScheduled);
        Assert.Throws<DomainException>(() => revision.Return(Reviewer, "  ", Now));
        revision.Return(Reviewer, "时间改到下周", Now);
        Assert.Null(revision.PublishAtUtc);
        Assert.False(revision.SecrecyConfirmed);
        Assert.Equal("时间改到下周", revision.ReviewComment);
    }

    [Fact]
    public void An_approved_revision_is_due_at_its_time_and_not_before()
    {
        var revision = In(RevisionState.Submitted);
        revision.Approve(Reviewer, true, Now.AddMinutes(1), false, null, Now);
        Assert.False(revision.IsDue(Now));
        Assert.False(revision.IsDue(Now.AddSeconds(59)));
        Assert.True(revision.IsDue(Now.AddMinutes(1)));
    }

    [Fact]
    public void A_time_in_the_past_means_publish_at_approval()
    {
        var revision = In(RevisionState.Submitted);
        revision.Approve(Reviewer, true, Now.AddMinutes(-5), false, null, Now);
        Assert.Null(revision.PublishAtUtc);
        Assert.True(revision.IsDue(Now));
    }

    [Fact]
    public void Changed_fields_name_what_differs_between_versions()
    {
        var before = Content();
        var after = before with { Title = "新标题", BodyHtml = "<p>新正文</p>", Keywords = ["测试", "新增"] };
        Assert.Equal(["标题", "关键词", "正文"], ContentChanges.Between(before, after));
        Assert.Equal(["首次发布"], ContentChanges.Between(null, after));
        Assert.Equal(["无内容变化"], ContentChanges.Between(before, before with { }));
    }
}

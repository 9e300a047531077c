using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Application.Reports;
using Gongkai.Core.Auditing;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Editorial;

/// <summary>
/// 条例 Art. 26: “形成或者变更之日起20个工作日内予以公开”. A record's first publication is timed from
/// its 生成日期; a later change of its 效力状况 (废止, 失效 …) from the date of the change, when the
/// revision that publishes it is published — and the annual report counts both.
/// </summary>
public sealed class ChangeTimelinessTests
{
    [Theory]
    // today Friday 27 November 2026; the change dated …, how it is judged, working days after the change
    [InlineData("2026-11-20", ChangeTimeliness.OnTime, null)]
    [InlineData("2026-10-30", ChangeTimeliness.OnTime, null)]       // published on the 20th working day: still on time
    [InlineData("2026-10-09", ChangeTimeliness.Late, "第36个工作日")] // Saturday 10 October a 调休 working day, as the calendar says
    public async Task A_change_of_effect_status_is_timed_from_its_date_when_it_is_published(string changedOn, ChangeTimeliness expected, string? warning)
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        var published = await app.RunAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, "效力变更计时测试", new DateOnly(2025, 3, 1))));

        var revision = await app.RunAsync(async s =>
        {
            var (editor, reviewer) = await TestRecords.DeskAsync(s);
            var workflow = s.GetRequiredService<RecordWorkflow>();
            var repealed = RecordContents.Valid(terms, "效力变更计时测试", new DateOnly(2025, 3, 1)) with
            {
                EffectStatusId = terms.ByKey(Vocabulary.EffectStatus, TermKeys.Repealed)!.Id,
                EffectStatusChangedOn = DateOnly.Parse(changedOn, System.Globalization.CultureInfo.InvariantCulture),
            };
            await workflow.UpdateAsync(editor, published.RecordId, repealed, "废止");
            await workflow.SubmitAsync(editor, published.RecordId);
            var result = await workflow.ApproveAsync(reviewer, published.RecordId, secrecyConfirmed: true, publishAtUtc: null);
            return result.RevisionNumber;
        });

        var (timeliness, reason, first) = await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            return (await db.Revisions.Where(v => v.RecordId == published.RecordId && v.Number == revision).Select(v => v.ChangeTimeliness).SingleAsync(),
                await db.AuditEvents.Where(e => e.RecordId == published.RecordId && e.Action == AuditActions.RecordPublish).OrderBy(e => e.Sequence).Select(e => e.Reason).LastAsync(),
                await db.Revisions.Where(v => v.RecordId == published.RecordId && v.Number == 1).Select(v => v.ChangeTimeliness).SingleAsync());
        });
        Assert.Equal(expected, timeliness);
        Assert.Null(first); // the first publication is timed on the record (PublishedLate), not as a change
        if (warning is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains($"在变更日期（{changedOn}）之后{warning}", reason, StringComparison.Ordinal);
        }

        // The annual report's figures and draft count the change.
        var report = await app.RunAsync(async s => await s.GetRequiredService<AnnualReports>().BuildAsync(
            (await TestRecords.DeskAsync(s)).Reviewer, await TestUsers.OrganizationAsync(s, TestUsers.Gxq), 2026));
        Assert.Equal((1, expected == ChangeTimeliness.Late ? 1 : 0), (report.Figures.ChangesPublished, report.Figures.ChangesLate));
        Assert.Contains($"信息效力状况变更（如废止、失效）公开1次，其中在变更之日起20个工作日内（法律、法规另有规定的，在其规定期限内）公开{(expected == ChangeTimeliness.Late ? 0 : 1)}次", report.Drafts.Overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revision_that_changes_no_effect_status_is_not_timed_as_a_change()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        var published = await app.RunAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, "只改标题的信息", new DateOnly(2025, 3, 1))));
        await app.RunAsync(async s =>
        {
            var (editor, reviewer) = await TestRecords.DeskAsync(s);
            var workflow = s.GetRequiredService<RecordWorkflow>();
            await workflow.UpdateAsync(editor, published.RecordId, RecordContents.Valid(terms, "只改标题的信息（更正）", new DateOnly(2025, 3, 1)), "更正标题");
            await workflow.SubmitAsync(editor, published.RecordId);
            await workflow.ApproveAsync(reviewer, published.RecordId, secrecyConfirmed: true, publishAtUtc: null);
        });
        Assert.Empty(await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Revisions
            .Where(v => v.RecordId == published.RecordId && v.ChangeTimeliness != null).ToListAsync()));
    }
}

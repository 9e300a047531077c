using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Application.Search;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Editorial;

public sealed class EditorialWorkflowTests
{
    private sealed record People(Actor Editor, Actor Reviewer, Actor OtherEditor);

    private static async Task<People> PeopleAsync(ApplicationServices app) => await app.RunAsync(async s => new People(
        await TestUsers.CreateAsync(s, "editor", Role.Editor),
        await TestUsers.CreateAsync(s, "reviewer", Role.Reviewer),
        await TestUsers.CreateAsync(s, "lg-editor", Role.Editor, TestUsers.Lg)));

    private static async Task<long> DraftAsync(ApplicationServices app, Actor editor, string title = "关于测试审核流程的通知", DateOnly? generatedOn = null)
    {
        var terms = await app.TermsAsync();
        var content = RecordContents.Valid(terms, title, generatedOn ?? new DateOnly(2026, 11, 20));
        return await app.RunAsync(async s =>
            (await s.GetRequiredService<RecordWorkflow>().CreateAsync(editor, await TestUsers.SiteAsync(s, "gxq"), null, content)).RecordId);
    }

    private static Task<T> WorkflowAsync<T>(ApplicationServices app, Func<RecordWorkflow, Task<T>> use) =>
        app.RunAsync(s => use(s.GetRequiredService<RecordWorkflow>()));

    [Fact]
    public async Task A_draft_goes_through_review_and_is_published_with_the_next_index_number_and_an_unbroken_audit_chain()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var id = await DraftAsync(app, people.Editor);
        var before = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().IndexSerials
            .Where(c => c.Prefix == TestUsers.Gxq && c.Year == 2026).Select(c => (int?)c.LastSerial).SingleOrDefaultAsync());

        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, id));
        var approved = await WorkflowAsync(app, w => w.ApproveAsync(people.Reviewer, id, secrecyConfirmed: true, publishAtUtc: null));

        Assert.Equal(RevisionState.Published, approved.RevisionState);
        Assert.Equal($"{TestUsers.Gxq}/2026-{(before ?? 0) + 1:00000}", approved.IndexNumber);
        var page = await app.RunAsync(s => s.GetRequiredService<CatalogReader>().RecordAsync(IndexNumber.Parse(approved.IndexNumber!)));
        Assert.NotNull(page);
        Assert.Equal(["首次发布"], page.Relations.Versions.Single().ChangedFields);
        var audit = await app.RunAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync());
        Assert.True(audit.Intact, audit.Problem);
        var actions = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents.Where(e => e.RecordId == id)
            .OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal(["record.create", "record.submit", "record.publish", "record.approve"], actions);
    }

    [Fact]
    public async Task Whoever_changed_a_revision_may_not_approve_it_even_when_another_editor_submits_it()
    {
        // Probe finding F2: a person with 编辑 and 审核员 rewrites another editor's draft, the other
        // editor submits, and the rewriter approves it.
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var both = await app.RunAsync(async s =>
        {
            var actor = await TestUsers.CreateAsync(s, "editor-reviewer", Role.Editor);
            var db = s.GetRequiredService<GongkaiDbContext>();
            db.RoleGrants.Add(new RoleGrant(actor.PersonId, Role.Reviewer, await TestUsers.OrganizationAsync(s, TestUsers.Gxq)));
            await db.SaveChangesAsync();
            return (await s.GetRequiredService<ActorLoader>().LoadAsync(actor.PersonId))!;
        });
        var id = await DraftAsync(app, people.Editor);
        var terms = await app.TermsAsync();
        await WorkflowAsync(app, w => w.UpdateAsync(both, id, RecordContents.Valid(terms, "关于测试审核流程的通知（改写）", new DateOnly(2026, 11, 20))));
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, id));

        var refused = await Assert.ThrowsAsync<DomainForbiddenException>(() => WorkflowAsync(app, w => w.ApproveAsync(both, id, secrecyConfirmed: true, publishAtUtc: null)));
        Assert.Contains("不能审核自己编写、修改或提交的稿件", refused.Message, StringComparison.Ordinal);
        var approved = await WorkflowAsync(app, w => w.ApproveAsync(people.Reviewer, id, secrecyConfirmed: true, publishAtUtc: null));
        Assert.Equal(RevisionState.Published, approved.RevisionState);
    }

    [Fact]
    public async Task Roles_are_checked_for_the_records_organization()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var id = await DraftAsync(app, people.Editor);
        await Assert.ThrowsAsync<DomainForbiddenException>(() => WorkflowAsync(app, w => w.SubmitAsync(people.OtherEditor, id)));
        await Assert.ThrowsAsync<DomainForbiddenException>(() => WorkflowAsync(app, w => w.SubmitAsync(people.Reviewer, id)));
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, id));
        await Assert.ThrowsAsync<DomainForbiddenException>(() => WorkflowAsync(app, w => w.ApproveAsync(people.Editor, id, true, null)));
    }

    [Fact]
    public async Task A_returned_draft_carries_the_comment_back_to_the_editor_and_can_be_submitted_again()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var id = await DraftAsync(app, people.Editor);
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, id));
        await WorkflowAsync(app, w => w.ReturnAsync(people.Reviewer, id, "请补充政策依据"));
        var revision = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Revisions.SingleAsync(r => r.RecordId == id));
        Assert.Equal(RevisionState.Returned, revision.State);
        Assert.Equal("请补充政策依据", revision.ReviewComment);
        var terms = await app.TermsAsync();
        await WorkflowAsync(app, w => w.UpdateAsync(people.Editor, id, RecordContents.Valid(terms, "补充依据后的通知", new DateOnly(2026, 11, 20))));
        var submitted = await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, id));
        Assert.Equal(RevisionState.Submitted, submitted.RevisionState);
    }

    [Fact]
    public async Task Scheduled_publication_happens_on_time_with_nobody_signed_in()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var id = await DraftAsync(app, people.Editor);
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, id));
        var at = app.Time.GetUtcNow().UtcDateTime.AddMinutes(1);
        var approved = await WorkflowAsync(app, w => w.ApproveAsync(people.Reviewer, id, true, at));
        Assert.Equal(RevisionState.Approved, approved.RevisionState);
        Assert.Null(approved.IndexNumber);

        app.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await WorkflowAsync(app, w => w.PublishDueAsync()));

        // A later scope (as after a restart) finds the schedule in the database.
        app.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await WorkflowAsync(app, w => w.PublishDueAsync()));
        var record = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.SingleAsync(r => r.Id == id));
        Assert.Equal(RecordState.Published, record.State);
        Assert.Equal(at, record.PublishedAtUtc);
        Assert.NotNull(record.IndexNumber);
        Assert.True(record.IsPublicAt(app.Time.GetUtcNow().UtcDateTime));
        var publisher = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents
            .Where(e => e.RecordId == id && e.Action == "record.publish").Select(e => e.ActorName).SingleAsync());
        Assert.Equal(Actor.System.Name, publisher);
        Assert.Equal(0, await WorkflowAsync(app, w => w.PublishDueAsync()));
    }

    [Fact]
    public async Task Editing_a_published_record_makes_a_new_version_while_the_old_one_stays_public()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var id = await DraftAsync(app, people.Editor, "第一版标题");
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, id));
        var first = await WorkflowAsync(app, w => w.ApproveAsync(people.Reviewer, id, true, null));
        var number = IndexNumber.Parse(first.IndexNumber!);
        var terms = await app.TermsAsync();

        var edited = await WorkflowAsync(app, w => w.UpdateAsync(people.Editor, id,
            RecordContents.Valid(terms, "第二版标题", new DateOnly(2026, 11, 20)), "更正标题"));
        Assert.Equal(2, edited.RevisionNumber);
        var page = await app.RunAsync(s => s.GetRequiredService<CatalogReader>().RecordAsync(number));
        Assert.Equal("第一版标题", page!.Record.Title);

        app.Time.Advance(TimeSpan.FromHours(2));
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, id));
        var second = await WorkflowAsync(app, w => w.ApproveAsync(people.Reviewer, id, true, null));
        Assert.Equal(first.IndexNumber, second.IndexNumber);
        page = await app.RunAsync(s => s.GetRequiredService<CatalogReader>().RecordAsync(number));
        Assert.Equal("第二版标题", page!.Record.Title);
        Assert.Equal(2, page.Relations.Versions.Count);
        Assert.Equal(["标题"], page.Relations.Versions[1].ChangedFields);
        Assert.Equal("更正标题", page.Relations.Versions[1].Note);
    }

    [Fact]
    public async Task Withdrawing_takes_the_record_off_the_public_catalog_and_out_of_search()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var id = await DraftAsync(app, people.Editor, "待撤回的唯一测试标题");
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, id));
        var published = await WorkflowAsync(app, w => w.ApproveAsync(people.Reviewer, id, true, null));
        var number = IndexNumber.Parse(published.IndexNumber!);
        await app.RunAsync(s => s.GetRequiredService<IndexUpdater>().CatchUpAsync());
        var found = await app.RunAsync(s => s.GetRequiredService<SearchService>().SearchAsync(new SearchQuery { Text = "待撤回的唯一测试标题" }));
        Assert.Contains(found.Hits, h => h.Id == id);

        await Assert.ThrowsAsync<DomainException>(() => WorkflowAsync(app, w => w.WithdrawAsync(people.Reviewer, id, " ")));
        await WorkflowAsync(app, w => w.WithdrawAsync(people.Reviewer, id, "内容已过时"));
        await app.RunAsync(s => s.GetRequiredService<IndexUpdater>().CatchUpAsync());
        Assert.Null(await app.RunAsync(s => s.GetRequiredService<CatalogReader>().RecordAsync(number)));
        var notice = await app.RunAsync(s => s.GetRequiredService<CatalogReader>().WithdrawnAsync(number));
        Assert.Equal("内容已过时", notice!.Reason);
        found = await app.RunAsync(s => s.GetRequiredService<SearchService>().SearchAsync(new SearchQuery { Text = "待撤回的唯一测试标题" }));
        Assert.DoesNotContain(found.Hits, h => h.Id == id);
    }

    [Fact]
    public async Task A_record_published_more_than_twenty_working_days_after_it_was_made_is_warned_and_counted_late()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var created = await app.RunAsync(async s => await s.GetRequiredService<RecordWorkflow>().CreateAsync(people.Editor,
            await TestUsers.SiteAsync(s, "gxq"), null, RecordContents.Valid(await s.GetRequiredService<TermDirectory>().GetAsync(), "逾期公开的通知", new DateOnly(2026, 9, 1))));
        Assert.Contains("第二十六条", created.Warning, StringComparison.Ordinal);
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, created.RecordId));
        await WorkflowAsync(app, w => w.ApproveAsync(people.Reviewer, created.RecordId, true, null));
        var record = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.SingleAsync(r => r.Id == created.RecordId));
        Assert.True(record.PublishedLate);

        var onTime = await DraftAsync(app, people.Editor, "按时公开的通知", new DateOnly(2026, 11, 20));
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, onTime));
        await WorkflowAsync(app, w => w.ApproveAsync(people.Reviewer, onTime, true, null));
        Assert.False(await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.Where(r => r.Id == onTime).Select(r => r.PublishedLate).SingleAsync()));
    }

    /// <summary>条例 Art. 26: a period another law sets replaces the 20 working days, shorter or longer; it goes through the API's input and back.</summary>
    [Theory]
    // today Friday 27 November 2026; generated Friday 13 November: 10 working days before
    [InlineData(null, false, null)]   // the 20 working days: on time
    [InlineData(7, true, "7个工作日")]  // 《某条例》's 7 working days: late
    [InlineData(15, false, null)]     // 15 working days: on time
    public async Task A_record_with_another_laws_period_is_judged_by_it(int? days, bool late, string? warned)
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var input = new RecordInput
        {
            Title = "另有规定期限的信息", GeneratedOn = new DateOnly(2026, 11, 13), Genre = "通知", ThemePrimary = "综合政务", ThemeSecondary = "政务公开", Summary = "公开期限测试",
            PublicationPeriodDays = days, PublicationPeriodBasis = days is null ? null : "《企业信息公示暂行条例》第六条",
        };
        var content = await app.RunAsync(s => s.GetRequiredService<RecordInputResolver>().ResolveAsync(input));
        Assert.Equal(days, content.PublicationPeriod?.Days);
        var created = await app.RunAsync(async s => await s.GetRequiredService<RecordWorkflow>().CreateAsync(people.Editor, await TestUsers.SiteAsync(s, "gxq"), null, content));
        if (warned is null)
        {
            Assert.Null(created.Warning);
        }
        else
        {
            Assert.Contains($"超过《企业信息公示暂行条例》第六条（条例第二十六条：法律、法规另有规定的，从其规定）规定的{warned}", created.Warning, StringComparison.Ordinal);
        }
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, created.RecordId));
        await WorkflowAsync(app, w => w.ApproveAsync(people.Reviewer, created.RecordId, true, null));
        var record = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.AsNoTracking().SingleAsync(r => r.Id == created.RecordId));
        Assert.Equal(late, record.PublishedLate);
        Assert.Equal(content.PublicationPeriod, record.PublicationPeriod);
        var described = await app.RunAsync(s => s.GetRequiredService<RecordInputResolver>().DescribeAsync(record.ToContent(), null));
        Assert.Equal((days, days is null ? null : "工作日", input.PublicationPeriodBasis), (described.PublicationPeriodDays, described.PublicationPeriodUnit, described.PublicationPeriodBasis));
    }

    [Fact]
    public async Task The_body_is_sanitised_on_save_keeping_tables_and_images()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var terms = await app.TermsAsync();
        var hostile = "<h2>标题</h2><p onclick=\"alert(1)\">段落<script>alert(1)</script></p><a href=\"javascript:alert(1)\">链接</a>"
                      + "<table><tr><td>单元格</td></tr></table><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"图\">"
                      + "<svg onload=\"alert(1)\"></svg><div style=\"background:url(javascript:alert(1))\">样式</div><a href=\"data:text/html,x\">数据</a>";
        var result = await app.RunAsync(async s => await s.GetRequiredService<RecordWorkflow>().CreateAsync(people.Editor,
            await TestUsers.SiteAsync(s, "gxq"), null, RecordContents.Valid(terms) with { BodyHtml = hostile }));
        var body = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Revisions.Where(r => r.RecordId == result.RecordId)
            .Select(r => r.Content).SingleAsync());
        Assert.DoesNotContain("script", body.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", body.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript", body.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("svg", body.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:text", body.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<table>", body.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<td>单元格</td>", body.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", body.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<h2>标题</h2>", body.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachments_are_checked_by_type_size_and_content()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var id = await DraftAsync(app, people.Editor);
        using var fakePdf = new MemoryStream("<html><script>alert(1)</script></html>"u8.ToArray());
        var e = await Assert.ThrowsAsync<DomainException>(() => WorkflowAsync(app, w => w.AttachAsync(people.Editor, id, "通知.pdf", fakePdf)));
        Assert.Contains("内容与其扩展名", e.Message, StringComparison.Ordinal);
        using var exe = new MemoryStream([0x4D, 0x5A, 0x90, 0x00]);
        e = await Assert.ThrowsAsync<DomainException>(() => WorkflowAsync(app, w => w.AttachAsync(people.Editor, id, "setup.exe", exe)));
        Assert.Contains("不接受", e.Message, StringComparison.Ordinal);
        using var pdf = new MemoryStream("%PDF-1.4\n%测试\n"u8.ToArray());
        var attachmentId = await WorkflowAsync(app, w => w.AttachAsync(people.Editor, id, "../../etc/附件<b>.pdf", pdf));
        var attachment = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.AsNoTracking().Where(r => r.Id == id)
            .SelectMany(r => r.Attachments).SingleAsync(a => a.Id == attachmentId));
        Assert.Equal("附件<b>.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.True(File.Exists(Path.Combine(app.DataPath, "attachments", attachment.StorageKey)));
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataPath, "attachments"), "*.exe", SearchOption.AllDirectories));
        await Assert.ThrowsAsync<DomainForbiddenException>(async () =>
        {
            using var again = new MemoryStream("%PDF-1.4"u8.ToArray());
            await WorkflowAsync(app, w => w.AttachAsync(people.OtherEditor, id, "a.pdf", again));
        });
    }

    [Fact]
    public async Task Audit_verify_finds_an_edited_row_and_a_deleted_one()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var people = await PeopleAsync(app);
        var id = await DraftAsync(app, people.Editor);
        await WorkflowAsync(app, w => w.SubmitAsync(people.Editor, id));
        await WorkflowAsync(app, w => w.ReturnAsync(people.Reviewer, id, "原始意见"));
        Assert.True((await app.RunAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync())).Intact);

        var sequence = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents
            .Where(e => e.Action == "record.return").Select(e => e.Sequence).SingleAsync());
        await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Database
            .ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Reason" = '篡改后的意见' WHERE "Sequence" = {sequence}"""));
        var result = await app.RunAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync());
        Assert.Equal(sequence, result.FirstBadSequence);

        await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Database
            .ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Reason" = '原始意见' WHERE "Sequence" = {sequence}"""));
        Assert.True((await app.RunAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync())).Intact);
        await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Database
            .ExecuteSqlAsync($"""DELETE FROM "AuditEvents" WHERE "Sequence" = {sequence - 1}"""));
        result = await app.RunAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync());
        Assert.Equal(sequence - 1, result.FirstBadSequence);
        Assert.Contains("缺失", result.Problem, StringComparison.Ordinal);
    }
}

public sealed class RecordRelationsTests
{
    [Fact]
    public async Task An_interpretation_and_its_policy_link_both_ways_and_a_repealed_policy_names_its_replacement()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var (editor, reviewer) = await app.RunAsync(async s => (
            await TestUsers.CreateAsync(s, "editor", Role.Editor), await TestUsers.CreateAsync(s, "reviewer", Role.Reviewer)));
        var terms = await app.TermsAsync();
        async Task<(long Id, IndexNumber Number)> PublishAsync(RecordContent content)
        {
            return await app.RunAsync(async s =>
            {
                var workflow = s.GetRequiredService<RecordWorkflow>();
                var id = (await workflow.CreateAsync(editor, await TestUsers.SiteAsync(s, "gxq"), null, content)).RecordId;
                await workflow.SubmitAsync(editor, id);
                var result = await workflow.ApproveAsync(reviewer, id, true, null);
                return (id, IndexNumber.Parse(result.IndexNumber!));
            });
        }
        var generated = new DateOnly(2026, 11, 20);
        var policy = await PublishAsync(RecordContents.Valid(terms, "科技创新扶持办法", generated));
        var interpretation = await PublishAsync(RecordContents.Valid(terms, "《科技创新扶持办法》政策解读", generated) with
        {
            GenreId = terms.ByKey(Vocabulary.Genre, TermKeys.Interpretation)!.Id,
            InterpretsRecordId = policy.Id,
        });
        var replacement = await PublishAsync(RecordContents.Valid(terms, "科技创新扶持办法（2026年修订）", generated));

        var policyPage = await app.RunAsync(s => s.GetRequiredService<CatalogReader>().RecordAsync(policy.Number));
        Assert.Equal(RecordUrls.Record(interpretation.Number), Assert.Single(policyPage!.Relations.Interpretations).Url);
        var interpretationPage = await app.RunAsync(s => s.GetRequiredService<CatalogReader>().RecordAsync(interpretation.Number));
        Assert.Equal(RecordUrls.Record(policy.Number), interpretationPage!.Relations.Interprets!.Url);

        // The reviewer marks the policy repealed from a date, pointing at the replacement (a new version, reviewed).
        var repealedOn = new DateOnly(2026, 11, 25);
        await app.RunAsync(async s =>
        {
            var workflow = s.GetRequiredService<RecordWorkflow>();
            var current = (await s.GetRequiredService<Data.GongkaiDbContext>().Records.FindAsync(policy.Id))!.ToContent();
            await workflow.UpdateAsync(editor, policy.Id, current with
            {
                EffectStatusId = terms.ByKey(Vocabulary.EffectStatus, TermKeys.Repealed)!.Id,
                EffectStatusChangedOn = repealedOn,
                ReplacedByRecordId = replacement.Id,
            }, "已被修订版替代");
            await workflow.SubmitAsync(editor, policy.Id);
            await workflow.ApproveAsync(reviewer, policy.Id, true, null);
        });
        policyPage = await app.RunAsync(s => s.GetRequiredService<CatalogReader>().RecordAsync(policy.Number));
        Assert.Equal("废止", policyPage!.Record.EffectStatus);
        Assert.Equal(repealedOn, policyPage.Relations.EffectStatusChangedOn);
        Assert.Equal(RecordUrls.Record(replacement.Number), policyPage.Relations.ReplacedBy!.Url);
        Assert.Equal(["效力状况"], policyPage.Relations.Versions[^1].ChangedFields);

        // A record cannot replace itself, and links must point at published records.
        var e = await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(async s =>
        {
            var current = (await s.GetRequiredService<Data.GongkaiDbContext>().Records.FindAsync(replacement.Id))!.ToContent();
            return await s.GetRequiredService<RecordWorkflow>().UpdateAsync(editor, replacement.Id, current with { ReplacedByRecordId = replacement.Id });
        }));
        Assert.Contains("自己", e.Message, StringComparison.Ordinal);
    }
}

public sealed class RequestFeeServiceTests
{
    /// <summary>
    /// 国办函〔2020〕109号: the notice only within the answer period (Art. 6), 按量 only for copies (Art. 5),
    /// 缴纳方式 in the letter, 20 working days to pay from the day after receipt; a case noticed before
    /// the upgrade keeps the date its handler set.
    /// </summary>
    [Fact]
    public async Task A_fee_is_noticed_within_the_answer_period_and_paid_within_20_working_days_of_receiving_it()
    {
        await using var app = await ApplicationServices.CreateAsync(generatedRecords: 0, now: new DateTimeOffset(2026, 7, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        await app.RunAsync(async s =>
        {
            var handler = await TestUsers.CreateAsync(s, "fee-period-handler", Role.RequestHandler);
            var requests = s.GetRequiredService<Gongkai.Application.Requests.RequestService>();
            var letters = s.GetRequiredService<Gongkai.Application.Requests.RequestLetters>();
            var site = await TestUsers.SiteAsync(s, "gxq");
            var n = 0;
            async Task<(long Id, string QueryCode)> Case(DateOnly received, string form)
            {
                var c = await requests.RegisterAsync(handler, site, new Gongkai.Application.Requests.ApplicationForm
                {
                    Kind = Core.Requests.ApplicantKind.NaturalPerson, Name = "收费期限测试", IdType = "护照", IdNumber = $"E7{n++}", Phone = "13900001357",
                    Description = "大量档案", FormWanted = form, DeliveryMethod = "邮寄",
                }, Core.Requests.RequestChannel.InPerson, received);
                return (c.Id, c.QueryCode);
            }
            const string window = "到高新区政务服务中心三楼财务窗口缴纳（工作日9:00–17:00）";

            var late = await Case(new DateOnly(2026, 6, 1), "纸质"); // due 30 June (端午 19 June off)
            var e = await Assert.ThrowsAsync<DomainConflictException>(() => requests.NoticeFeeAsync(handler, late.Id, Core.Requests.FeeMode.PerPage, 50, window, null));
            Assert.Contains("国办函〔2020〕109号第六条", e.Message, StringComparison.Ordinal);

            var reading = await Case(new DateOnly(2026, 7, 15), "当面查阅、抄录");
            var notCopies = await Assert.ThrowsAsync<DomainException>(() => requests.NoticeFeeAsync(handler, reading.Id, Core.Requests.FeeMode.PerPage, 50, window, null));
            Assert.Contains("第五条", notCopies.Message, StringComparison.Ordinal);

            var posted = await Case(new DateOnly(2026, 7, 15), "纸质");
            Assert.Equal(200m, await requests.NoticeFeeAsync(handler, posted.Id, Core.Requests.FeeMode.PerPage, 50, window, null));
            var letter = await letters.RenderAsync(handler, posted.Id, Core.Requests.LetterKind.FeeNotice);
            Assert.Contains(letter.Paragraphs, p => p.Contains("缴纳方式：" + window, StringComparison.Ordinal));
            Assert.Contains(letter.Paragraphs, p => p.Contains("20个工作日内缴纳（自送达次日起计算）", StringComparison.Ordinal));
            var tracked = await requests.TrackAsync(posted.QueryCode, "1357");
            Assert.Null(tracked!.FeeDueOn);
            Assert.Contains("收到收费通知次日起20个工作日内", tracked.NextStep, StringComparison.Ordinal);
            Assert.Equal(window, tracked.FeePaymentMethod);
            var unregistered = await Assert.ThrowsAsync<DomainConflictException>(() => requests.CloseForUnpaidFeeAsync(handler, posted.Id));
            Assert.Contains("登记送达", unregistered.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<DomainException>(() => requests.RecordFeeNoticeDeliveryAsync(handler, posted.Id, new DateOnly(2026, 7, 21)));
            await requests.RecordFeeNoticeDeliveryAsync(handler, posted.Id, new DateOnly(2026, 7, 20));
            letter = await letters.RenderAsync(handler, posted.Id, Core.Requests.LetterKind.FeeNotice);
            Assert.Contains(letter.Paragraphs, p => p.Contains("（即2026年8月17日前）", StringComparison.Ordinal));
            Assert.Equal(new DateOnly(2026, 8, 17), (await requests.TrackAsync(posted.QueryCode, "1357"))!.FeeDueOn);
            var view = await requests.GetAsync(handler, posted.Id);
            Assert.Equal(new DateOnly(2026, 8, 17), view.FeePaymentDue!.Date);

            // The next notice of the office offers the same 缴纳方式.
            var next = await Case(new DateOnly(2026, 7, 16), "电子邮件");
            Assert.Equal(window, (await requests.GetAsync(handler, next.Id)).FeePaymentMethodHint);

            // Noticed before the upgrade: the handler's date stands, and closing follows it.
            await requests.NoticeFeeAsync(handler, next.Id, Core.Requests.FeeMode.PerPage, 40, window, null);
            var db = s.GetRequiredService<Gongkai.Data.GongkaiDbContext>();
            await db.RequestCases.Where(x => x.Id == next.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.FeeDueOn, new DateOnly(2026, 7, 17)));
            db.ChangeTracker.Clear();
            Assert.Equal(new DateOnly(2026, 7, 17), (await requests.TrackAsync(next.QueryCode, "1357"))!.FeeDueOn);
            await requests.CloseForUnpaidFeeAsync(handler, next.Id);
            Assert.Equal(Core.Requests.RequestOutcome.OtherFeeUnpaid, (await requests.GetAsync(handler, next.Id)).Case.Outcome);
        });
    }


    [Fact]
    public async Task The_eleventh_request_of_a_month_from_one_applicant_costs_a_hundred_yuan_and_the_tenth_nothing()
    {
        await using var app = await ApplicationServices.CreateAsync(generatedRecords: 0, now: new DateTimeOffset(2026, 7, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        var (handler, ids) = await app.RunAsync(async s =>
        {
            var handler = await TestUsers.CreateAsync(s, "fee-handler", Role.RequestHandler);
            var requests = s.GetRequiredService<Gongkai.Application.Requests.RequestService>();
            var site = await TestUsers.SiteAsync(s, "gxq");
            var list = new List<long>();
            for (var i = 0; i < 11; i++)
            {
                list.Add((await requests.RegisterAsync(handler, site, new Gongkai.Application.Requests.ApplicationForm
                {
                    Kind = Core.Requests.ApplicantKind.NaturalPerson, Name = "多次申请人", IdType = "居民身份证", IdNumber = "32028119900101123X",
                    Phone = "13800009999", Description = $"第{i + 1}项信息", FormWanted = "纸质", DeliveryMethod = "邮寄",
                }, Core.Requests.RequestChannel.InPerson, new DateOnly(2026, 7, 1 + i))).Id);
            }
            return (handler, list);
        });
        var e = await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(s => s.GetRequiredService<Gongkai.Application.Requests.RequestService>()
            .NoticeFeeAsync(handler, ids[9], Core.Requests.FeeMode.PerRequest, null, "到窗口缴纳", null)));
        Assert.Contains("不需收费", e.Message, StringComparison.Ordinal);
        var amount = await app.RunAsync(s => s.GetRequiredService<Gongkai.Application.Requests.RequestService>()
            .NoticeFeeAsync(handler, ids[10], Core.Requests.FeeMode.PerRequest, null, "到窗口缴纳", null));
        Assert.Equal(100m, amount);
    }
}

public sealed class RequestPrivacyTests
{
    [Fact]
    public async Task A_case_exports_whole_and_after_the_retention_period_its_applicant_is_erased_but_the_statistics_stay()
    {
        await using var app = await ApplicationServices.CreateAsync(generatedRecords: 0, now: new DateTimeOffset(2026, 7, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        var (handler, admin, id) = await app.RunAsync(async s =>
        {
            var handler = await TestUsers.CreateAsync(s, "privacy-handler", Role.RequestHandler);
            var admin = await TestUsers.CreateAsync(s, "privacy-admin", Role.Administrator);
            var requests = s.GetRequiredService<Gongkai.Application.Requests.RequestService>();
            var id = (await requests.RegisterAsync(handler, await TestUsers.SiteAsync(s, "gxq"), new Gongkai.Application.Requests.ApplicationForm
            {
                Kind = Core.Requests.ApplicantKind.NaturalPerson, Name = "保留期测试人", IdType = "居民身份证", IdNumber = "32028119900101123X",
                Phone = "13800006666", Email = "a@example.cn", Description = "某信息", FormWanted = "纸质", DeliveryMethod = "邮寄",
            }, Core.Requests.RequestChannel.InPerson, new DateOnly(2026, 7, 1))).Id;
            await requests.AnswerAsync(handler, id, Core.Requests.RequestOutcome.Disclosed, Core.Requests.ReplyType.Disclosed, "予以公开");
            return (handler, admin, id);
        });
        var export = System.Text.Encoding.UTF8.GetString(await app.RunAsync(s => s.GetRequiredService<Gongkai.Application.Requests.RequestService>().ExportAsync(handler, id)));
        Assert.Contains("保留期测试人", export, StringComparison.Ordinal);
        Assert.Contains("request.answer", export, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainForbiddenException>(() => app.RunAsync(s => s.GetRequiredService<Gongkai.Application.Requests.RequestService>().EraseExpiredAsync(handler)));

        Assert.Equal(0, await app.RunAsync(s => s.GetRequiredService<Gongkai.Application.Requests.RequestService>().EraseExpiredAsync(admin)));
        app.Time.Advance(TimeSpan.FromDays((3 * 365) + 2));
        Assert.Equal(1, await app.RunAsync(s => s.GetRequiredService<Gongkai.Application.Requests.RequestService>().EraseExpiredAsync(admin)));
        var c = await app.RunAsync(s => s.GetRequiredService<Data.GongkaiDbContext>().RequestCases.AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Equal(Core.Requests.RequestCase.ErasedMark, c.ApplicantName);
        Assert.Null(c.IdNumber);
        Assert.Null(c.Email);
        Assert.Equal(Core.Requests.ApplicantKind.NaturalPerson, c.ApplicantKind);
        Assert.Equal(Core.Requests.RequestOutcome.Disclosed, c.Outcome);
        Assert.Equal(new DateOnly(2026, 7, 1), c.ReceivedOn);
        Assert.True((await app.RunAsync(s => s.GetRequiredService<Gongkai.Application.Editorial.AuditLog>().VerifyAsync())).Intact);
    }
}

public sealed class DemoRequestTests
{
    [Fact]
    public async Task Demo_requests_cover_every_state_outcome_channel_and_applicant_kind_over_2025_and_2026_and_go_with_demo_remove()
    {
        await using var app = await ApplicationServices.CreateAsync(generatedRecords: 0);
        var loaded = await app.RunAsync(s => s.GetRequiredService<Gongkai.Application.Demo.DemoSiteGroup>().LoadAsync(0, 20200103, generatedRequests: 400));
        Assert.Equal(400, loaded.Requests);
        var cases = await app.RunAsync(s => s.GetRequiredService<Data.GongkaiDbContext>().RequestCases.AsNoTracking().ToListAsync());
        Assert.All(cases, c => Assert.True(c.IsDemo));
        Assert.Equal(Enum.GetValues<Core.Requests.RequestState>().Order(), cases.Select(c => c.State).Distinct().Order());
        Assert.Equal(Enum.GetValues<Core.Requests.RequestOutcome>().Order(), cases.Where(c => c.Outcome is not null).Select(c => c.Outcome!.Value).Distinct().Order());
        Assert.Equal(Enum.GetValues<Core.Requests.RequestChannel>().Order(), cases.Select(c => c.Channel).Distinct().Order());
        Assert.Equal(Enum.GetValues<Core.Requests.ApplicantKind>().Order(), cases.Select(c => c.ApplicantKind).Distinct().Order());
        Assert.Contains(cases, c => c.ReceivedOn?.Year == 2025);
        Assert.Contains(cases, c => c.ReceivedOn?.Year == 2026);
        Assert.Contains(cases, c => c.ReceivedOn?.Year == 2025 && c.AnsweredOn?.Year == 2026); // carried over
        Assert.Equal(cases.Count, cases.Select(c => c.CaseNumber).Distinct().Count());
        var calendar = await app.RunAsync(s => Task.FromResult(s.GetRequiredService<Core.Calendar.WorkingDayCalendar>()));
        // Every open case has a computable deadline, unless it reaches into a year whose notice is not out yet.
        Assert.All(cases.Where(c => c.State != Core.Requests.RequestState.Answered), c =>
        {
            var e = Xunit.Record.Exception(() => Core.Requests.Deadline.Compute(calendar, c.DeadlineInputs));
            Assert.True(e is null || (e is Core.Calendar.CalendarYearUnknownException u && !calendar.Years.Contains(u.Year)), e?.Message);
        });

        await app.RunAsync(s => s.GetRequiredService<Gongkai.Application.Demo.DemoSiteGroup>().RemoveAsync());
        Assert.Equal(0, await app.RunAsync(s => s.GetRequiredService<Data.GongkaiDbContext>().RequestCases.CountAsync()));
    }
}

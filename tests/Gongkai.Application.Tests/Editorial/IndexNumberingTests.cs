using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Editorial;

/// <summary>
/// The index number (索引号) a record gets when it is first published through the review workflow:
/// the next serial of its publisher's prefix and year, allocated in the publication's transaction.
/// </summary>
public sealed class IndexNumberingTests
{
    private static async Task<long> DraftAsync(ApplicationServices app, string title = "测试信息", DateOnly? generatedOn = null)
    {
        var terms = await app.TermsAsync();
        return await app.RunAsync(s => TestRecords.DraftAsync(s, RecordContents.Valid(terms, title, generatedOn)));
    }

    private static Task<IndexNumber> ApproveAsync(ApplicationServices app, long id) =>
        app.RunAsync(async s => (await TestRecords.ApproveAsync(s, id)).Number());

    [Fact]
    public async Task Two_hundred_concurrent_approvals_get_two_hundred_distinct_consecutive_serials()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 300);
        var before = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().IndexSerials
            .Where(c => c.Prefix == TestUsers.Gxq && c.Year == 2026).Select(c => (int?)c.LastSerial).SingleOrDefaultAsync());
        var drafts = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            var id = await DraftAsync(app, $"并发发布测试{i}");
            await app.RunAsync(async s => await s.GetRequiredService<RecordWorkflow>().SubmitAsync((await TestRecords.DeskAsync(s)).Editor, id));
            drafts.Add(id);
        }
        var reviewer = await app.RunAsync(async s => (await TestRecords.DeskAsync(s)).Reviewer);

        // Every approval runs in its own scope, connection and transaction, all at once.
        var numbers = await Task.WhenAll(drafts.Select(id => Task.Run(() => app.RunAsync(async s =>
            (await s.GetRequiredService<RecordWorkflow>().ApproveAsync(reviewer, id, secrecyConfirmed: true, publishAtUtc: null)).Number()))));

        var first = (before ?? 0) + 1;
        Assert.All(numbers, n => Assert.Equal((TestUsers.Gxq, 2026), (n.Prefix, n.Year)));
        Assert.Equal(Enumerable.Range(first, 200), numbers.Select(n => n.Serial).Order());
        var stored = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records
            .Where(r => drafts.Contains(r.Id)).Select(r => r.IndexSerial!.Value).ToListAsync());
        Assert.Equal(Enumerable.Range(first, 200), stored.Order());
        var audit = await app.RunAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync());
        Assert.True(audit.Intact, audit.Problem);
    }

    [Fact]
    public async Task A_record_published_in_the_year_of_the_imported_reference_record_continues_after_it()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0,
            now: new DateTimeOffset(2020, 1, 8, 10, 0, 0, ChinaTime.Offset));
        var id = await DraftAsync(app, generatedOn: new DateOnly(2020, 1, 6));

        var published = await ApproveAsync(app, id);

        Assert.Equal("01404053X/2020-00391", published.ToString());
    }

    [Fact]
    public async Task Approving_a_published_record_again_is_refused_and_uses_no_serial()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var id = await DraftAsync(app);
        var first = await ApproveAsync(app, id);
        await Assert.ThrowsAsync<DomainConflictException>(() => ApproveAsync(app, id));

        var other = await DraftAsync(app);
        var next = await ApproveAsync(app, other);
        Assert.Equal(first.Serial + 1, next.Serial);
    }

    [Fact]
    public async Task A_publication_that_fails_after_its_serial_was_allocated_gives_the_serial_back()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        // The annual report's path: its own changes run in the publication's transaction, after the
        // index number was allocated; when they fail, nothing of the publication stays.
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.RunAsync(async s =>
        {
            var (_, reviewer) = await TestRecords.DeskAsync(s);
            var site = await TestUsers.SiteAsync(s, "gxq");
            var organization = await TestUsers.OrganizationAsync(s, TestUsers.Gxq);
            return await s.GetRequiredService<RecordWorkflow>().PublishBuiltAsync(reviewer, site, organization, null,
                RecordContents.Valid(terms, "发布失败的信息"), "测试", published: _ => throw new InvalidOperationException("失败"));
        }));
        Assert.False(await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.AnyAsync(r => r.Title == "发布失败的信息")));

        var good = await ApproveAsync(app, await DraftAsync(app));
        Assert.Equal(1, good.Serial);
    }

    [Fact]
    public async Task A_draft_with_a_term_of_the_wrong_list_is_refused()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        var content = RecordContents.Valid(terms) with { GenreId = terms.ByKey(Vocabulary.EffectStatus, TermKeys.InForce)!.Id };
        var error = await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(s => TestRecords.DraftAsync(s, content)));
        Assert.Contains("体裁", error.Message, StringComparison.Ordinal);
    }
}

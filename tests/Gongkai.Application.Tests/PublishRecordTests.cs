using Gongkai.Application.Catalog;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests;

public sealed class PublishRecordTests
{
    private static async Task<long> DraftAsync(ApplicationServices app, string title = "测试信息", DateOnly? generatedOn = null)
    {
        var terms = await app.TermsAsync();
        return await app.RunAsync(async s =>
        {
            var site = await s.GetRequiredService<GongkaiDbContext>().Sites.SingleAsync(x => x.Slug == "gxq");
            return await s.GetRequiredService<CreateDraft>().ExecuteAsync(site.Id, RecordContents.Valid(terms, title, generatedOn));
        });
    }

    [Fact]
    public async Task Two_hundred_concurrent_publications_get_two_hundred_distinct_consecutive_serials()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 300);
        var before = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().IndexSerials
            .Where(c => c.Prefix == "01404053X" && c.Year == 2026).Select(c => (int?)c.LastSerial).SingleOrDefaultAsync());
        var drafts = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            drafts.Add(await DraftAsync(app, $"并发发布测试{i}"));
        }

        // Every publication runs in its own scope, connection and transaction, all at once.
        var numbers = await Task.WhenAll(drafts.Select(id => Task.Run(() =>
            app.RunAsync(s => s.GetRequiredService<PublishRecord>().ExecuteAsync(id)))));

        var first = (before ?? 0) + 1;
        Assert.All(numbers, n => Assert.Equal(("01404053X", 2026), (n.Prefix, n.Year)));
        Assert.Equal(Enumerable.Range(first, 200), numbers.Select(n => n.Serial).Order());
        var stored = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records
            .Where(r => drafts.Contains(r.Id)).Select(r => r.IndexSerial!.Value).ToListAsync());
        Assert.Equal(Enumerable.Range(first, 200), stored.Order());
    }

    [Fact]
    public async Task A_record_published_in_the_year_of_the_imported_reference_record_continues_after_it()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var id = await DraftAsync(app, generatedOn: new DateOnly(2020, 1, 6));
        var publishAt = new DateTimeOffset(2020, 1, 8, 10, 0, 0, ChinaTime.Offset).UtcDateTime;

        var number = await app.RunAsync(s => s.GetRequiredService<PublishRecord>().ExecuteAsync(id, publishAt));

        Assert.Equal("01404053X/2020-00391", number.ToString());
    }

    [Fact]
    public async Task Publishing_a_published_record_again_is_refused_and_uses_no_serial()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var id = await DraftAsync(app);
        var first = await app.RunAsync(s => s.GetRequiredService<PublishRecord>().ExecuteAsync(id));
        await Assert.ThrowsAsync<DomainConflictException>(() => app.RunAsync(s => s.GetRequiredService<PublishRecord>().ExecuteAsync(id)));

        var other = await DraftAsync(app);
        var next = await app.RunAsync(s => s.GetRequiredService<PublishRecord>().ExecuteAsync(other));
        Assert.Equal(first.Serial + 1, next.Serial);
    }

    [Fact]
    public async Task A_failed_publication_gives_its_serial_back()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        // Generated after the publication date: Publish refuses after the serial was allocated.
        var bad = await DraftAsync(app, generatedOn: new DateOnly(2026, 12, 20));
        await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(s => s.GetRequiredService<PublishRecord>().ExecuteAsync(bad)));

        var good = await DraftAsync(app);
        var number = await app.RunAsync(s => s.GetRequiredService<PublishRecord>().ExecuteAsync(good));
        Assert.Equal(1, number.Serial);
    }

    [Fact]
    public async Task A_draft_with_a_term_of_the_wrong_list_is_refused()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        var content = RecordContents.Valid(terms) with { GenreId = terms.ByKey(Vocabulary.EffectStatus, TermKeys.InForce)!.Id };
        var error = await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(async s =>
        {
            var site = await s.GetRequiredService<GongkaiDbContext>().Sites.SingleAsync(x => x.Slug == "gxq");
            return await s.GetRequiredService<CreateDraft>().ExecuteAsync(site.Id, content);
        }));
        Assert.Contains("体裁", error.Message, StringComparison.Ordinal);
    }
}

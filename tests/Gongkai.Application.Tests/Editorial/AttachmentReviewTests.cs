using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Editorial;

/// <summary>
/// Attachments of a published record change through a revision and its review, like its text
/// (probe finding F1: an editor alone added or removed files of a published record, public at once).
/// </summary>
public sealed class AttachmentReviewTests
{
    private static async Task<(WorkflowResult Record, IndexNumber Number)> PublishedAsync(ApplicationServices app)
    {
        var terms = await app.TermsAsync();
        var published = await app.RunAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, "附件审核测试")));
        return (published, published.Number());
    }

    private static Task<int> AttachAsync(ApplicationServices app, long recordId, string name) => app.RunAsync(async s =>
    {
        var (editor, _) = await TestRecords.DeskAsync(s);
        using var pdf = new MemoryStream([.. "%PDF-1.7\n"u8, .. new byte[100]]);
        return await s.GetRequiredService<RecordWorkflow>().AttachAsync(editor, recordId, name, pdf);
    });

    private static Task<(IReadOnlyList<string> Public, string? Key)> PublicAsync(ApplicationServices app, IndexNumber number, int attachmentId) =>
        app.RunAsync(async s =>
        {
            var reader = s.GetRequiredService<CatalogReader>();
            var page = await reader.RecordAsync(number);
            return ((IReadOnlyList<string>)page!.Record.Attachments.Select(a => a.FileName).ToList(), await reader.AttachmentStorageKeyAsync(number, attachmentId));
        });

    [Fact]
    public async Task A_file_added_to_or_removed_from_a_published_record_changes_the_public_page_only_once_reviewed()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var (published, number) = await PublishedAsync(app);

        var id = await AttachAsync(app, published.RecordId, "补充材料.pdf");
        var (before, hidden) = await PublicAsync(app, number, id);
        Assert.Empty(before);
        Assert.Null(hidden); // not downloadable either

        await app.RunAsync(s => TestRecords.ApproveAsync(s, published.RecordId));
        var (after, key) = await PublicAsync(app, number, id);
        Assert.Equal(["补充材料.pdf"], after);
        Assert.NotNull(key);
        var versions = await app.RunAsync(async s => (await s.GetRequiredService<CatalogReader>().RecordAsync(number))!.Relations.Versions);
        Assert.Contains("附件", versions[^1].ChangedFields);

        // Removal: public until the revision that removes it is published, then the file goes.
        var path = Path.Combine(await app.RunAsync(s => Task.FromResult(s.GetRequiredService<AttachmentStore>().Root)), key!);
        Assert.True(File.Exists(path));
        await app.RunAsync(async s =>
        {
            var (editor, _) = await TestRecords.DeskAsync(s);
            await s.GetRequiredService<RecordWorkflow>().DetachAsync(editor, published.RecordId, id);
        });
        Assert.Equal(["补充材料.pdf"], (await PublicAsync(app, number, id)).Public);
        await app.RunAsync(s => TestRecords.ApproveAsync(s, published.RecordId));
        Assert.Empty((await PublicAsync(app, number, id)).Public);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Withdrawing_the_record_drops_a_file_that_was_waiting_for_review()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var (published, _) = await PublishedAsync(app);
        await AttachAsync(app, published.RecordId, "待审核材料.pdf");
        var key = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.Where(r => r.Id == published.RecordId)
            .SelectMany(r => r.Attachments).Select(a => a.StorageKey).SingleAsync());
        var path = Path.Combine(await app.RunAsync(s => Task.FromResult(s.GetRequiredService<AttachmentStore>().Root)), key);
        Assert.True(File.Exists(path));

        await app.RunAsync(s => TestRecords.WithdrawAsync(s, published.RecordId, "测试撤回"));

        Assert.False(await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.Where(r => r.Id == published.RecordId)
            .SelectMany(r => r.Attachments).AnyAsync()));
        Assert.False(File.Exists(path));
    }
}

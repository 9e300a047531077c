using Gongkai.Application.Accounts;
using Gongkai.Application.Editorial;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Editorial;

/// <summary>
/// The operation log's hash chain under writers that do not wait for one another: each event takes
/// its place when its transaction commits (GongkaiDbContext.AppendAuditEvent), so concurrent
/// transactions — on one node or on several, PostgreSQL's run included — neither collide on a
/// sequence number nor fork the chain, and a transaction that rolls back leaves no gap.
/// </summary>
public sealed class AuditChainTests
{
    [Fact]
    public async Task A_hundred_drafts_made_at_once_each_get_their_own_place_in_an_unbroken_chain()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        _ = await app.RunAsync(s => TestRecords.DeskAsync(s)); // the desk exists before the race
        var before = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents.CountAsync());

        // Creating a draft takes no row lock another draft waits for: before the chain was made at
        // commit, two of these on PostgreSQL read the same last event and one failed (PK_AuditEvents).
        var ids = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            app.RunAsync(s => TestRecords.DraftAsync(s, RecordContents.Valid(terms, $"并发起草测试{i}"))))));

        Assert.Equal(100, ids.Distinct().Count());
        var (count, drafts, sequences) = await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            return (await db.AuditEvents.CountAsync(),
                await db.AuditEvents.CountAsync(e => e.RecordId != null && ids.Contains(e.RecordId.Value)),
                await db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        });
        Assert.Equal(100, drafts);
        Assert.Equal(before + 100, count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), sequences);
        var audit = await app.RunAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync());
        Assert.True(audit.Intact, audit.Problem);
    }

    [Fact]
    public async Task Events_of_one_transaction_keep_their_order_and_a_rolled_back_one_leaves_no_gap()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var before = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents.MaxAsync(e => e.Sequence));

        await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var audit = s.GetRequiredService<AuditLog>();
            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                await audit.AppendAsync(Actor.System, "test.rolled-back", "test:1", null, null, null, null, null);
                await db.SaveChangesAsync();
                await rolledBack.RollbackAsync();
            }
            await using var transaction = await db.Database.BeginTransactionAsync();
            await audit.AppendAsync(Actor.System, "test.first", "test:2", null, null, null, null, null);
            await db.SaveChangesAsync();
            await audit.AppendAsync(Actor.System, "test.second", "test:3", null, null, null, null, null);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            // Saved without a transaction of the caller's: SaveChanges makes one, and the event is chained at its commit.
            await audit.AppendAsync(Actor.System, "test.third", "test:4", null, null, null, null, null);
            await db.SaveChangesAsync();
        });

        var after = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents
            .Where(e => e.Sequence > before).OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.Action }).ToListAsync());
        Assert.Equal([(before + 1, "test.first"), (before + 2, "test.second"), (before + 3, "test.third")],
            after.Select(e => (e.Sequence, e.Action)));
        var verification = await app.RunAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync());
        Assert.True(verification.Intact, verification.Problem);
    }
}

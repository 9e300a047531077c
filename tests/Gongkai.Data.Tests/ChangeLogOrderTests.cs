using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Data.Tests;

/// <summary>
/// The change log's ids ascend in commit order (docs/decisions/0004), so a node reading "every entry
/// after my position" never skips one committed late.
/// </summary>
public sealed class ChangeLogOrderTests
{
    [Fact]
    public async Task On_PostgreSQL_a_transaction_that_saved_first_but_commits_last_gets_the_larger_id()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 5, provider: "postgres");
        var (first, second, before) = await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var ids = await db.Records.OrderBy(r => r.Id).Select(r => r.Id).Take(2).ToListAsync();
            return (ids[0], ids[1], await db.SearchChanges.MaxAsync(c => c.Id));
        });

        await using var scope = app.Provider.CreateAsyncScope();
        var slow = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        await using var transaction = await slow.Database.BeginTransactionAsync();
        await TouchAsync(slow, first);

        // Meanwhile another writer saves and commits.
        await app.RunAsync(s => TouchAsync(s.GetRequiredService<GongkaiDbContext>(), second));
        await transaction.CommitAsync();

        var entries = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().SearchChanges
            .Where(c => c.Id > before).OrderBy(c => c.Id).Select(c => c.RecordId).ToListAsync());
        Assert.Equal([second, first], entries);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_transaction_that_rolls_back_announces_nothing_and_the_next_one_only_its_own(string provider)
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 5, provider: provider);
        var (first, second, before) = await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var ids = await db.Records.OrderBy(r => r.Id).Select(r => r.Id).Take(2).ToListAsync();
            return (ids[0], ids[1], await db.SearchChanges.MaxAsync(c => c.Id));
        });

        await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            await using (var abandoned = await db.Database.BeginTransactionAsync())
            {
                await TouchAsync(db, first);
                await abandoned.RollbackAsync();
            }
            db.ChangeTracker.Clear();
            await TouchAsync(db, second);
        });

        var entries = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().SearchChanges
            .Where(c => c.Id > before).Select(c => c.RecordId).ToListAsync());
        Assert.Equal([second], entries);
    }

    private static async Task TouchAsync(GongkaiDbContext db, long recordId)
    {
        var record = await db.Records.SingleAsync(r => r.Id == recordId);
        db.Entry(record).State = EntityState.Modified;
        await db.SaveChangesAsync();
    }
}

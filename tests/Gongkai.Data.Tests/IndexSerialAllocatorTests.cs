using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Data.Tests;

public sealed class IndexSerialAllocatorTests
{
    [Fact]
    public async Task Serials_outside_a_transaction_are_refused()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: false);
        await app.RunAsync(async services =>
        {
            var allocator = services.GetRequiredService<IndexSerialAllocator>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => allocator.NextAsync("01404053X", 2026));
        });
    }

    [Fact]
    public async Task A_rolled_back_allocation_gives_its_serial_back()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: false);
        await app.RunAsync(async services =>
        {
            var db = services.GetRequiredService<GongkaiDbContext>();
            var allocator = services.GetRequiredService<IndexSerialAllocator>();
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                Assert.Equal(1, (await allocator.NextAsync("01404053X", 2026)).Serial);
                await tx.RollbackAsync();
            }
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                Assert.Equal(1, (await allocator.NextAsync("01404053X", 2026)).Serial);
                Assert.Equal(2, (await allocator.NextAsync("01404053X", 2026)).Serial);
                await tx.CommitAsync();
            }
        });
    }

    [Fact]
    public async Task Series_are_kept_per_prefix_and_year()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: false);
        await app.RunAsync(async services =>
        {
            var db = services.GetRequiredService<GongkaiDbContext>();
            var allocator = services.GetRequiredService<IndexSerialAllocator>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await allocator.ObserveAsync(IndexNumber.Parse("01404053X/2020-00390"));
            Assert.Equal("01404053X/2020-00391", (await allocator.NextAsync("01404053X", 2020)).ToString());
            Assert.Equal("01404053X/2021-00001", (await allocator.NextAsync("01404053X", 2021)).ToString());
            Assert.Equal("014006438/2020-00001", (await allocator.NextAsync("014006438", 2020)).ToString());
            Assert.Equal(2, await allocator.ReserveAsync("01404053X", 2021, 10));
            Assert.Equal("01404053X/2021-00012", (await allocator.NextAsync("01404053X", 2021)).ToString());
            await tx.CommitAsync();
        });
    }

    [Fact]
    public async Task A_series_past_99999_is_refused_and_rolled_back()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: false);
        await app.RunAsync(async services =>
        {
            var db = services.GetRequiredService<GongkaiDbContext>();
            var allocator = services.GetRequiredService<IndexSerialAllocator>();
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                await allocator.ObserveAsync(IndexNumber.Create("01404053X", 2026, 99_998));
                await tx.CommitAsync();
            }
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                Assert.Equal(99_999, (await allocator.NextAsync("01404053X", 2026)).Serial);
                await Assert.ThrowsAsync<DomainConflictException>(() => allocator.NextAsync("01404053X", 2026));
                await tx.RollbackAsync();
            }
            var counter = await db.IndexSerials.AsNoTracking().SingleAsync(c => c.Prefix == "01404053X" && c.Year == 2026);
            Assert.Equal(99_998, counter.LastSerial);
        });
    }
}

using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Catalog;

/// <summary>
/// Publishes a record: on first publication it allocates the index number of the publisher's
/// prefix and the year of the 公开日期, in the same transaction as the state change, so that a
/// failed publication gives its serial back and the series stays without gaps.
/// </summary>
public sealed class PublishRecord(GongkaiDbContext db, IndexSerialAllocator allocator, TimeProvider time)
{
    /// <param name="recordId">the record to publish</param>
    /// <param name="publishAtUtc">when it becomes public; now when null</param>
    public async Task<IndexNumber> ExecuteAsync(long recordId, DateTime? publishAtUtc = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var at = publishAtUtc ?? now;
        // SQLite: BEGIN IMMEDIATE takes the write lock up front, so concurrent publishers queue
        // (busy timeout) instead of failing; PostgreSQL: the counter row lock serialises them.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var record = await db.Records.SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken).ConfigureAwait(false)
                     ?? throw new DomainException($"编号为{recordId}的信息不存在。");
        await PublishInTransactionAsync(record, at, now, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return record.IndexNumber!.Value;
    }

    /// <summary>
    /// Publishes <paramref name="record"/> at <paramref name="at"/>, allocating its index number on
    /// first publication. The caller holds the transaction and saves.
    /// </summary>
    public async Task PublishInTransactionAsync(Record record, DateTime at, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        IndexNumber? allocated = null;
        if (!record.HasIndexNumber)
        {
            var prefix = await db.Organizations.Where(o => o.Id == record.PublisherId).Select(o => o.IndexPrefix)
                .SingleAsync(cancellationToken).ConfigureAwait(false);
            var year = IndexSerialCounter.YearFor(ChinaTime.DateOf(at));
            allocated = await allocator.NextAsync(prefix, year, cancellationToken).ConfigureAwait(false);
        }
        record.Publish(at, _ => allocated ?? throw new InvalidOperationException("No index number was allocated."), now);
    }
}

/// <summary>Creates a draft record. (The editorial console and its review workflow build on this.)</summary>
public sealed class CreateDraft(GongkaiDbContext db, TermDirectory terms, TimeProvider time)
{
    public async Task<long> ExecuteAsync(int siteId, RecordContent content, int? publisherId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false)
                   ?? throw new DomainException($"编号为{siteId}的站点不存在。");
        var snapshot = await terms.GetAsync(cancellationToken).ConfigureAwait(false);
        RecordContentValidator.Validate(content, snapshot);
        var record = Record.Draft(site.Id, publisherId ?? site.OrganizationId, content, time.GetUtcNow().UtcDateTime);
        db.Records.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return record.Id;
    }
}

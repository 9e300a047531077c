using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Setup;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Editorial;

/// <summary>One record published before it came here: where, by whom, when, and its index number if it has one.</summary>
public sealed record ImportedRecord(int SiteId, int PublisherId, RecordContent Content, DateOnly PublishedOn, DateTime PublishedAtUtc, IndexNumber? Number = null);

/// <summary>
/// 导入: records that were published before they came to the platform (a former portal's catalog,
/// the demo site group), with their own past publication dates, which <see cref="RecordWorkflow"/>
/// cannot give (it publishes at the moment of approval). Only an administrator or the platform
/// itself imports; each batch is one transaction and one entry in the operation log. A record keeps
/// the index number it came with (never changed, 国办秘函〔2009〕6号) and the counter moves past it;
/// one without gets the next serials of its prefix and year, in order of publication.
/// </summary>
public sealed class RecordImport(GongkaiDbContext db, TermDirectory terms, IndexSerialAllocator allocator, AuditLog audit, CalendarSource calendars, TimeProvider time)
{
    /// <summary>Imports <paramref name="batch"/> in one transaction and returns how many records were added.</summary>
    /// <param name="isDemo">marks the records as demo data (removed by `gongkai demo remove`)</param>
    public async Task<int> ImportAsync(Actor actor, IReadOnlyList<ImportedRecord> batch, bool isDemo = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(batch);
        if (actor.UserId is not null && !actor.IsAdministrator)
        {
            throw new DomainForbiddenException("只有管理员可以导入信息。");
        }
        if (batch.Count == 0)
        {
            return 0;
        }
        var snapshot = await terms.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var item in batch)
        {
            RecordContentValidator.Validate(item.Content, snapshot);
        }
        var prefixes = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.IndexPrefix, cancellationToken).ConfigureAwait(false);
        var calendar = calendars.Current;
        var now = time.GetUtcNow().UtcDateTime;
        var numbers = new List<IndexNumber>(batch.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var series in batch.Where(r => r.Number is null)
                     .GroupBy(r => (Prefix: prefixes[r.PublisherId], Year: IndexSerialCounter.YearFor(r.PublishedOn))))
        {
            var ordered = series.OrderBy(r => r.PublishedAtUtc).ToList();
            var first = await allocator.ReserveAsync(series.Key.Prefix, series.Key.Year, ordered.Count, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < ordered.Count; i++)
            {
                numbers.Add(Add(ordered[i], IndexNumber.Create(series.Key.Prefix, series.Key.Year, first + i)));
            }
        }
        foreach (var item in batch.Where(r => r.Number is not null))
        {
            numbers.Add(Add(item, item.Number!.Value));
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kept in batch.Where(r => r.Number is not null))
        {
            // Later serials of the prefix and year continue after a number that came with its record.
            await allocator.ObserveAsync(kept.Number!.Value, cancellationToken).ConfigureAwait(false);
        }
        var ordinal = numbers.OrderBy(n => n.Prefix, StringComparer.Ordinal).ThenBy(n => n.Year).ThenBy(n => n.Serial).ToList();
        await audit.AppendAsync(actor, AuditActions.RecordImport, "records", null, null,
            new { count = batch.Count, first = ordinal[0].ToString(), last = ordinal[^1].ToString(), demo = isDemo }, null,
            AuditLog.HashOf(numbers.Select(n => n.ToString())), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return batch.Count;

        IndexNumber Add(ImportedRecord item, IndexNumber number)
        {
            var record = Record.Imported(item.SiteId, item.PublisherId, item.Content, number, item.PublishedOn, item.PublishedAtUtc, now, isDemo);
            // Judged as if published here (条例 Art. 26), so that the statistics count it.
            var check = Timeliness.Check(calendar, item.Content.GeneratedOn, item.PublishedOn, period: item.Content.PublicationPeriod);
            record.MarkTimeliness(check.Days is null ? null : check.Late);
            db.Records.Add(record);
            return number;
        }
    }
}

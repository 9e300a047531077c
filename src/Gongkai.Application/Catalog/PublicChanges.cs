using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Catalog;

/// <summary>What a run of the change log changed on the public pages: every page, or the pages of some records.</summary>
/// <param name="Position">the id of the last entry read</param>
/// <param name="EveryPage">an organization, site or term changed: what every page shows</param>
/// <param name="RecordUrls">the changed records' addresses and those of the records they link to (a new link shows on both pages)</param>
public sealed record PublicChangeBatch(long Position, bool EveryPage, IReadOnlyList<string> RecordUrls);

/// <summary>
/// Reads the change log (the one that feeds the search index) for the public page cache of each
/// node: which public pages a run of entries changed.
/// </summary>
public sealed class PublicChanges(GongkaiDbContext db)
{
    /// <summary>The id of the latest entry (0 when the log is empty).</summary>
    public async Task<long> LatestAsync(CancellationToken cancellationToken = default) =>
        await db.SearchChanges.MaxAsync(c => (long?)c.Id, cancellationToken).ConfigureAwait(false) ?? 0;

    /// <summary>The pages changed by up to <paramref name="max"/> entries after <paramref name="position"/>; null when there are none.</summary>
    public async Task<PublicChangeBatch?> AfterAsync(long position, int max, CancellationToken cancellationToken = default)
    {
        var changes = await db.SearchChanges.AsNoTracking().Where(c => c.Id > position).OrderBy(c => c.Id).Take(max)
            .Select(c => new { c.Id, c.RecordId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (changes.Count == 0)
        {
            return null;
        }
        var ids = changes.Select(c => c.RecordId).Distinct().ToList();
        if (ids.Contains(SearchChange.EveryPage))
        {
            return new PublicChangeBatch(changes[^1].Id, true, []);
        }
        var records = await Links(ids, cancellationToken).ConfigureAwait(false);
        var linkedIds = records.SelectMany(r => new[] { r.InterpretsRecordId, r.ReplacedByRecordId }).OfType<long>().Except(ids).ToList();
        if (linkedIds.Count > 0)
        {
            records.AddRange(await Links(linkedIds, cancellationToken).ConfigureAwait(false));
        }
        var urls = records.Where(r => r.IndexPrefix is not null && r.IndexYear is not null && r.IndexSerial is not null)
            .Select(r => RecordUrls.Record(r.IndexPrefix!, r.IndexYear!.Value, r.IndexSerial!.Value)).Distinct().ToList();
        return new PublicChangeBatch(changes[^1].Id, false, urls);
    }

    private async Task<List<LinkRow>> Links(List<long> ids, CancellationToken cancellationToken) =>
        await db.Records.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new LinkRow(r.IndexPrefix, r.IndexYear, r.IndexSerial, r.InterpretsRecordId, r.ReplacedByRecordId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    private sealed record LinkRow(string? IndexPrefix, int? IndexYear, int? IndexSerial, long? InterpretsRecordId, long? ReplacedByRecordId);
}

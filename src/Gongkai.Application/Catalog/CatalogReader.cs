using Gongkai.Application.Search;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Catalog;

/// <summary>A page of the catalog with its facets (each counted with the other filters applied).</summary>
public sealed record CatalogPage(
    ResolvedCatalogQuery Query,
    IReadOnlyList<RecordRow> Rows,
    int Total,
    IReadOnlyList<FacetValue> Themes,
    IReadOnlyList<FacetValue> Genres,
    IReadOnlyList<FacetValue> Organizations,
    IReadOnlyList<FacetValue> Years)
{
    /// <summary>Whether the search index counted it (otherwise the database did: <see cref="CatalogReader.BrowseAsync"/>).</summary>
    public bool CountedByIndex { get; init; }

    public int PageCount => Math.Max(1, (int)Math.Ceiling(Total / (double)Query.PageSize));
}

/// <summary>
/// Reads the public catalog: the home page, a site's section and catalog, the record page, feeds
/// and sitemap. Every read applies <see cref="PublicVisibility"/>: in the query, or in memory for
/// lookups by a key of their own (<see cref="PublicVisibility.IsPublic"/>).
/// </summary>
public sealed class CatalogReader(GongkaiDbContext db, TermDirectory termDirectory, IndexFolder indexFolder, IndexUpdater indexer, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private IQueryable<Record> Public => db.Records.AsNoTracking().WherePublic(Now);

    // Sites and organizations are read once per request (the reader is scoped): one page asks for
    // them several times (filters, rows, facets).
    private IReadOnlyList<SiteInfo>? _sites;
    private IReadOnlyList<(int Id, string FullName, string ShortName)>? _organizations;

    public async Task<IReadOnlyList<SiteInfo>> SitesAsync(CancellationToken cancellationToken = default) =>
        _sites ??= await (from s in db.Sites.AsNoTracking()
                          join o in db.Organizations.AsNoTracking() on s.OrganizationId equals o.Id
                          orderby s.ParentId != null, s.SortOrder, s.Id
                          select new SiteInfo(s.Id, s.Slug, s.Name, s.ParentId, s.SortOrder, s.SiteIdCode, o.Id, o.FullName, o.ShortName))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task<SiteInfo?> SiteAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!Site.IsWellFormedSlug(slug))
        {
            return null;
        }
        return (await SitesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Slug == slug);
    }

    public async Task<IReadOnlyList<(int Id, string FullName, string ShortName)>> OrganizationsAsync(CancellationToken cancellationToken = default)
    {
        if (_organizations is null)
        {
            var rows = await db.Organizations.AsNoTracking().OrderBy(o => o.Id)
                .Select(o => new { o.Id, o.FullName, o.ShortName }).ToListAsync(cancellationToken).ConfigureAwait(false);
            _organizations = rows.Select(o => (o.Id, o.FullName, o.ShortName)).ToList();
        }
        return _organizations;
    }

    /// <summary>The organization whose 前段码 (index-number prefix) this is, or null.</summary>
    public async Task<int?> OrganizationIdAsync(string indexPrefix, CancellationToken cancellationToken = default) =>
        await db.Organizations.AsNoTracking().Where(o => o.IndexPrefix == indexPrefix).Select(o => (int?)o.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    public async Task<ResolvedCatalogQuery> ResolveAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        var sites = await SitesAsync(cancellationToken).ConfigureAwait(false);
        var terms = await termDirectory.GetAsync(cancellationToken).ConfigureAwait(false);
        var organizations = await OrganizationsAsync(cancellationToken).ConfigureAwait(false);
        return CatalogQueryResolver.Resolve(query, sites, terms, organizations);
    }

    /// <summary>The newest public records of the given sites (all sites when null).</summary>
    public async Task<IReadOnlyList<RecordRow>> LatestAsync(IReadOnlyList<int>? siteIds, int count,
        SectionColumn? column = null, CancellationToken cancellationToken = default)
    {
        var q = Public;
        if (siteIds is not null)
        {
            q = q.Where(r => siteIds.Contains(r.SiteId));
        }
        if (column is SectionColumn c)
        {
            q = q.Where(r => r.Column == c);
        }
        var records = await q.OrderByDescending(r => r.PublishedAtUtc).ThenByDescending(r => r.Id)
            .Take(count).ToListAsync(cancellationToken).ConfigureAwait(false);
        return await ToRowsAsync(records, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A page of the catalog with its facets, as the database holds it at the time of the request.
    /// Counted by this node's search index (<see cref="CatalogSearch"/>), brought up to the change
    /// log's latest entry first (<see cref="IndexUpdater.CatchUpBeforeReadAsync"/>); only the page's
    /// rows are read from the database. When the index cannot be brought up to date at once (it is
    /// being rebuilt, or is more than a batch behind after a bulk import or an upgrade), counted by
    /// the database instead (<see cref="BrowseDatabaseAsync"/>): slower at size, never stale.
    /// </summary>
    public async Task<CatalogPage> BrowseAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync(query, cancellationToken).ConfigureAwait(false);
        var latest = await db.SearchChanges.MaxAsync(c => (long?)c.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        if (indexFolder.Index.IsOutdated || !await indexer.CatchUpBeforeReadAsync(latest, cancellationToken).ConfigureAwait(false))
        {
            return await BrowseDatabaseAsync(resolved, cancellationToken).ConfigureAwait(false);
        }

        var hits = CatalogSearch.Browse(indexFolder.Index, FilterOf(resolved), Now, (resolved.Page - 1) * resolved.PageSize, resolved.PageSize);

        // The rows in the index's order; one that stopped being public since the index was read is left out.
        var now = Now;
        var records = hits.Ids.Count == 0 ? [] : (await db.Records.AsNoTracking().Where(r => hits.Ids.Contains(r.Id)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => PublicVisibility.IsPublic(r.State, r.PublishedAtUtc, now)).ToList();
        var order = hits.Ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var rows = await ToRowsAsync(records.OrderBy(r => order[r.Id]).ToList(), cancellationToken).ConfigureAwait(false);
        return await PageAsync(resolved, rows, hits.Total, hits.Themes, hits.Genres, hits.Publishers, hits.Years, cancellationToken).ConfigureAwait(false)
            with { CountedByIndex = true };
    }

    /// <summary>A resolved catalog query as the search index takes it.</summary>
    public static CatalogFilter FilterOf(ResolvedCatalogQuery resolved) =>
        new(resolved.SiteIds!, resolved.ThemeIds, resolved.Genre?.Id, resolved.PublisherId, resolved.Year)
        {
            Column = SearchDocument.ColumnKey(resolved.Column),
        };

    /// <summary>
    /// The same page counted by the database: used while the index cannot serve, and by the tests that
    /// hold the two to the same answers. Its cost grows with the records of the chosen sites.
    /// </summary>
    internal async Task<CatalogPage> BrowseDatabaseAsync(ResolvedCatalogQuery resolved, CancellationToken cancellationToken = default)
    {
        var filtered = Filter(resolved, skip: Facet.None);
        var total = await filtered.CountAsync(cancellationToken).ConfigureAwait(false);
        var records = await filtered
            .OrderByDescending(r => r.PublishedAtUtc).ThenByDescending(r => r.Id)
            .Skip((resolved.Page - 1) * resolved.PageSize).Take(resolved.PageSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ToRowsAsync(records, cancellationToken).ConfigureAwait(false);

        // Facets: each dimension counted with every other filter applied, so a count is the number
        // of rows the reader gets by clicking it.
        var themeCounts = await Filter(resolved, Facet.Theme).GroupBy(r => r.ThemeId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken).ConfigureAwait(false);
        var genreCounts = await Filter(resolved, Facet.Genre).GroupBy(r => r.GenreId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken).ConfigureAwait(false);
        var orgCounts = await Filter(resolved, Facet.Organization).GroupBy(r => r.PublisherId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken).ConfigureAwait(false);
        // Grouped by day, then folded into years here: a computed year would defeat the covering index.
        var dayCounts = await Filter(resolved, Facet.Year).GroupBy(r => r.PublishedOn)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var yearCounts = dayCounts.GroupBy(d => d.Key!.Value.Year).ToDictionary(g => g.Key, g => g.Sum(d => d.Count));
        return await PageAsync(resolved, rows, total, themeCounts, genreCounts, orgCounts, yearCounts, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CatalogPage> PageAsync(ResolvedCatalogQuery resolved, IReadOnlyList<RecordRow> rows, int total,
        IReadOnlyDictionary<int, int> themeCounts, IReadOnlyDictionary<int, int> genreCounts, IReadOnlyDictionary<int, int> orgCounts, IReadOnlyDictionary<int, int> yearCounts,
        CancellationToken cancellationToken)
    {
        var terms = await termDirectory.GetAsync(cancellationToken).ConfigureAwait(false);
        var themes = new List<FacetValue>();
        foreach (var root in terms.Roots(Vocabulary.Theme))
        {
            var children = terms.Children(root.Id)
                .Select(c => new FacetValue(CatalogQueryResolver.ThemePath(c, terms), c.Label, themeCounts.GetValueOrDefault(c.Id),
                    resolved.Theme?.Id == c.Id, []))
                .Where(f => f.Count > 0).ToList();
            var count = themeCounts.GetValueOrDefault(root.Id) + children.Sum(c => c.Count);
            if (count > 0)
            {
                themes.Add(new FacetValue(root.Label, root.Label, count, resolved.Theme?.Id == root.Id, children));
            }
        }
        var genres = terms.Of(Vocabulary.Genre)
            .Select(g => new FacetValue(g.Label, g.Label, genreCounts.GetValueOrDefault(g.Id), resolved.Genre?.Id == g.Id, []))
            .Where(f => f.Count > 0).ToList();
        var organizations = (await OrganizationsAsync(cancellationToken).ConfigureAwait(false))
            .Select(o => new FacetValue(o.FullName, o.FullName, orgCounts.GetValueOrDefault(o.Id), resolved.PublisherId == o.Id, []))
            .Where(f => f.Count > 0).ToList();
        var years = yearCounts.OrderByDescending(y => y.Key)
            .Select(y => new FacetValue(y.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
                y.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) + "年", y.Value, resolved.Year == y.Key, []))
            .ToList();

        return new CatalogPage(resolved, rows, total, themes, genres, organizations, years);
    }

    /// <summary>The public record with this index number, or null (unknown, draft, withdrawn or not yet due).</summary>
    public async Task<RecordPage?> RecordAsync(IndexNumber number, CancellationToken cancellationToken = default)
    {
        var record = await Public.Include(r => r.Attachments)
            .SingleOrDefaultAsync(r => r.IndexPrefix == number.Prefix && r.IndexYear == number.Year && r.IndexSerial == number.Serial,
                cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }
        var terms = await termDirectory.GetAsync(cancellationToken).ConfigureAwait(false);
        var site = (await SitesAsync(cancellationToken).ConfigureAwait(false)).Single(s => s.Id == record.SiteId);
        var publisher = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == record.PublisherId, cancellationToken).ConfigureAwait(false);
        var dto = ToDto(record, publisher.FullName, terms);
        return new RecordPage(dto, site, number, ChinaTime.ToChina(record.PublishedAtUtc!.Value), record.UpdatedAtUtc,
            terms.TryGet(record.EffectStatusId, out var status) ? status.Key : null,
            terms.TryGet(record.GenreId, out var genre) ? genre.Key : null,
            record.Column,
            await RelationsAsync(record, cancellationToken).ConfigureAwait(false));
    }

    private async Task<RecordRelations> RelationsAsync(Record record, CancellationToken cancellationToken)
    {
        var linkedIds = new[] { record.InterpretsRecordId, record.ReplacedByRecordId }.OfType<long>().ToList();
        // Two lookups, each by an index (the primary key; the foreign-key index IX_Records_InterpretsRecordId): one query
        // with OR over both columns made SQLite scan the table (1.7 s at 300,000 records). Public is
        // tested in memory: with it in the query, SQLite read every public record instead (IsPublic).
        var now = Now;
        var linked = linkedIds.Count == 0 ? [] : await db.Records.AsNoTracking().Where(r => linkedIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Title, r.IndexPrefix, r.IndexYear, r.IndexSerial, r.InterpretsRecordId, r.PublishedAtUtc, r.State })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        linked.AddRange(await db.Records.AsNoTracking().Where(r => r.InterpretsRecordId == record.Id)
            .Select(r => new { r.Id, r.Title, r.IndexPrefix, r.IndexYear, r.IndexSerial, r.InterpretsRecordId, r.PublishedAtUtc, r.State })
            .ToListAsync(cancellationToken).ConfigureAwait(false));
        linked.RemoveAll(r => !PublicVisibility.IsPublic(r.State, r.PublishedAtUtc, now));
        RecordLink Link(long id)
        {
            var r = linked.First(x => x.Id == id);
            return new RecordLink(r.Title, RecordUrls.Record(r.IndexPrefix!, r.IndexYear!.Value, r.IndexSerial!.Value));
        }
        var interpretations = linked.Where(r => r.InterpretsRecordId == record.Id).OrderBy(r => r.PublishedAtUtc).Select(r => Link(r.Id)).ToList();
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.RecordId == record.Id && r.State == Core.Editorial.RevisionState.Published)
            .OrderBy(r => r.Number)
            .Select(r => new { r.Number, r.PublishedAtUtc, r.ChangedFields, r.ChangeNote })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<VersionEntry>();
        if (revisions.Count == 0 || revisions[0].ChangedFields.FirstOrDefault() != "首次发布")
        {
            // Published before the workflow kept versions (imported or demo data).
            versions.Add(new VersionEntry(1, ChinaTime.ToChina(record.PublishedAtUtc!.Value), ["首次发布"], null));
        }
        versions.AddRange(revisions.Select(r => new VersionEntry(0, ChinaTime.ToChina(r.PublishedAtUtc!.Value), r.ChangedFields, r.ChangeNote)));
        versions = versions.Select((v, i) => v with { Number = i + 1 }).ToList();
        return new RecordRelations(
            record.InterpretsRecordId is long p && linked.Any(x => x.Id == p) ? Link(p) : null,
            interpretations,
            record.ReplacedByRecordId is long q && linked.Any(x => x.Id == q) ? Link(q) : null,
            record.EffectStatusChangedOn,
            versions);
    }

    /// <summary>The notice for a withdrawn record's address, or null when the number was never public.</summary>
    public async Task<WithdrawnNotice?> WithdrawnAsync(IndexNumber number, CancellationToken cancellationToken = default)
    {
        var record = await db.Records.AsNoTracking()
            .Where(r => r.State == RecordState.Withdrawn && r.IndexPrefix == number.Prefix && r.IndexYear == number.Year && r.IndexSerial == number.Serial)
            .Select(r => new { r.Title, r.SiteId, r.WithdrawnAtUtc, r.WithdrawalReason, r.PublishedAtUtc })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (record is null || record.PublishedAtUtc is null || record.PublishedAtUtc > Now)
        {
            return null;
        }
        var site = (await SitesAsync(cancellationToken).ConfigureAwait(false)).Single(s => s.Id == record.SiteId);
        return new WithdrawnNotice(record.Title, number.ToString(), site,
            record.WithdrawnAtUtc is DateTime at ? ChinaTime.ToChina(at) : null, record.WithdrawalReason ?? string.Empty);
    }

    /// <summary>The public records with ids in page <paramref name="page"/>'s range ((page − 1) × size, page × size]: a range of the primary key.</summary>
    public async Task<IReadOnlyList<(string Url, DateTime UpdatedAtUtc)>> SitemapPageAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var from = (long)(page - 1) * pageSize;
        var to = from + pageSize;
        // By the key alone, public tested in memory (PublicVisibility.IsPublic): with the public
        // range in the query, SQLite sorted every public record for each page.
        var now = Now;
        var rows = (await db.Records.AsNoTracking().Where(r => r.Id > from && r.Id <= to).OrderBy(r => r.Id)
            .Select(r => new { r.IndexPrefix, r.IndexYear, r.IndexSerial, r.UpdatedAtUtc, r.State, r.PublishedAtUtc })
            .ToListAsync(cancellationToken).ConfigureAwait(false)).Where(r => PublicVisibility.IsPublic(r.State, r.PublishedAtUtc, now));
        return rows.Select(r => (RecordUrls.Record(r.IndexPrefix!, r.IndexYear!.Value, r.IndexSerial!.Value), r.UpdatedAtUtc)).ToList();
    }

    /// <summary>The highest record id there is (public or not; 0 when there are none).</summary>
    public async Task<long> LastRecordIdAsync(CancellationToken cancellationToken = default) =>
        await db.Records.MaxAsync(r => (long?)r.Id, cancellationToken).ConfigureAwait(false) ?? 0;

    /// <summary>Where the bytes of a public record's attachment are kept, or null.</summary>
    public async Task<string?> AttachmentStorageKeyAsync(IndexNumber number, int attachmentId, CancellationToken cancellationToken = default)
    {
        var keys = await Public
            .Where(r => r.IndexPrefix == number.Prefix && r.IndexYear == number.Year && r.IndexSerial == number.Serial)
            .SelectMany(r => r.Attachments).Where(a => a.Id == attachmentId && a.AddedInRevision == null).Select(a => a.StorageKey)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return keys.SingleOrDefault();
    }

    private enum Facet { None, Theme, Genre, Organization, Year }

    private IQueryable<Record> Filter(ResolvedCatalogQuery q, Facet skip)
    {
        var records = Public.Where(r => r.Column == q.Column);
        if (q.SiteIds is { } siteIds)
        {
            records = records.Where(r => siteIds.Contains(r.SiteId));
        }
        if (skip != Facet.Theme && q.ThemeIds is { } themeIds)
        {
            records = records.Where(r => themeIds.Contains(r.ThemeId));
        }
        if (skip != Facet.Genre && q.Genre is { } genre)
        {
            records = records.Where(r => r.GenreId == genre.Id);
        }
        if (skip != Facet.Organization && q.PublisherId is int publisherId)
        {
            records = records.Where(r => r.PublisherId == publisherId);
        }
        if (skip != Facet.Year && q.Year is int year)
        {
            // The China-time year as a UTC range of the publication moment (公开日期 is its China
            // date), so the range runs along the catalog index.
            var from = ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1));
            var to = ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 1, 1));
            records = records.Where(r => r.PublishedAtUtc >= from && r.PublishedAtUtc < to);
        }
        return records;
    }

    private async Task<IReadOnlyList<RecordRow>> ToRowsAsync(List<Record> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }
        var terms = await termDirectory.GetAsync(cancellationToken).ConfigureAwait(false);
        var sites = (await SitesAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Id);
        var orgs = (await OrganizationsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(o => o.Id);
        return records.Select(r =>
        {
            var number = r.IndexNumber!.Value;
            var status = terms.TryGet(r.EffectStatusId, out var s) ? s : null;
            return new RecordRow(number.ToString(), RecordUrls.Record(number), r.Title, r.GeneratedOn, r.PublishedOn!.Value,
                r.PublishedAtUtc!.Value, r.DocumentNumber, sites[r.SiteId].Name, orgs[r.PublisherId].FullName, r.Summary,
                status?.Label, status is null || status.Key == TermKeys.InForce);
        }).ToList();
    }

    internal static RecordDto ToDto(Record record, string publisher, TermSnapshot terms)
    {
        var number = record.IndexNumber!.Value;
        var (primary, secondary) = terms.ThemeLevels(record.ThemeId);
        return new RecordDto(
            IndexNumber: number.ToString(),
            Title: record.Title,
            GeneratedOn: record.GeneratedOn,
            PublishedOn: record.PublishedOn!.Value,
            DocumentNumber: record.DocumentNumber,
            DisclosureTerm: terms.Label(record.DisclosureTermId),
            Publisher: publisher,
            DisclosureForms: record.DisclosureFormIds.Select(terms.Label).ToList(),
            DisclosureMethod: terms.Label(record.DisclosureMethodId),
            DisclosureScope: terms.Label(record.DisclosureScopeId),
            Validity: record.ValidUntil is DateOnly until ? until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "长期",
            Procedure: record.Procedure,
            Genre: terms.Label(record.GenreId),
            ThemePrimary: primary.Label,
            ThemeSecondary: secondary?.Label,
            Keywords: record.Keywords,
            EffectStatus: terms.Label(record.EffectStatusId),
            Summary: record.Summary,
            BodyHtml: record.BodyHtml,
            Attachments: record.Attachments.Where(a => a.IsPublic).Select(a => new AttachmentDto(a.FileName, a.ContentType, a.Length, RecordUrls.Attachment(number, a.Id))).ToList(),
            Url: RecordUrls.Record(number));
    }
}

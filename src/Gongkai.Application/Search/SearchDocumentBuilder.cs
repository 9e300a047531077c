using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Search;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Search;

/// <summary>Builds the search documents of records from the database (labels, site, publisher, plain body).</summary>
public sealed class SearchDocumentBuilder(GongkaiDbContext db, TermDirectory termDirectory)
{
    private TermSnapshot? _terms;
    private Dictionary<int, Site>? _sites;
    private Dictionary<int, string>? _publishers;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _terms = await termDirectory.GetAsync(cancellationToken).ConfigureAwait(false);
        _sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken).ConfigureAwait(false);
        _publishers = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.FullName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The document of a published record (scheduled ones included: searches filter by time).</summary>
    public SearchDocument Build(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_terms is null || _sites is null || _publishers is null)
        {
            throw new InvalidOperationException("Call PrepareAsync first.");
        }
        var number = record.IndexNumber!.Value;
        var (primary, secondary) = _terms.ThemeLevels(record.ThemeId);
        var site = _sites[record.SiteId];
        return new SearchDocument
        {
            Id = record.Id,
            IndexNumber = number.ToString(),
            Url = RecordUrls.Record(number),
            Title = record.Title,
            DocumentNumber = record.DocumentNumber,
            Keywords = record.Keywords,
            Summary = record.Summary,
            Body = TextNormalizer.HtmlToText(record.BodyHtml),
            SiteSlug = site.Slug,
            SiteName = site.Name,
            Publisher = _publishers[record.PublisherId],
            ThemePrimary = primary.Label,
            ThemeSecondary = secondary?.Label,
            Genre = _terms.Label(record.GenreId),
            EffectStatus = _terms.Label(record.EffectStatusId),
            GeneratedOn = record.GeneratedOn,
            PublishedOn = record.PublishedOn!.Value,
            PublishedAtUtc = record.PublishedAtUtc!.Value,
        };
    }

    /// <summary>Whether a record belongs in the index: published (its time may still be ahead).</summary>
    public static bool Indexable(Record record) =>
        record is { State: RecordState.Published, PublishedAtUtc: not null, IndexSerial: not null };
}

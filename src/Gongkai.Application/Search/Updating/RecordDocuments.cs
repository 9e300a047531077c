using System.Linq.Expressions;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Application.Search;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Search;

/// <summary>Builds the search documents of records from the database (labels, site, publisher, plain body).</summary>
public sealed class RecordDocuments(GongkaiDbContext db, TermDirectory termDirectory)
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

    /// <summary>The columns of a record that its search document needs, as a query projection.</summary>
    public static readonly Expression<Func<Record, SearchSource>> Source = r => new SearchSource(
        r.Id, r.State, r.SiteId, r.PublisherId, r.IndexPrefix, r.IndexYear, r.IndexSerial, r.Title, r.DocumentNumber, r.Keywords,
        r.Summary, r.BodyHtml, r.ThemeId, r.GenreId, r.EffectStatusId, r.GeneratedOn, r.PublishedOn, r.PublishedAtUtc, r.Column);

    /// <summary>The document of a published record (scheduled ones included: searches filter by time).</summary>
    public SearchDocument Build(SearchSource record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_terms is null || _sites is null || _publishers is null)
        {
            throw new InvalidOperationException("Call PrepareAsync first.");
        }
        var number = IndexNumber.Create(record.IndexPrefix!, record.IndexYear!.Value, record.IndexSerial!.Value);
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
            Column = SearchDocument.ColumnKey(record.Column),
            SiteId = record.SiteId,
            PublisherId = record.PublisherId,
            ThemeId = record.ThemeId,
            GenreId = record.GenreId,
            EffectStatus = _terms.Label(record.EffectStatusId),
            GeneratedOn = record.GeneratedOn,
            PublishedOn = record.PublishedOn!.Value,
            PublishedAtUtc = record.PublishedAtUtc!.Value,
        };
    }

    /// <summary>Whether a record belongs in the index: published (its time may still be ahead).</summary>
    public static bool Indexable(SearchSource record) =>
        record is { State: RecordState.Published, PublishedAtUtc: not null, IndexPrefix: not null, IndexYear: not null, IndexSerial: not null };
}

/// <summary>What <see cref="RecordDocuments"/> reads of a record (<see cref="RecordDocuments.Source"/>).</summary>
public sealed record SearchSource(
    long Id, RecordState State, int SiteId, int PublisherId, string? IndexPrefix, int? IndexYear, int? IndexSerial, string Title,
    string? DocumentNumber, List<string> Keywords, string Summary, string BodyHtml, int ThemeId, int GenreId, int EffectStatusId,
    DateOnly GeneratedOn, DateOnly? PublishedOn, DateTime? PublishedAtUtc, SectionColumn Column);

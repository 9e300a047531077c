namespace Gongkai.Application.Search;

/// <summary>What the index holds of one public record. Built by the application from the database.</summary>
public sealed record SearchDocument
{
    public required long Id { get; init; }
    public required string IndexNumber { get; init; }
    public required string Url { get; init; }
    public required string Title { get; init; }
    public string? DocumentNumber { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public string Summary { get; init; } = string.Empty;

    /// <summary>Plain text of the body.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>Text extracted from attachments (room for it; filled when attachments are read).</summary>
    public string? AttachmentText { get; init; }

    public required string SiteSlug { get; init; }
    public required string SiteName { get; init; }
    public required string Publisher { get; init; }
    public required string ThemePrimary { get; init; }
    public string? ThemeSecondary { get; init; }
    public required string Genre { get; init; }

    /// <summary>The section column (栏目) as <see cref="SearchDocument.ColumnKey"/> names it; the catalog shows only <c>catalog</c>.</summary>
    public string Column { get; init; } = CatalogColumn;

    /// <summary>The ids the catalog filters and counts by (0 when unknown: such a document is in no catalog).</summary>
    public int SiteId { get; init; }
    public int PublisherId { get; init; }
    public int ThemeId { get; init; }
    public int GenreId { get; init; }
    public required string EffectStatus { get; init; }
    public required DateOnly GeneratedOn { get; init; }
    public required DateOnly PublishedOn { get; init; }
    public required DateTime PublishedAtUtc { get; init; }

    public const string CatalogColumn = "catalog";

    /// <summary>How the index names a section column.</summary>
    public static string ColumnKey(Core.Catalog.SectionColumn column) => column switch
    {
        Core.Catalog.SectionColumn.Catalog => CatalogColumn,
        _ => column.ToString().ToLowerInvariant(),
    };
}

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
    public required string EffectStatus { get; init; }
    public required DateOnly GeneratedOn { get; init; }
    public required DateOnly PublishedOn { get; init; }
    public required DateTime PublishedAtUtc { get; init; }
}

using Gongkai.Core.Catalog;

namespace Gongkai.Application.Catalog;

/// <summary>A site of the site group with its organization, as pages need it.</summary>
public sealed record SiteInfo(
    int Id, string Slug, string Name, int? ParentId, int SortOrder, string? SiteIdCode,
    int OrganizationId, string OrganizationName, string OrganizationShortName)
{
    public bool IsRoot => ParentId is null;
}

/// <summary>An attachment in the record JSON.</summary>
public sealed record AttachmentDto(string FileName, string ContentType, long Length, string Url);

/// <summary>
/// The record JSON of the public contract (DESIGN.md): field names are stable; vocabulary values
/// are the Chinese labels shown on the page; dates are YYYY-MM-DD.
/// </summary>
public sealed record RecordDto(
    string IndexNumber,
    string Title,
    DateOnly GeneratedOn,
    DateOnly PublishedOn,
    string? DocumentNumber,
    string DisclosureTerm,
    string Publisher,
    IReadOnlyList<string> DisclosureForms,
    string DisclosureMethod,
    string DisclosureScope,
    string Validity,
    string Procedure,
    string Genre,
    string ThemePrimary,
    string? ThemeSecondary,
    IReadOnlyList<string> Keywords,
    string EffectStatus,
    string Summary,
    string BodyHtml,
    IReadOnlyList<AttachmentDto> Attachments,
    string Url);

/// <summary>Everything the record page shows: the JSON fields plus what the page chrome needs.</summary>
public sealed record RecordPage(
    RecordDto Record,
    SiteInfo Site,
    IndexNumber IndexNumber,
    DateTimeOffset PublishedAt,
    DateTime UpdatedAtUtc,
    string? EffectStatusKey,
    string? GenreKey,
    SectionColumn Column,
    RecordRelations Relations);

/// <summary>A link to another public record.</summary>
public sealed record RecordLink(string Title, string Url);

/// <summary>One line of the public 版本记录: when a version was published and what changed.</summary>
public sealed record VersionEntry(int Number, DateTimeOffset PublishedAt, IReadOnlyList<string> ChangedFields, string? Note);

/// <summary>
/// What a record page shows about other records and its own history: the policy a 政策解读
/// explains and the 解读 of a policy (both ways), the record that replaces it with the date its
/// 效力状况 changed, and the 版本记录.
/// </summary>
public sealed record RecordRelations(
    RecordLink? Interprets,
    IReadOnlyList<RecordLink> Interpretations,
    RecordLink? ReplacedBy,
    DateOnly? EffectStatusChangedOn,
    IReadOnlyList<VersionEntry> Versions);

/// <summary>What the public sees at the address of a withdrawn record (条例: the public is told, not left with a 404).</summary>
public sealed record WithdrawnNotice(string Title, string IndexNumber, SiteInfo Site, DateTimeOffset? WithdrawnAt, string Reason);

/// <summary>One row of a catalog list: 索引号, 名称, 生成日期, 文号 (plus what links and feeds need).</summary>
public sealed record RecordRow(
    string IndexNumber,
    string Url,
    string Title,
    DateOnly GeneratedOn,
    DateOnly PublishedOn,
    DateTime PublishedAtUtc,
    string? DocumentNumber,
    string SiteName,
    string Publisher,
    string Summary,
    string? EffectStatus,
    bool InForce);

/// <summary>A value of a facet with the number of public records that have it.</summary>
public sealed record FacetValue(string Value, string Label, int Count, bool Selected, IReadOnlyList<FacetValue> Children);

public static class RecordUrls
{
    public static string Record(IndexNumber number) => $"/xxgk/{number.Prefix}/{number.Suffix}";

    public static string Record(string prefix, int year, int serial) => $"/xxgk/{prefix}/{Core.Catalog.IndexNumber.FormatSuffix(year, serial)}";

    public static string Attachment(IndexNumber number, int attachmentId) => $"{Record(number)}/files/{attachmentId}";

    public static string Section(string siteSlug) => $"/{siteSlug}/xxgk/";

    public static string Catalog(string siteSlug) => $"/{siteSlug}/xxgk/ml";
}

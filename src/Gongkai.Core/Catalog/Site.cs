using System.Text.RegularExpressions;

namespace Gongkai.Core.Catalog;

/// <summary>
/// A site of the site group (站群): the root site (the city's portal) or a sub-site such as 高新区
/// at <c>/gxq/</c>. Each site belongs to an organization, whose records it shows.
/// </summary>
public sealed partial class Site
{
    /// <summary>Path segments used by the platform itself, which no site may take as its slug.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.Ordinal)
    {
        "xxgk", "api", "admin", "account", "search", "favorites", "error", "healthz", "sitemap.xml",
        "css", "js", "lib", "img", "images", "files", "static", "feeds", "robots.txt", "favicon.ico",
    };

    public int Id { get; private set; }

    /// <summary>URL segment: <c>gxq</c> in <c>/gxq/xxgk/</c>.</summary>
    public string Slug { get; private set; }

    /// <summary>Name shown in the breadcrumb: 高新区.</summary>
    public string Name { get; private set; }

    public int OrganizationId { get; private set; }

    /// <summary>The parent site; null for the root of the site group.</summary>
    public int? ParentId { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>The 10-digit site identification code (网站标识码) for the SiteIDCode meta tag.</summary>
    public string? SiteIdCode { get; private set; }

    /// <summary>The longest site name kept.</summary>
    public const int NameMaxLength = 100;

    public Site(string slug, string name, int organizationId, int? parentId = null, int sortOrder = 0, string? siteIdCode = null)
    {
        Slug = ValidateSlug(slug);
        Name = Require.Text(name, "站点名称", NameMaxLength);
        OrganizationId = organizationId;
        ParentId = parentId;
        SortOrder = sortOrder;
        SiteIdCode = ValidateSiteIdCode(siteIdCode);
    }

    public bool IsRoot => ParentId is null;

    public static string ValidateSlug(string? slug)
    {
        var value = (slug ?? string.Empty).Trim();
        if (!SlugPattern().IsMatch(value))
        {
            throw new DomainException($"站点标识“{value}”无效：只能使用小写字母、数字和连字符，以字母开头，长度2至32位。");
        }
        if (ReservedSlugs.Contains(value))
        {
            throw new DomainException($"站点标识“{value}”为系统保留路径，请换一个。");
        }
        return value;
    }

    public static bool IsWellFormedSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    private static string? ValidateSiteIdCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var value = code.Trim();
        return value.Length == 10 && value.All(char.IsAsciiDigit)
            ? value
            : throw new DomainException($"网站标识码“{value}”无效：应为10位数字。");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}

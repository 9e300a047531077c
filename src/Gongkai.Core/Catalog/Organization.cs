namespace Gongkai.Core.Catalog;

/// <summary>An agency (机关) that publishes records: the 发布机构 of the record page.</summary>
public sealed class Organization
{
    public int Id { get; private set; }

    /// <summary>Full official name, as printed in 发布机构: 江阴高新技术开发区管理委员会.</summary>
    public string FullName { get; private set; }

    /// <summary>Short name for lists and breadcrumbs: 高新区管委会.</summary>
    public string ShortName { get; private set; }

    public int? ParentId { get; private set; }

    /// <summary>前段码 of this organization's index numbers: a GB 11714 or GB 32100 code.</summary>
    public string IndexPrefix { get; private set; }

    public OrganizationCodeKind PrefixKind { get; private set; }

    /// <summary>
    /// 行政复议机关: where an applicant who disputes this organization's answer applies for
    /// reconsideration (行政复议法 2023, Art. 24–28: for a department usually the people's government at
    /// its level), named in the remedies of every answer letter. Null until the administrator sets it.
    /// </summary>
    public string? ReconsiderationBody { get; private set; }

    public const int ReconsiderationBodyMaxLength = 100;

    public Organization(string fullName, string shortName, string indexPrefix, int? parentId = null)
    {
        FullName = Required(fullName, "机构全称");
        ShortName = Required(shortName, "机构简称");
        (IndexPrefix, PrefixKind) = OrganizationCode.Validate(indexPrefix);
        ParentId = parentId;
    }

    public void Rename(string fullName, string shortName)
    {
        FullName = Required(fullName, "机构全称");
        ShortName = Required(shortName, "机构简称");
    }

    /// <summary>Sets (or clears, with blank) the 行政复议机关 named in answer letters.</summary>
    public void SetReconsiderationBody(string? body)
    {
        var trimmed = body?.Trim();
        if (trimmed?.Length > ReconsiderationBodyMaxLength)
        {
            throw new DomainException($"行政复议机关名称不能超过{ReconsiderationBodyMaxLength}个字。");
        }
        ReconsiderationBody = string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>
    /// Changes the prefix used for index numbers assigned from now on. Numbers already assigned
    /// keep their prefix (国办秘函〔2009〕6号: an index number never changes).
    /// </summary>
    public void ChangeIndexPrefix(string indexPrefix) =>
        (IndexPrefix, PrefixKind) = OrganizationCode.Validate(indexPrefix);

    internal static string Required(string? value, string label)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? throw new DomainException($"请填写{label}。") : trimmed;
    }
}

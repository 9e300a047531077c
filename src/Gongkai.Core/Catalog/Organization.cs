namespace Gongkai.Core.Catalog;

/// <summary>
/// What an organization is, for 条例 Art. 49: a people's government at county level or above (its
/// report is published by its 政府信息公开工作主管部门 by 31 March), a government department (publishes
/// its own by 31 January and submits it to the 主管部门), or another body that discloses information
/// (Art. 54–55; treated as a department).
/// </summary>
public enum OrganizationKind
{
    Department = 0,
    Government = 1,
    Other = 2,
}

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

    /// <summary>Decides the annual report's deadline (<see cref="Reports.AnnualReport.DueDate"/>).</summary>
    public OrganizationKind Kind { get; private set; }

    public void SetKind(OrganizationKind kind) =>
        Kind = Enum.IsDefined(kind) ? kind : throw new DomainException("请选择机构类型。");

    public static string Label(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Government => "人民政府",
        OrganizationKind.Department => "政府部门",
        _ => "其他",
    };

    /// <summary>The longest full name (机构全称) and short name (机构简称) kept.</summary>
    public const int FullNameMaxLength = 200, ShortNameMaxLength = 100;

    public Organization(string fullName, string shortName, string indexPrefix, int? parentId = null)
    {
        FullName = Require.Text(fullName, "机构全称", FullNameMaxLength);
        ShortName = Require.Text(shortName, "机构简称", ShortNameMaxLength);
        (IndexPrefix, PrefixKind) = OrganizationCode.Validate(indexPrefix);
        ParentId = parentId;
    }

    public void Rename(string fullName, string shortName)
    {
        FullName = Require.Text(fullName, "机构全称", FullNameMaxLength);
        ShortName = Require.Text(shortName, "机构简称", ShortNameMaxLength);
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

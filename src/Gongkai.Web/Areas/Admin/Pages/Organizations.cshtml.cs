using Gongkai.Application.Admin;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>机构与站点 (管理员): the organizations with their index-number prefix, and the sites.</summary>
public sealed class OrganizationsModel(SiteGroupAdministration administration, CatalogReader catalog) : ConsolePageModel
{
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public IReadOnlyList<SiteInfo> Sites { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Actor.Demand(Core.Editorial.Operation.ManageSiteGroup, null);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostCreateOrganizationAsync(string? fullName, string? shortName, string? indexPrefix, int? parentId, string? kind, CancellationToken ct) => RunAsync(async () =>
    {
        await administration.CreateOrganizationAsync(Actor, fullName ?? "", shortName ?? "", indexPrefix ?? "", parentId, Kind(kind) ?? OrganizationKind.Department, ct);
        TempData["Message"] = $"已添加机构 {fullName}。";
        return Redirect("/admin/organizations");
    });

    public Task<IActionResult> OnPostRenameOrganizationAsync(int id, string? fullName, string? shortName, string? reconsiderationBody, string? kind, CancellationToken ct) => RunAsync(async () =>
    {
        await administration.RenameOrganizationAsync(Actor, id, fullName ?? "", shortName ?? "", reconsiderationBody, Kind(kind), ct);
        TempData["Message"] = "已保存机构信息。";
        return Redirect("/admin/organizations");
    });

    public Task<IActionResult> OnPostCreateSiteAsync(string? slug, string? name, int organizationId, int? parentId, string? siteIdCode, CancellationToken ct) => RunAsync(async () =>
    {
        await administration.CreateSiteAsync(Actor, slug ?? "", name ?? "", organizationId, parentId, siteIdCode, ct);
        TempData["Message"] = $"已添加站点 {name}。";
        return Redirect("/admin/organizations");
    });

    /// <summary>The kinds offered in the forms, with the deadline each means (条例 Art. 49).</summary>
    public static readonly IReadOnlyList<(OrganizationKind Kind, string Label)> Kinds =
    [
        (OrganizationKind.Department, "政府部门（年报1月31日前公布）"),
        (OrganizationKind.Government, "人民政府（年报由主管部门3月31日前公布）"),
        (OrganizationKind.Other, "其他（年报1月31日前公布）"),
    ];

    /// <summary>A kind from a form: blank keeps it as it is; anything not a kind is refused in Chinese.</summary>
    private static OrganizationKind? Kind(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<OrganizationKind>(value, ignoreCase: false, out var kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _) ? kind
        : throw new Core.DomainException("请选择机构类型：政府部门、人民政府或其他。");

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Organizations = await administration.OrganizationsAsync(Actor, cancellationToken);
        Sites = await catalog.SitesAsync(cancellationToken);
    }
}

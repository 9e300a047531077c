using Gongkai.Application.Catalog;
using Gongkai.Application.Requests;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages.Requests;

/// <summary>
/// 登记申请: an application received in person, by registered or ordinary letter, or by fax. In
/// person and by registered letter the received date is entered now; ordinary letters and faxes
/// wait for the 确认 step (条例 Art. 31).
/// </summary>
public sealed class RegisterModel(RequestService requests, CatalogReader catalog) : ConsolePageModel
{
    [BindProperty]
    public ApplicationForm Form { get; set; } = new();

    public IReadOnlyList<SiteInfo> Sites { get; private set; } = [];
    public SubmittedApplication? Registered { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(string? site, RequestChannel channel, DateOnly? receivedOn, CancellationToken ct) => RunAsync(async () =>
    {
        await LoadAsync(ct);
        var target = Sites.FirstOrDefault(s => s.Slug == site) ?? throw new Core.DomainException("请选择受理站点。");
        Registered = await requests.RegisterAsync(Actor, target.Id, Form, channel, receivedOn, ct);
        return Page();
    });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var organizations = Permissions.Organizations(Actor.Grants, Operation.HandleRequests);
        if (organizations.Count == 0)
        {
            throw new Core.DomainForbiddenException("您没有办理依申请公开的权限。");
        }
        Sites = (await catalog.SitesAsync(cancellationToken)).Where(s => organizations.Contains(s.OrganizationId)).ToList();
    }
}

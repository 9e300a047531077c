using System.Globalization;
using Gongkai.Application;
using Gongkai.Application.Catalog;
using Gongkai.Application.Requests;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages.Requests;

/// <summary>
/// /{site}/ysqgk/track: status, due date and released replies for whoever gives the 查询码 and the
/// last four digits of the applicant's phone — and nothing to anyone else (the same message for a
/// wrong code and a wrong phone). POST, so neither ends up in logs or browser history.
/// </summary>
[EnableRateLimiting(RequestRateLimits.Tracking)]
public sealed class TrackModel(CatalogReader reader, RequestService requests, IOptions<GongkaiOptions> options) : PortalPageModel(options)
{
    public SiteInfo Site { get; private set; } = null!;
    public TrackedApplication? Result { get; private set; }
    public bool NotFoundMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string site, CancellationToken cancellationToken) =>
        await LoadAsync(site, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string site, string? code, string? phone, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(site, cancellationToken))
        {
            return NotFound();
        }
        Result = await requests.TrackAsync(code, phone, cancellationToken);
        NotFoundMessage = Result is null;
        return Page();
    }

    private async Task<bool> LoadAsync(string site, CancellationToken cancellationToken)
    {
        var info = await EnterRequestPageAsync(reader, site, "办理进度查询", "办理进度查询", cancellationToken);
        Site = info!;
        return info is not null;
    }

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

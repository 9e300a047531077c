using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Areas.Admin.Pages;

public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}

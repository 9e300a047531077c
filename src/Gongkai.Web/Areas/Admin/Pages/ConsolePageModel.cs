using Gongkai.Application.Accounts;
using Microsoft.AspNetCore.Authentication;
using Gongkai.Core;
using Gongkai.Core.Editorial;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>
/// Base of the console's pages: loads the signed-in person with their current roles, and turns a
/// broken rule into a message on the page (or a 403 for a missing role).
/// </summary>
public abstract class ConsolePageModel : PageModel
{
    private Actor? _actor;

    public Actor Actor => _actor ?? throw new InvalidOperationException("No actor loaded.");

    /// <summary>Organizations for which the person may create drafts.</summary>
    public IReadOnlySet<int> EditableOrganizations => Permissions.Organizations(Actor.Grants, Operation.CreateDraft);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var services = context.HttpContext.RequestServices;
        var actor = await services.GetRequiredService<CurrentActor>().GetAsync(context.HttpContext.RequestAborted);
        if (actor is null)
        {
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.Result = new RedirectResult("/admin/login");
            return;
        }
        _actor = actor;
        var executed = await next();
        if (executed.Exception is DomainForbiddenException forbidden && !executed.ExceptionHandled)
        {
            executed.ExceptionHandled = true;
            executed.Result = Forbidden(forbidden.Message);
        }
    }

    /// <summary>Runs a use case; a broken rule becomes a message on the page, a missing role a 403.</summary>
    protected async Task<IActionResult> RunAsync(Func<Task<IActionResult>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action();
        }
        catch (DomainForbiddenException e)
        {
            return Forbidden(e.Message);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            Response.StatusCode = e is DomainConflictException ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return await OnInvalidAsync();
        }
    }

    /// <summary>What to show when a rule was broken: the page again, with the message.</summary>
    protected virtual Task<IActionResult> OnInvalidAsync() => Task.FromResult<IActionResult>(Page());

    protected IActionResult Forbidden(string message)
    {
        return new ViewResult
        {
            ViewName = "/Areas/Admin/Pages/Shared/_Forbidden.cshtml",
            StatusCode = StatusCodes.Status403Forbidden,
            ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary(MetadataProvider, ModelState) { ["Message"] = message, ["Title"] = "没有权限" },
        };
    }
}

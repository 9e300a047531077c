using Gongkai.Application;
using Gongkai.Core;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages;

/// <summary>Chinese error pages: 404 for unknown pages and records, 400 with the reason for bad input.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IOptions<GongkaiOptions> options) : PortalPageModel(options)
{
    public int Status { get; private set; }

    public string Heading { get; private set; } = string.Empty;

    public string Message { get; private set; } = string.Empty;

    public IActionResult OnGet(int? code) => Render(code);

    public IActionResult OnPost(int? code) => Render(code);

    private PageResult Render(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Error;
        Status = exception is null ? code ?? HttpContext.Response.StatusCode : HttpContext.Response.StatusCode;
        if (Status < 400)
        {
            Status = StatusCodes.Status404NotFound;
        }
        (Heading, Message) = (Status, exception) switch
        {
            (_, DomainException domain) => ("请求有误", domain.Message),
            (404, _) => ("页面不存在", "您访问的页面或政府信息不存在，可能地址有误，或该信息尚未公开、已被撤回。"),
            (400, _) => ("请求有误", "请求的地址或参数格式不正确，请检查后重试。"),
            (405, _) => ("请求方式不被允许", "该页面不支持此种请求方式。"),
            (>= 500, _) => ("服务暂时不可用", "服务器处理请求时出错，我们已记录此问题。请稍后再试。"),
            _ => ("请求未能完成", "请检查地址后重试。"),
        };
        PageTitle = Heading;
        HttpContext.Response.StatusCode = Status;
        return Page();
    }
}

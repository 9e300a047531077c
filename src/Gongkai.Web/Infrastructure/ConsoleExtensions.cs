using System.Security.Claims;
using System.Text.Encodings.Web;
using Gongkai.Application;
using Gongkai.Application.Accounts;
using Gongkai.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Infrastructure;

/// <summary>The console (Areas/Admin) and the integration API: who is signed in, and how.</summary>
internal static class ConsoleExtensions
{
    /// <summary>The console's sign-in cookie; a request with it is never served from or stored in the page cache.</summary>
    public const string ConsoleCookie = "gongkai.console";

    public const string ConsolePolicy = "Console";
    public const string ApiPolicy = "ApiToken";

    public static WebApplicationBuilder AddGongkaiConsole(this WebApplicationBuilder builder)
    {
        var accounts = builder.Configuration.GetSection($"{GongkaiOptions.Section}:Accounts").Get<AccountOptions>() ?? new AccountOptions();
        new IdentityBuilder(typeof(GongkaiUser), builder.Services).AddSignInManager();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/admin/login";
            o.LogoutPath = "/admin/logout";
            o.AccessDeniedPath = "/admin/denied";
            o.Cookie.Name = ConsoleCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure on every HTTPS request; plain HTTP reaches the console only from loopback (see UseConsoleTransportGuard).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Idle timeout: the session ends after this long without a request.
            o.ExpireTimeSpan = TimeSpan.FromMinutes(accounts.IdleTimeoutMinutes);
            o.SlidingExpiration = true;
        });
        // The security stamp is checked on every console request (one lookup of the person): 退出, a
        // password change or a removed account ends every session at once, a copied cookie included.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "gongkai.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ConsolePolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser())
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireAuthenticatedUser());
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeAreaFolder("Admin", "/", ConsolePolicy);
            o.Conventions.AllowAnonymousToAreaPage("Admin", "/Login");
            o.Conventions.AllowAnonymousToAreaPage("Admin", "/Denied");
            o.Conventions.AddAreaPageRoute("Admin", "/Records/Edit", "/admin/records/new");
        });
        builder.Services.AddScoped<CurrentActor>();
        // The console's background rebuild lives as long as the web process.
        builder.Services.AddSingleton<Application.Search.IndexRebuildJob>();
        if (builder.Configuration.GetValue($"{GongkaiOptions.Section}:Editorial:RunScheduler", true))
        {
            builder.Services.AddGongkaiPublicationScheduler();
        }
        return builder;
    }
}

/// <summary>Where the console's sign-in may travel.</summary>
internal static class ConsoleTransport
{
    /// <summary>
    /// The console and the editorial API refuse plain HTTP unless the browser is on this machine
    /// (<c>Gongkai:Accounts:RequireHttps</c>): a password or a session cookie never crosses a
    /// network unencrypted. X-Forwarded-Proto from a proxy on loopback is honoured.
    /// </summary>
    public static WebApplication UseConsoleTransportGuard(this WebApplication app)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
        app.UseForwardedHeaders(forwarded);
        var require = app.Configuration.GetValue($"{GongkaiOptions.Section}:Accounts:RequireHttps", true);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var guarded = path.StartsWithSegments("/admin") || path.StartsWithSegments("/api/v1/editorial");
            var remote = context.Connection.RemoteIpAddress;
            if (require && guarded && !context.Request.IsHttps && remote is not null && !System.Net.IPAddress.IsLoopback(remote))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "请使用 HTTPS",
                    detail: "管理后台和编辑接口只能通过 HTTPS 访问，以免密码和登录凭据以明文在网络上传输。请改用 https:// 地址。").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }
}

/// <summary>The signed-in person as an <see cref="Actor"/>, with their roles read from the database for this request.</summary>
internal sealed class CurrentActor(IHttpContextAccessor accessor, ActorLoader loader)
{
    private Actor? _actor;
    private bool _loaded;

    public async Task<Actor?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!_loaded)
        {
            _loaded = true;
            var id = accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
            if (int.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var userId))
            {
                _actor = await loader.LoadAsync(userId, cancellationToken);
            }
        }
        return _actor;
    }
}

/// <summary>
/// <c>Authorization: Bearer gk_…</c>: a personal API token. The principal carries only the user
/// id; what the user may do is read from their roles on each request.
/// </summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var userId = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (userId is null)
        {
            return AuthenticateResult.Fail("API 令牌无效或已被撤销。");
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(statusCode: 401, title: "需要身份验证",
            detail: "请在 Authorization 头中提供有效的 API 令牌（Bearer gk_…）。令牌可在管理后台“API令牌”页面创建。").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await TypedResults.Problem(statusCode: 403, title: "没有权限", detail: "该令牌的所有者没有执行此操作的权限。").ExecuteAsync(Context);
    }
}

using System.Text.Encodings.Web;
using System.Text.Unicode;
using Gongkai.Application;
using Gongkai.Application.Search;
using Gongkai.Application.Setup;
using Gongkai.Core;
using Gongkai.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace Gongkai.Web.Infrastructure;

/// <summary>The sections of Program.cs.</summary>
internal static class HostingExtensions
{
    public static WebApplicationBuilder AddGongkaiOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddGongkaiOptions(builder.Configuration);
        // Everything under the data folder is resolved against the content root once, here.
        var dataPath = builder.DataPath();
        builder.Services.PostConfigure<GongkaiOptions>(o => o.DataPath = dataPath);
        return builder;
    }

    /// <summary>The data folder: Gongkai:DataPath, relative to the content root unless absolute.</summary>
    public static string DataPath(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{GongkaiOptions.Section}:{nameof(GongkaiOptions.DataPath)}"];
        var path = string.IsNullOrWhiteSpace(configured) ? new GongkaiOptions().DataPath : configured;
        return Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, path));
    }

    public static WebApplicationBuilder AddGongkaiStorage(this WebApplicationBuilder builder)
    {
        var dataPath = builder.DataPath();
        builder.Services.AddGongkaiDatabase(builder.Configuration, dataPath);
        var attachments = new GongkaiOptions
        {
            DataPath = dataPath,
            AttachmentsPath = builder.Configuration[$"{GongkaiOptions.Section}:{nameof(GongkaiOptions.AttachmentsPath)}"],
        }.AttachmentsFolder;
        builder.Services.AddSingleton(new DataFolder(dataPath, attachments));
        // Antiforgery and cookie keys survive restarts. On PostgreSQL every node reads them from the
        // database, so that a session or a form made on one node is good on the others.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Gongkai");
        if (DatabaseRegistration.Provider(builder.Configuration) == DatabaseRegistration.Postgres)
        {
            dataProtection.PersistKeysToDbContext<GongkaiDbContext>();
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));
        }
        builder.Services.AddGongkaiApplication();
        if (builder.Configuration.GetValue($"{GongkaiOptions.Section}:Search:RunIndexer", true))
        {
            builder.Services.AddGongkaiSearchWorker();
        }
        return builder;
    }

    public static WebApplicationBuilder AddGongkaiPortal(this WebApplicationBuilder builder)
    {
        // No "Server: Kestrel": nothing tells a probe what answers.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        // One upload limit, end to end (probe finding F9): the largest file a person may upload
        // (Gongkai:Editorial:MaxAttachmentMegabytes or MaxImportMegabytes) plus room for the form
        // around it. The file's own size is checked in Application with a Chinese message.
        var editorial = builder.Configuration.GetSection($"{GongkaiOptions.Section}:Editorial").Get<EditorialOptions>() ?? new EditorialOptions();
        var bodyLimit = (Math.Max(editorial.MaxAttachmentMegabytes, editorial.MaxImportMegabytes) + 1L) * 1024 * 1024;
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = bodyLimit);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => form.MultipartBodyLengthLimit = bodyLimit);
        builder.Services.AddRazorPages();
        builder.Services.AddHttpContextAccessor();
        // Write Chinese as characters, not as &#x...; entities.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRouting(o => o.LowercaseUrls = false);
        return builder;
    }

    public static WebApplicationBuilder AddGongkaiApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Gongkai 政府信息公开平台 API";
            doc.Info.Version = "v1";
            doc.Info.Description = "政府信息公开目录的公开数据接口：目录条目、检索。错误以 ProblemDetails 返回，detail 为中文说明。";
            return Task.CompletedTask;
        }));
        builder.Services.AddHealthChecks().AddDbContextCheck<GongkaiDbContext>("database");
        return builder;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var demoLoaded = await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        // A fresh installation's demo is searchable when the portal first answers, not seconds later.
        // (Otherwise the background indexer catches up after the start, so that a large backlog never
        // holds the portal back.)
        if (demoLoaded && app.Services.GetRequiredService<IOptions<GongkaiOptions>>().Value.Search.RunIndexer)
        {
            await app.Services.GetRequiredService<IndexUpdater>().CatchUpAsync(app.Lifetime.ApplicationStopping);
        }
    }

    /// <summary>Builds the search caches of the clauses used before the last stop, before the portal serves (<see cref="CacheWarmer"/>).</summary>
    public static void WarmSearchCaches(this WebApplication app) =>
        app.Services.GetService<CacheWarmer>()?.Warm(app.Lifetime.ApplicationStopping);

    public static WebApplication UseGongkaiErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            // Bad input (a DomainException) is an answer, not a fault: keep it out of the error log.
            SuppressDiagnosticsCallback = context => context.Exception is DomainException,
            StatusCodeSelector = ex => ex switch
            {
                DomainConflictException => StatusCodes.Status409Conflict,
                DomainForbiddenException => StatusCodes.Status403Forbidden,
                DomainException => StatusCodes.Status400BadRequest,
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        // Under /api every error is a ProblemDetails in Chinese, whatever raised it (probe finding F8):
        // routing's 404 and 405, a body of the wrong type (415), too large (413) or not JSON (400).
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), branch => branch.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var (title, detail) = ApiProblems.Describe(http.Response.StatusCode);
            await TypedResults.Problem(detail: detail, statusCode: http.Response.StatusCode, title: title).ExecuteAsync(http);
        }));
        return app;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "SAMEORIGIN";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // HSTS on every HTTPS answer, also behind the trusted proxy: the forwarded scheme is applied
            // after this middleware, so the header is decided when the response starts.
            context.Response.OnStarting(() =>
            {
                if (context.Request.IsHttps)
                {
                    context.Response.Headers.StrictTransportSecurity = "max-age=31536000";
                }
                return Task.CompletedTask;
            });
            headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
                "frame-ancestors 'self'; base-uri 'self'; form-action 'self'";
            await next(context);
        });
        return app;
    }
}

/// <summary>The resolved data folder (database, index) and attachments folder (in it unless Gongkai:AttachmentsPath says otherwise).</summary>
internal sealed record DataFolder(string Path, string Attachments);

/// <summary>The Chinese title and detail of an API error the framework raised, by status.</summary>
internal static class ApiProblems
{
    public static (string Title, string Detail) Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("请求格式有误", "请求无法解析：请求体须为有效的 JSON，各字段的类型和日期格式须与接口文档（/api/v1/openapi.json）一致。"),
        StatusCodes.Status401Unauthorized => ("需要身份验证", "请在 Authorization 头中提供有效的 API 令牌（Bearer gk_…）。"),
        StatusCodes.Status403Forbidden => ("没有权限", "当前身份没有执行此操作的权限。"),
        StatusCodes.Status404NotFound => ("未找到", "请求的接口地址或资源不存在，请对照接口文档（/api/v1/openapi.json）。"),
        StatusCodes.Status405MethodNotAllowed => ("不支持该请求方法", "该接口地址不支持此 HTTP 方法，请对照接口文档（/api/v1/openapi.json）。"),
        StatusCodes.Status408RequestTimeout => ("请求超时", "请求体发送过慢，连接已超时，请重试。"),
        StatusCodes.Status413PayloadTooLarge => ("请求体过大", "请求体超过了上传大小上限（附件见 Gongkai:Editorial:MaxAttachmentMegabytes），请缩小后重试。"),
        StatusCodes.Status415UnsupportedMediaType => ("不支持的内容类型", "请求体的内容类型不受支持：请使用 application/json；上传附件请使用 multipart/form-data。"),
        StatusCodes.Status429TooManyRequests => ("请求过于频繁", "请求过于频繁，请稍后再试。"),
        >= 500 => ("服务器内部错误", "服务器处理请求时出错，已记录，请稍后再试。"),
        _ => ("请求有误", $"请求未能完成（HTTP {status}）。"),
    };
}

/// <summary>Turns a broken domain rule or a request the framework refused, under /api, into a ProblemDetails with the Chinese message.</summary>
internal sealed class DomainExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at /error; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (!new PathString(path).StartsWithSegments("/api"))
        {
            return false;
        }
        if (exception is BadHttpRequestException bad)
        {
            // The framework refused the request (a body that is not JSON, of the wrong type or too large).
            var (badTitle, badDetail) = ApiProblems.Describe(bad.StatusCode);
            await TypedResults.Problem(detail: badDetail, statusCode: bad.StatusCode, title: badTitle).ExecuteAsync(httpContext);
            return true;
        }
        if (exception is not DomainException domain)
        {
            return false;
        }
        var (status, title) = domain switch
        {
            DomainConflictException => (StatusCodes.Status409Conflict, "操作与当前状态冲突"),
            DomainForbiddenException => (StatusCodes.Status403Forbidden, "没有权限"),
            _ => (StatusCodes.Status400BadRequest, "请求参数有误"),
        };
        await TypedResults.Problem(detail: domain.Message, statusCode: status, title: title).ExecuteAsync(httpContext);
        return true;
    }
}

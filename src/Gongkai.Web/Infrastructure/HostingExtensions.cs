using System.Text.Encodings.Web;
using System.Text.Unicode;
using Gongkai.Application;
using Gongkai.Application.Search;
using Gongkai.Application.Setup;
using Gongkai.Core;
using Gongkai.Data;
using Gongkai.Data.Sqlite;
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
        builder.Services.AddGongkaiSqlite(dataPath);
        builder.Services.AddSingleton(new DataFolder(dataPath));
        // Antiforgery and cookie keys survive restarts; several nodes share them later (Redis).
        builder.Services.AddDataProtection()
            .SetApplicationName("Gongkai")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));
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
            headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
                "frame-ancestors 'self'; base-uri 'self'; form-action 'self'";
            await next(context);
        });
        return app;
    }
}

/// <summary>The resolved data folder (database, index, attachments).</summary>
internal sealed record DataFolder(string Path)
{
    public string Attachments => System.IO.Path.Combine(Path, "attachments");
}

/// <summary>Turns a broken domain rule under /api into a ProblemDetails with the Chinese message.</summary>
internal sealed class DomainExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at /error; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (exception is not DomainException domain || !new PathString(path).StartsWithSegments("/api"))
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

using Gongkai.Web.Api;
using Gongkai.Web.Feeds;
using Gongkai.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddGongkaiOptions();            // Gongkai:* settings, validated at start (docs/configuration.md)
builder.AddGongkaiStorage();            // SQLite in Gongkai:DataPath, the operation layer, the search indexer
builder.AddGongkaiPortal();             // Razor Pages in Simplified Chinese, encoders, security headers
builder.AddGongkaiApi();                // JSON API, ProblemDetails, OpenAPI, health checks
builder.AddRequestRateLimits();         // per-IP limits on the public application and tracking forms
builder.AddPublicPageCache();           // public pages cached per node, evicted by the change log; compression, ETags
builder.AddGongkaiConsole();            // accounts (Identity cookie, API tokens), the console's policies, the publication scheduler

var app = builder.Build();

await app.InitializeDatabaseAsync();    // migrate, seed vocabularies, load the demo site group when empty
app.WarmSearchCaches();                 // the search caches of the clauses used before the last stop

app.UseGongkaiErrorPages();             // Chinese error pages; ProblemDetails under /api
app.UseSecurityHeaders();
app.UseConsoleTransportGuard();         // forwarded headers; console and editorial API over HTTPS (or loopback)
app.UseStaticFileCompression();        // Brotli or gzip for CSS, scripts and the SVG icon
app.UseRouting();
app.UsePublicPageCache();               // a cached public page is answered here, before the work below
app.UseStaticFiles(PublicPages.StaticFiles());   // fingerprinted files immutable for a year (when no endpoint matched)
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UsePublicPageCompression();         // compression and ETag of public pages, inside the cache

app.MapRazorPages();                    // /, /{site}/xxgk/…, /xxgk/{prefix}/{year}-{serial}, /search, /favorites, /admin/…
app.MapRecordsApi();                    // /api/v1/records
app.MapSearchApi();                     // /api/v1/search
app.MapEditorialApi();                  // /api/v1/editorial/records (API tokens)
app.MapCalendarApi();                   // /api/v1/calendar/add-working-days
app.MapStatisticsApi();                 // /api/v1/statistics, /statistics/{chart}.csv
app.MapAttachments();                   // /xxgk/{prefix}/{year}-{serial}/files/{id}
app.MapFeeds();                         // /{site}/xxgk/rss.xml, /sitemap.xml
app.MapOpenApi("/api/v1/openapi.json");
app.MapHealthChecks("/healthz");

app.Run();

/// <summary>Entry point; public so that tests can host the app.</summary>
public partial class Program;

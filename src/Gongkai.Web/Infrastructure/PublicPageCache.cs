using System.IO.Compression;
using System.Security.Cryptography;
using Gongkai.Application;
using Gongkai.Application.Catalog;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gongkai.Web.Infrastructure;

/// <summary>
/// The public pages' cache. Record pages, site homes, columns, catalog pages, RSS, sitemaps,
/// statistics and the public records JSON are kept in each node's output cache, compressed as each
/// client accepts, and evicted by the change log that also feeds the search index
/// (<see cref="PageCacheInvalidator"/>): every node reads it, so every node drops a page within its
/// poll interval of the change that alters it. A request that carries the console cookie or an
/// Authorization header neither reads nor fills the cache. Responses carry a weak ETag (304 to a
/// matching If-None-Match) and a Cache-Control that lets a CDN or the nginx in front keep them for
/// <see cref="CachingOptions.SharedMaxAgeSeconds"/>.
/// </summary>
public static class PublicPages
{
    public const string Policy = "public-page";

    /// <summary>Every cached public page (dropped all at once when what every page shows changed).</summary>
    public const string AllTag = "public";

    /// <summary>Pages that list records: homes, columns, catalog, feeds, sitemaps, statistics, the records API's lists.</summary>
    public const string ListsTag = "lists";

    /// <summary>Where the policy leaves the Cache-Control of a public page for <see cref="WeakETagMiddleware"/> to set.</summary>
    internal const string CacheControlKey = "gongkai.cache-control";

    private const string RecordTagPrefix = "record ";

    /// <summary>The tag of the pages that show the record at <paramref name="url"/> (its own page and those that link to it).</summary>
    public static string RecordTag(string url) => RecordTagPrefix + url;

    internal static bool IsRecordTag(string tag) => tag.StartsWith(RecordTagPrefix, StringComparison.Ordinal);

    /// <summary>Marks the page being rendered as showing the records at <paramref name="urls"/>: a change to one of them evicts it.</summary>
    public static void Shows(HttpContext context, IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(urls);
        if (context.Features.Get<IOutputCacheFeature>() is { } feature)
        {
            foreach (var url in urls)
            {
                feature.Context.Tags.Add(RecordTag(url));
            }
        }
    }

    public static WebApplicationBuilder AddPublicPageCache(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var caching = builder.Configuration.GetSection($"{GongkaiOptions.Section}:Caching").Get<CachingOptions>() ?? new CachingOptions();
        builder.Services.AddOutputCache(o =>
        {
            o.SizeLimit = (long)caching.SizeMegabytes << 20;
            o.AddPolicy(Policy, new PublicPagePolicy());
        });
        builder.Services.AddResponseCompression(o =>
        {
            // Only public pages and static files are compressed (see UsePublicPageCache): they hold
            // no secret, so compression over HTTPS gives BREACH nothing to guess.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/rss+xml", "image/svg+xml", "text/csv"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        // The store the output cache made, behind one that stores a page only while no eviction
        // has happened since the page's request began (PageCacheGate).
        var made = builder.Services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        builder.Services.Remove(made);
        builder.Services.AddSingleton<IOutputCacheStore>(s => new GatedOutputCacheStore(
            (IOutputCacheStore)(made.ImplementationInstance ?? made.ImplementationFactory?.Invoke(s) ?? ActivatorUtilities.CreateInstance(s, made.ImplementationType!)),
            s.GetRequiredService<PageCacheGate>(), s.GetRequiredService<IHttpContextAccessor>()));
        builder.Services.AddSingleton<PageCacheGate>();
        builder.Services.AddSingleton<PageCacheInvalidator>();
        builder.Services.AddHostedService(s => s.GetRequiredService<PageCacheInvalidator>());
        return builder;
    }

    /// <summary>
    /// The output cache, right after routing (which names the page's policy): a cached page is sent
    /// before static files, authentication, authorization and rate limits, none of which a public page
    /// needs (a request carrying the console cookie or a token is never answered from the cache).
    /// </summary>
    public static WebApplication UsePublicPageCache(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseOutputCache();
        return app;
    }

    /// <summary>
    /// Compression inside the cache (so that it keeps each encoding once compressed), the ETag innermost
    /// (computed once, over the page as rendered).
    /// </summary>
    public static WebApplication UsePublicPageCompression(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(IsPublicPath, branch => branch.UseResponseCompression().UseMiddleware<WeakETagMiddleware>());
        return app;
    }

    /// <summary>Compression for static files (before the static file middleware, which ends the request).</summary>
    public static WebApplication UseStaticFileCompression(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/css") || c.Request.Path.StartsWithSegments("/js")
                         || c.Request.Path.StartsWithSegments("/lib") || c.Request.Path.StartsWithSegments("/favicon.svg"),
            branch => branch.UseResponseCompression());
        return app;
    }

    /// <summary>Static files: fingerprinted (<c>?v=</c>, asp-append-version) kept for a year, others for an hour.</summary>
    public static StaticFileOptions StaticFiles() => new()
    {
        OnPrepareResponse = context =>
        {
            var headers = context.Context.Response.GetTypedHeaders();
            headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
                ? new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }
                : new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromHours(1) };
        },
    };

    /// <summary>Not the console, the editorial API, or the request forms (which carry antiforgery tokens).</summary>
    private static bool IsPublicPath(HttpContext context)
    {
        var path = context.Request.Path;
        return !path.StartsWithSegments("/admin") && !path.StartsWithSegments("/api/v1/editorial")
               && !(path.Value?.Contains("/ysqgk", StringComparison.Ordinal) ?? false);
    }

    internal static bool IsPersonal(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || request.Cookies.ContainsKey(ConsoleExtensions.ConsoleCookie);
}

/// <summary>The output-cache policy of public pages.</summary>
internal sealed class PublicPagePolicy : IOutputCachePolicy
{
    internal const string GenerationKey = "gongkai.cache-generation";

    /// <summary>The public pages' Cache-Control, made once (the options do not change while the node runs), not on every hit.</summary>
    private string? _publicCacheControl;

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<GongkaiOptions>>().Value.Caching;
        var gate = http.RequestServices.GetRequiredService<PageCacheGate>();
        var request = http.Request;
        var personal = PublicPages.IsPersonal(request);
        var attempt = options.Enabled && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !personal;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = attempt;
        context.AllowCacheStorage = attempt;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(options.PageSeconds);
        context.Tags.Add(PublicPages.AllTag);
        http.Items[GenerationKey] = gate.Generation;
        http.Items[PublicPages.CacheControlKey] = personal || !options.Enabled
            ? "private, no-cache"
            : _publicCacheControl ??= $"public, max-age={options.BrowserMaxAgeSeconds}, s-maxage={options.SharedMaxAgeSeconds}";
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var response = http.Response;
        var gate = http.RequestServices.GetRequiredService<PageCacheGate>();
        // A change evicted pages while this one was rendered: it may hold what was there before.
        // (Checked again when the page is stored, after its body: GatedOutputCacheStore.)
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
            || http.Items[GenerationKey] is not long generation || generation != gate.Generation)
        {
            context.AllowCacheStorage = false;
        }
        if (!context.Tags.Any(PublicPages.IsRecordTag))
        {
            context.Tags.Add(PublicPages.ListsTag);
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A weak ETag over the body of a successful GET of a page with the public-page policy, and 304 when
/// the client already has it (weak, because the same page is sent plain, gzip or Brotli); the
/// Cache-Control the policy chose. Innermost, so that the output cache keeps both with the page.
/// Other answers (search, attachments, health) pass through unbuffered.
/// </summary>
internal sealed class WeakETagMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The policy has run (the output cache is outside this) and left the page's Cache-Control.
        if (context.Items[PublicPages.CacheControlKey] is not string cacheControl
            || (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)))
        {
            await next(context);
            return;
        }
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            response.Headers.CacheControl = cacheControl;
        }
        if (response.StatusCode == StatusCodes.Status200OK && buffer.Length > 0 && !response.Headers.ContainsKey(HeaderNames.ETag))
        {
            var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            var etag = $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"";
            response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }
}

/// <summary>
/// Drops cached public pages when the change log says what they show has changed: the changed
/// record's page, the pages that link to it or that it links to, and every list; everything when an
/// organization, site or term changed. Each node reads the log in the shared database itself, so
/// this holds with several nodes. <see cref="Generation"/> moves before each eviction: a page that
/// was being rendered meanwhile is not stored (it may hold what was there before).
/// </summary>
public sealed partial class PageCacheInvalidator(IServiceScopeFactory scopes, IOutputCacheStore store, PageCacheGate gate, IOptions<GongkaiOptions> options,
    Application.Search.ChangeLogReaders readers, ILogger<PageCacheInvalidator> logger) : BackgroundService
{
    private long _position = -1;

    /// <summary>Reads the change log from where it stopped and evicts what the new entries touch; returns whether it read any.</summary>
    public async Task<bool> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var changes = scope.ServiceProvider.GetRequiredService<PublicChanges>();
        if (_position < 0)
        {
            // Nothing is cached before the node starts: the log so far is of no concern.
            _position = await changes.LatestAsync(cancellationToken).ConfigureAwait(false);
            readers.Read("pages", _position);
            return false;
        }
        if (await changes.AfterAsync(_position, 1000, cancellationToken).ConfigureAwait(false) is not { } batch)
        {
            return false;
        }
        await gate.AdvanceAsync(cancellationToken).ConfigureAwait(false);
        if (batch.EveryPage)
        {
            // A term renamed on another node: this node's vocabulary cache goes before its pages,
            // so that none is rendered again with the old label.
            scope.ServiceProvider.GetRequiredService<TermDirectory>().Invalidate();
            await store.EvictByTagAsync(PublicPages.AllTag, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var url in batch.RecordUrls)
            {
                await store.EvictByTagAsync(PublicPages.RecordTag(url), cancellationToken).ConfigureAwait(false);
            }
            await store.EvictByTagAsync(PublicPages.ListsTag, cancellationToken).ConfigureAwait(false);
        }
        _position = batch.Position;
        readers.Read("pages", _position);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.Search.PollIntervalMs);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ApplyAsync(stoppingToken).ConfigureAwait(false))
                {
                    // A long backlog (a bulk import): read on until caught up.
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing stale may be served for long: drop everything and try again.
                await gate.AdvanceAsync(stoppingToken).ConfigureAwait(false);
                await store.EvictByTagAsync(PublicPages.AllTag, stoppingToken).ConfigureAwait(false);
                LogFailed(logger, e);
            }
            try
            {
                await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the change log for the page cache failed; every cached page was dropped")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>
/// How many times this node has begun to evict cached pages. A page is stored only if the count
/// has not moved since its request began: it was rendered from what the database and the index held
/// then, and an eviction since may be of exactly what it shows. The count moves, and a page is
/// checked and stored, under one lock, so a store either comes before the move (and the eviction
/// that follows it drops the page) or sees it (and stores nothing); a check when the response
/// starts alone left the time of writing the body, in which an eviction could pass unseen and the
/// stale page stay until the next change.
/// </summary>
public sealed class PageCacheGate : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Moves the count before an eviction.</summary>
    public async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Increment(ref _generation);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Runs <paramref name="store"/> if the count is still <paramref name="generation"/>; returns whether it ran.</summary>
    public async Task<bool> StoreIfUnchangedAsync(long generation, Func<ValueTask> store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (generation != Generation)
            {
                return false;
            }
            await store().ConfigureAwait(false);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>The output cache's store, storing a public page only through <see cref="PageCacheGate"/>.</summary>
internal sealed class GatedOutputCacheStore(IOutputCacheStore inner, PageCacheGate gate, IHttpContextAccessor http) : IOutputCacheStore
{
    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        // Only the public-page policy stores, and it notes the count when the request begins; a
        // page without that note is not stored.
        if (http.HttpContext?.Items[PublicPagePolicy.GenerationKey] is long generation)
        {
            await gate.StoreIfUnchangedAsync(generation, () => inner.SetAsync(key, value, tags, validFor, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }
}

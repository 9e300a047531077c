using Gongkai.Application;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Infrastructure;

/// <summary>Absolute addresses for sitemaps, feeds and the JSON API.</summary>
internal static class PublicUrls
{
    /// <summary>
    /// <c>Gongkai:PublicBaseUrl</c> without a trailing slash when set (the Host header is the
    /// client's to choose and must not reach a link others read); otherwise the request's own origin.
    /// </summary>
    public static string Origin(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var configured = http.RequestServices.GetRequiredService<IOptions<GongkaiOptions>>().Value.PublicBaseUrl;
        return string.IsNullOrWhiteSpace(configured)
            ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}"
            : configured.TrimEnd('/');
    }

    public static string Absolute(HttpContext http, string path) => Origin(http) + path;
}

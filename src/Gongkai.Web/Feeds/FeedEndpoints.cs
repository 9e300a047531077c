using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Gongkai.Application;
using Gongkai.Application.Catalog;
using Gongkai.Core;
using Microsoft.Extensions.Options;
using Gongkai.Web.Infrastructure;

namespace Gongkai.Web.Feeds;

/// <summary>RSS per site and the sitemap: public records only, like every public face.</summary>
internal static class FeedEndpoints
{
    /// <summary>
    /// Record ids per sitemap page. The protocol allows 50,000 URLs per file, but a page of 50,000
    /// took half a second to build (reading the rows, then the XML), and one of 2,000 took 24–34 ms
    /// at p50 with a p99 up to 65 ms on two cores, over the 50 ms a public page may take uncached
    /// (docs/benchmarks.md). A million records need 1,000 pages of 1,000, far below the 50,000 a
    /// sitemap index may list.
    /// </summary>
    public const int SitemapPageSize = 1_000;

    private const int FeedItems = 50;

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{site}/xxgk/rss.xml", RssAsync).ExcludeFromDescription().CacheOutput(PublicPages.Policy);
        app.MapGet("/sitemap.xml", SitemapIndexAsync).ExcludeFromDescription().CacheOutput(PublicPages.Policy);
        app.MapGet("/sitemap-{page:int}.xml", SitemapPageAsync).ExcludeFromDescription().CacheOutput(PublicPages.Policy);
        return app;
    }

    private static async Task<IResult> RssAsync(HttpContext http, string site, CatalogReader reader, IOptions<GongkaiOptions> options, CancellationToken cancellationToken)
    {
        var info = await reader.SiteAsync(site, cancellationToken);
        if (info is null)
        {
            return Results.NotFound();
        }
        var sites = await reader.SitesAsync(cancellationToken);
        var rows = await reader.LatestAsync(CatalogQueryResolver.SiteAndDescendants(info.Id, sites), FeedItems, cancellationToken: cancellationToken);
        var baseUri = BaseUri(http);
        var feed = new SyndicationFeed(
            XmlSafe($"{info.Name} · 政府信息公开 · {options.Value.SiteGroupName}"),
            XmlSafe($"{info.OrganizationName}主动公开的政府信息"),
            new Uri(baseUri, RecordUrls.Section(info.Slug)))
        {
            Language = "zh-CN",
            LastUpdatedTime = rows.Count > 0 ? ChinaTime.ToChina(rows[0].PublishedAtUtc) : DateTimeOffset.UnixEpoch,
            Items = rows.Select(r =>
            {
                var item = new SyndicationItem(XmlSafe(r.Title), XmlSafe(r.Summary), new Uri(baseUri, r.Url), r.IndexNumber, ChinaTime.ToChina(r.PublishedAtUtc))
                {
                    PublishDate = ChinaTime.ToChina(r.PublishedAtUtc),
                };
                item.Authors.Add(new SyndicationPerson { Name = XmlSafe(r.Publisher) });
                return item;
            }).ToList(),
        };
        var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true, Indent = true }))
        {
            new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer);
        }
        return Results.Bytes(buffer.ToArray(), "application/rss+xml; charset=utf-8");
    }

    private static async Task<IResult> SitemapIndexAsync(HttpContext http, CatalogReader reader, CancellationToken cancellationToken)
    {
        var pages = await SitemapPagesAsync(reader, cancellationToken);
        var origin = PublicUrls.Origin(http);
        return Sitemap("sitemapindex", async writer =>
        {
            for (var p = 1; p <= pages; p++)
            {
                await writer.WriteStartElementAsync(null, "sitemap", SitemapNamespace);
                await writer.WriteElementStringAsync(null, "loc", SitemapNamespace, $"{origin}/sitemap-{p.ToString(CultureInfo.InvariantCulture)}.xml");
                await writer.WriteEndElementAsync();
            }
        });
    }

    private static async Task<IResult> SitemapPageAsync(HttpContext http, int page, CatalogReader reader, CancellationToken cancellationToken)
    {
        if (page < 1 || page > await SitemapPagesAsync(reader, cancellationToken))
        {
            return Results.NotFound();
        }
        var origin = PublicUrls.Origin(http);
        // The fixed pages on the first: home, and each site's disclosure section and catalog.
        var sites = page == 1 ? await reader.SitesAsync(cancellationToken) : [];
        var records = await reader.SitemapPageAsync(page, SitemapPageSize, cancellationToken);
        return Sitemap("urlset", async writer =>
        {
            if (page == 1)
            {
                await UrlAsync(writer, origin + "/", null);
                foreach (var site in sites)
                {
                    await UrlAsync(writer, origin + RecordUrls.Section(site.Slug), null);
                    await UrlAsync(writer, origin + RecordUrls.Catalog(site.Slug), null);
                }
            }
            foreach (var (url, updatedAtUtc) in records)
            {
                await UrlAsync(writer, origin + url, updatedAtUtc);
            }
        });
    }

    /// <summary>
    /// Sitemap page p lists the public records with ids from (p − 1) × size + 1 to p × size: each
    /// page is a range of the primary key, as cheap at the millionth record as at the first (an
    /// offset would read every record before it). A page can hold fewer records, or none, where
    /// records of its range were drafts or withdrawn.
    /// </summary>
    private static async Task<int> SitemapPagesAsync(CatalogReader reader, CancellationToken cancellationToken) =>
        Math.Max(1, (int)Math.Ceiling(await reader.LastRecordIdAsync(cancellationToken) / (double)SitemapPageSize));

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static async Task UrlAsync(XmlWriter writer, string loc, DateTime? lastModifiedUtc)
    {
        await writer.WriteStartElementAsync(null, "url", SitemapNamespace);
        await writer.WriteElementStringAsync(null, "loc", SitemapNamespace, loc);
        if (lastModifiedUtc is DateTime m)
        {
            await writer.WriteElementStringAsync(null, "lastmod", SitemapNamespace, m.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        await writer.WriteEndElementAsync();
    }

    /// <summary>
    /// The text without the characters XML cannot carry: input refuses them, but a record stored before
    /// that (or by another way in) must not take the whole feed down.
    /// </summary>
    internal static string XmlSafe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// A sitemap document written straight to the response (through the page cache and its
    /// compression): a page of 2,000 URLs is about 250 KB, which as one string would be built, copied
    /// and encoded on the large-object heap for every uncached request.
    /// </summary>
    private static IResult Sitemap(string root, Func<XmlWriter, Task> writeEntries) =>
        Results.Stream(async body =>
        {
            await using var writer = XmlWriter.Create(body, SitemapSettings);
            await writer.WriteStartDocumentAsync();
            await writer.WriteStartElementAsync(null, root, SitemapNamespace);
            await writeEntries(writer);
            await writer.WriteEndElementAsync();
            await writer.WriteEndDocumentAsync();
            await writer.FlushAsync();
        }, "application/xml; charset=utf-8");

    private static readonly XmlWriterSettings SitemapSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        Async = true,
        Indent = true,
    };

    private static Uri BaseUri(HttpContext http) => new(PublicUrls.Origin(http) + "/");
}

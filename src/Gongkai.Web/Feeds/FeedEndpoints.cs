using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
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
    /// took half a second to build (reading the rows, then the XML); 2,000 keep a page near 20 ms,
    /// and a million records need 500 pages, far below the 50,000 a sitemap index may list.
    /// </summary>
    public const int SitemapPageSize = 2_000;

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
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var pages = await SitemapPagesAsync(reader, cancellationToken);
        var baseUri = BaseUri(http);
        var index = new XElement(ns + "sitemapindex",
            Enumerable.Range(1, pages).Select(p => new XElement(ns + "sitemap",
                new XElement(ns + "loc", new Uri(baseUri, $"/sitemap-{p}.xml").AbsoluteUri))));
        return Xml(index);
    }

    private static async Task<IResult> SitemapPageAsync(HttpContext http, int page, CatalogReader reader, CancellationToken cancellationToken)
    {
        if (page < 1 || page > await SitemapPagesAsync(reader, cancellationToken))
        {
            return Results.NotFound();
        }
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var baseUri = BaseUri(http);
        var entries = new List<XElement>();
        if (page == 1)
        {
            // The fixed pages: home, and each site's disclosure section and catalog.
            entries.Add(Url(ns, new Uri(baseUri, "/"), null));
            foreach (var site in await reader.SitesAsync(cancellationToken))
            {
                entries.Add(Url(ns, new Uri(baseUri, RecordUrls.Section(site.Slug)), null));
                entries.Add(Url(ns, new Uri(baseUri, RecordUrls.Catalog(site.Slug)), null));
            }
        }
        var records = await reader.SitemapPageAsync(page, SitemapPageSize, cancellationToken);
        entries.AddRange(records.Select(r => Url(ns, new Uri(baseUri, r.Url), r.UpdatedAtUtc)));
        return Xml(new XElement(ns + "urlset", entries));
    }

    /// <summary>
    /// Sitemap page p lists the public records with ids from (p − 1) × size + 1 to p × size: each
    /// page is a range of the primary key, as cheap at the millionth record as at the first (an
    /// offset would read every record before it). A page can hold fewer records, or none, where
    /// records of its range were drafts or withdrawn.
    /// </summary>
    private static async Task<int> SitemapPagesAsync(CatalogReader reader, CancellationToken cancellationToken) =>
        Math.Max(1, (int)Math.Ceiling(await reader.LastRecordIdAsync(cancellationToken) / (double)SitemapPageSize));

    private static XElement Url(XNamespace ns, Uri loc, DateTime? lastModifiedUtc) =>
        new(ns + "url",
            new XElement(ns + "loc", loc.AbsoluteUri),
            lastModifiedUtc is DateTime m ? new XElement(ns + "lastmod", m.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)) : null);

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

    private static IResult Xml(XElement root)
    {
        var text = new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root.ToString(SaveOptions.None);
        return Results.Text(text, "application/xml; charset=utf-8");
    }

    private static Uri BaseUri(HttpContext http) => new(PublicUrls.Origin(http) + "/");
}

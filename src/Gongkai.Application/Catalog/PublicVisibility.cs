using Gongkai.Core.Catalog;

namespace Gongkai.Application.Catalog;

/// <summary>
/// The one definition of "public" for every public page, feed, sitemap and API: published, and its
/// publication time has come. Drafts, withdrawn records and scheduled records never pass.
/// </summary>
public static class PublicVisibility
{
    public static IQueryable<Record> WherePublic(this IQueryable<Record> records, DateTime nowUtc) =>
        records.Where(r => r.State == RecordState.Published && r.PublishedAtUtc != null && r.PublishedAtUtc <= nowUtc);
}

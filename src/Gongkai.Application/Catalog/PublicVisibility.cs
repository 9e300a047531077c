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

    /// <summary>
    /// The same test in memory, for records looked up by a key of their own (primary key, 解读
    /// link): given that key and the public range in one query, SQLite's planner chose the range
    /// over (State, PublishedAtUtc) and read every public record (120 ms a record page at 100,000
    /// records, issue 18). Looking up by the key alone and testing here keeps the lookup on its index.
    /// </summary>
    public static bool IsPublic(RecordState state, DateTime? publishedAtUtc, DateTime nowUtc) =>
        state == RecordState.Published && publishedAtUtc is DateTime at && at <= nowUtc;
}

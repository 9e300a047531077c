using Gongkai.Application.Search;

namespace Gongkai.Application.Tests.Search;

/// <summary>A real Lucene index in a temporary folder, filled by each test with the documents it needs.</summary>
public sealed class TempIndex : IDisposable
{
    private static long _nextId;

    public TempIndex()
    {
        Path = NewPath();
        Index = SearchIndex.Open(Path);
    }

    /// <summary>A new folder under the temporary directory for an index.</summary>
    public static string NewPath() =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gongkai-search-tests", Guid.NewGuid().ToString("N"));

    public string Path { get; }

    public SearchIndex Index { get; }

    public static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);

    public static SearchDocument Doc(string title, string body = "正文", string? documentNumber = null, DateTime? publishedAt = null,
        string summary = "内容概述", string genre = "通知", string site = "gxq", string indexNumber = "", string themePrimary = "综合政务")
    {
        var id = Interlocked.Increment(ref _nextId);
        var at = publishedAt ?? new DateTime(2025, 3, 1, 2, 0, 0, DateTimeKind.Utc);
        return new SearchDocument
        {
            Id = id,
            IndexNumber = indexNumber.Length > 0 ? indexNumber : $"01404053X/{at.Year}-{id % 99999:00000}",
            Url = $"/xxgk/test/{id}",
            Title = title,
            DocumentNumber = documentNumber,
            Summary = summary,
            Body = body,
            SiteSlug = site,
            SiteName = "高新区",
            Publisher = "江阴高新技术开发区管理委员会",
            ThemePrimary = themePrimary,
            ThemeSecondary = "政务公开",
            Genre = genre,
            EffectStatus = "有效",
            GeneratedOn = DateOnly.FromDateTime(at),
            PublishedOn = DateOnly.FromDateTime(at.AddHours(8)),
            PublishedAtUtc = at,
        };
    }

    public TempIndex With(params SearchDocument[] documents)
    {
        Index.Upsert(documents);
        Index.Commit(Index.Position + 1);
        return this;
    }

    public SearchResponse Search(string text, Func<SearchRequest, SearchRequest>? change = null)
    {
        var request = new SearchRequest { Text = text, NowUtc = Now };
        return QueryRunner.Search(Index, change is null ? request : change(request));
    }

    public void Dispose()
    {
        Index.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}

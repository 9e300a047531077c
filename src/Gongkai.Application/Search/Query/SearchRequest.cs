namespace Gongkai.Application.Search;

public enum SearchSort
{
    Relevance,
    Date,
}

public enum SearchScope
{
    /// <summary>Title, 文号, keywords, summary, body and attachments.</summary>
    FullText,

    /// <summary>The title only.</summary>
    TitleOnly,
}

/// <summary>A search as the index takes it: text plus exact filters (labels as stored).</summary>
public sealed record SearchRequest
{
    public const int MaxQueryLength = 100;
    public const int MaxTerms = 12;
    public const int DefaultPageSize = 10;

    /// <summary>
    /// Results are offered up to page 100 of 10 (the first 1,000). The cost of a page grows with
    /// its depth (the collector keeps page × size hits); past 1,000 results a reader narrows the
    /// search with facets or the advanced form, which is also what reading that far means.
    /// </summary>
    public const int MaxResults = 1000;

    public string? Text { get; init; }
    public SearchScope Scope { get; init; } = SearchScope.FullText;
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public string? Site { get; init; }
    public IReadOnlyList<string>? Sites { get; init; }
    public string? Publisher { get; init; }
    public string? ThemePrimary { get; init; }
    public string? ThemeSecondary { get; init; }
    public string? Genre { get; init; }
    public int? Year { get; init; }
    public string? EffectStatus { get; init; }
    public DateOnly? PublishedFrom { get; init; }
    public DateOnly? PublishedTo { get; init; }

    /// <summary>文号 parts (advanced form): 机关代字, year, number.</summary>
    public string? DocumentAgency { get; init; }
    public int? DocumentYear { get; init; }
    public int? DocumentSerial { get; init; }

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Only records published at or before this moment are found.</summary>
    public required DateTime NowUtc { get; init; }

    public bool HasFilters =>
        Site is not null || Sites is not null || Publisher is not null || ThemePrimary is not null || ThemeSecondary is not null
        || Genre is not null || Year is not null || EffectStatus is not null || PublishedFrom is not null || PublishedTo is not null
        || DocumentAgency is not null || DocumentYear is not null || DocumentSerial is not null;
}

/// <summary>One hit: highlighted title and snippet are HTML with the matches in &lt;em&gt;.</summary>
public sealed record SearchHit(
    long Id, string IndexNumber, string Url, string TitleHtml, string SnippetHtml, DateOnly PublishedOn,
    string SiteName, string? DocumentNumber, float Score);

public sealed record FacetCount(string Value, int Count);

public sealed record SearchResponse(
    IReadOnlyList<SearchHit> Hits,
    int Total,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> Notices,
    int Page,
    int PageSize)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Math.Min(Total, SearchRequest.MaxResults) / (double)PageSize));
}

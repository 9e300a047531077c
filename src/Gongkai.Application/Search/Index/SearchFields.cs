namespace Gongkai.Application.Search;

/// <summary>Field names of the index, and the analyzer of each analysed field.</summary>
public static class SearchFields
{
    // Identity and exact matches (not analysed).
    public const string Id = "id";
    public const string IndexNumber = "indexNumber";
    public const string DocumentNumberExact = "docNumberExact";
    public const string TitleExact = "titleExact";

    // Analysed text.
    /// <summary>Title, 文号, keywords, summary, body and attachment text in one field: what decides whether a term matches.</summary>
    public const string Text = "text";
    public const string Title = "title";              // cjk-bigram: title-only search, boost, stored for display
    /// <summary>
    /// Not an indexed field: the analyzer (smartcn) that splits a typed term into dictionary words,
    /// each then boosted as a phrase of <see cref="Title"/>. Segmenting every title at index time
    /// instead cost about a tenth of a rebuild (docs/benchmarks.md, "Rebuild: fewer copies, no dictionary at index time").
    /// </summary>
    public const string TitleWords = "titleWords";
    public const string DocumentNumber = "docNumber"; // boost
    public const string Keywords = "keywords";        // boost

    // Stored for snippets (matched through Text).
    public const string Summary = "summary";
    public const string Body = "body";

    // Facets (sorted doc values + indexed string for filtering).
    public const string Site = "site";
    public const string Publisher = "publisher";
    public const string ThemePrimary = "themePrimary";
    public const string ThemeSecondary = "themeSecondary";
    public const string Genre = "genre";
    public const string Year = "year";
    public const string EffectStatus = "effectStatus";

    // For the catalog (CatalogSearch), not offered as search facets: the record's 栏目, and its site,
    // publisher, theme and genre by id (sorted doc values), so that a renamed organization or term
    // leaves the catalog's counts right without reindexing its records.
    public const string Column = "column";
    public const string SiteId = "siteId";
    public const string PublisherId = "publisherId";
    public const string ThemeId = "themeId";
    public const string GenreId = "genreId";

    // 文号 parts for the advanced form.
    public const string DocumentAgency = "docAgency";
    public const string DocumentYear = "docYear";
    public const string DocumentSerial = "docSerial";

    // Time (UTC ticks) for the visibility filter, date ranges and sorting.
    public const string PublishedAt = "publishedAt";
    public const string GeneratedOn = "generatedOn";

    // Stored only.
    public const string Url = "url";
    public const string PublishedOn = "publishedOn";
    public const string SiteName = "siteName";

    public static readonly IReadOnlyList<string> Facets = [Site, Publisher, ThemePrimary, ThemeSecondary, Genre, Year, EffectStatus];

    public static readonly IReadOnlyDictionary<string, string> DefaultAnalyzers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Text] = Analysis.AnalyzerRegistry.CjkBigram,
        [Title] = Analysis.AnalyzerRegistry.CjkBigram,
        [TitleWords] = Analysis.AnalyzerRegistry.SmartCn,
        [DocumentNumber] = Analysis.AnalyzerRegistry.CjkBigram,
        [Keywords] = Analysis.AnalyzerRegistry.CjkBigram,
    };
}

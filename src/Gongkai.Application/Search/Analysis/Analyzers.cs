using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Gongkai.Application.Search.Analysis;

/// <summary>
/// Overlapping CJK bigrams (StandardTokenizer → CJKWidthFilter → lower case → bigrams, the filters
/// being Lucene's or faster ones that give the same tokens):
/// every run of Han characters becomes its two-character windows, Latin words and numbers stay
/// whole, full-width letters and digits fold to half-width. Searched as phrases, bigrams find any
/// Chinese string exactly, whatever a dictionary would have made of it, and tokenizing costs a
/// fraction of dictionary segmentation (see docs/benchmarks.md).
/// </summary>
public sealed class CjkBigramAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(SearchIndex.Version, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        // The same terms as LowerCaseFilter, without its per-token trip through the case tables.
        stream = new FastLowerCaseFilter(stream);
        stream = new FastCjkBigramFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

/// <summary>
/// The same bigrams from <see cref="CjkRunTokenizer"/> instead of StandardTokenizer: about 15–20 %
/// faster indexing (docs/benchmarks.md). Not the default: it splits 3.5 into 3 and 5 and drops
/// characters outside the Basic Multilingual Plane (CJK Extension B and later), which some personal
/// and place names use.
/// </summary>
public sealed class CjkRunBigramAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new CjkRunTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new FastCjkBigramFilter(tokenizer));
    }
}

/// <summary>
/// The analyzers the index knows, by name, so that configuration can choose one per field
/// (<c>Gongkai:Search:Analyzers:{field}</c>). Names: <c>cjk-bigram</c>, <c>cjk-run-bigram</c>, <c>smartcn</c> (dictionary
/// word segmentation, Lucene.Net.Analysis.SmartCn), <c>keyword</c> (the whole value as one token).
/// </summary>
public static class AnalyzerRegistry
{
    public const string CjkBigram = "cjk-bigram";
    public const string CjkRunBigram = "cjk-run-bigram";
    public const string SmartCn = "smartcn";
    public const string Keyword = "keyword";

    public static IReadOnlyCollection<string> Names { get; } = [CjkBigram, CjkRunBigram, SmartCn, Keyword];

    public static Analyzer Create(string name) => name switch
    {
        CjkBigram => new CjkBigramAnalyzer(),
        CjkRunBigram => new CjkRunBigramAnalyzer(),
        SmartCn => new SmartChineseAnalyzer(SearchIndex.Version),
        Keyword => new KeywordAnalyzer(),
        _ => throw new ArgumentException($"Unknown analyzer '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The analyzer of each analysed field: the defaults, overridden by <paramref name="overrides"/>.</summary>
    public static Analyzer PerField(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var names = new Dictionary<string, string>(SearchFields.DefaultAnalyzers, StringComparer.Ordinal);
        foreach (var (field, analyzer) in overrides ?? new Dictionary<string, string>())
        {
            if (!names.ContainsKey(field))
            {
                throw new ArgumentException($"'{field}' is not an analysed search field. Fields: {string.Join(", ", names.Keys)}.");
            }
            names[field] = analyzer;
        }
        var cache = new Dictionary<string, Analyzer>(StringComparer.Ordinal);
        var perField = names.ToDictionary(kv => kv.Key, kv => cache.TryGetValue(kv.Value, out var a) ? a : cache[kv.Value] = Create(kv.Value));
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
    }
}

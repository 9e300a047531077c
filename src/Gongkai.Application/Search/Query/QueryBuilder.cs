using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Gongkai.Application.Search;

/// <summary>
/// Turns what a person typed into a Lucene query. The text is never parsed as Lucene syntax: it is
/// split into runs of letters and digits (the "terms"), each of which must occur (as a phrase of its
/// analysed tokens) in at least one searched field. An exact 文号, 索引号 or title lifts its record
/// above everything else.
/// </summary>
internal static class QueryBuilder
{
    // Fields whose phrase match adds to the score of a record that matched (title above body).
    private static readonly (string Field, float Boost)[] BoostFields =
    [
        (SearchFields.Title, 6f),
        (SearchFields.DocumentNumber, 3f),
        (SearchFields.Keywords, 3f),
    ];

    /// <summary>The runs of letters and digits of the (folded) text, at most <see cref="SearchRequest.MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string folded)
    {
        var terms = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var term = folded[start..i];
                if (!terms.Contains(term))
                {
                    terms.Add(term);
                }
                start = -1;
            }
        }
        return terms.Take(SearchRequest.MaxTerms).ToList();
    }

    /// <summary>
    /// The query for <paramref name="terms"/> in three parts: every term must occur (as a phrase)
    /// in the matching field; title, 文号, keywords and the dictionary words of the term (in the title) only add
    /// to the score of what matched; an exact 文号, 索引号 or title matches on its own and goes first.
    /// </summary>
    public static TextQuery? TextParts(IReadOnlyList<string> terms, string rawText, SearchScope scope, Analyzer analyzer)
    {
        if (terms.Count == 0)
        {
            return null;
        }
        var required = new List<Query>();
        var optional = new List<Query>();
        var matchField = scope == SearchScope.TitleOnly ? SearchFields.Title : SearchFields.Text;
        foreach (var term in terms)
        {
            if (Phrase(analyzer, matchField, term) is not { } match)
            {
                continue;
            }
            required.Add(match);
            foreach (var (field, boost) in BoostFields)
            {
                if (field != matchField && Phrase(analyzer, field, term) is { } q)
                {
                    q.Boost = boost;
                    optional.Add(q);
                }
            }
            // The dictionary words of the term, each a phrase of the title on its own: a title that
            // shares a word with a longer term gains a little (a sum, as a boolean query of them would
            // score). The term itself is boosted above, and a lone character is a word of too many titles.
            if (matchField != SearchFields.Title)
            {
                foreach (var word in Analyze(analyzer, SearchFields.TitleWords, term).Select(t => t.Text).Distinct(StringComparer.Ordinal))
                {
                    if (word.Length > 1 && word != term && Phrase(analyzer, SearchFields.Title, word) is { } q)
                    {
                        q.Boost = 2f;
                        optional.Add(q);
                    }
                }
            }
        }
        if (required.Count == 0)
        {
            return null;
        }

        // Exact matches go first: 文号 in any bracket and width, 索引号, the whole title.
        var folded = TextNormalizer.Fold(rawText).Trim();
        Query[] exact =
        [
            Exact(SearchFields.DocumentNumberExact, TextNormalizer.DocumentNumberKey(rawText), 10_000f),
            Exact(SearchFields.IndexNumber, TextNormalizer.IndexNumberKey(folded), 10_000f),
            Exact(SearchFields.TitleExact, DocumentMapper.TitleKey(rawText), 5_000f),
        ];
        return new TextQuery(required, optional, exact);
    }

    /// <summary>
    /// Records whose publication time has not come: never to be found. Excluded rather than the rest
    /// included, because they are few — a range over the future touches a handful of terms, while a
    /// range over the past visits every record on every query.
    /// </summary>
    public static Query NotYetPublic(SearchRequest request) =>
        NumericRangeQuery.NewInt64Range(SearchFields.PublishedAt, request.NowUtc.Ticks, null, false, true);

    /// <summary>The request's filters (site, theme, genre, year, 文号 parts, dates); null when there are none.</summary>
    public static Query? Filters(SearchRequest request)
    {
        var filter = new BooleanQuery();
        void Exact(string field, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                filter.Add(new TermQuery(new Term(field, value)), Occur.MUST);
            }
        }
        Exact(SearchFields.Site, request.Site);
        if (request.Sites is { Count: > 0 } sites)
        {
            var any = new BooleanQuery();
            foreach (var site in sites)
            {
                any.Add(new TermQuery(new Term(SearchFields.Site, site)), Occur.SHOULD);
            }
            filter.Add(any, Occur.MUST);
        }
        Exact(SearchFields.Publisher, request.Publisher);
        Exact(SearchFields.ThemePrimary, request.ThemePrimary);
        Exact(SearchFields.ThemeSecondary, request.ThemeSecondary);
        Exact(SearchFields.Genre, request.Genre);
        Exact(SearchFields.EffectStatus, request.EffectStatus);
        Exact(SearchFields.Year, request.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Exact(SearchFields.DocumentAgency, request.DocumentAgency is null ? null : TextNormalizer.DocumentNumberKey(request.DocumentAgency));
        if (request.DocumentYear is int docYear)
        {
            filter.Add(NumericRangeQuery.NewInt32Range(SearchFields.DocumentYear, docYear, docYear, true, true), Occur.MUST);
        }
        if (request.DocumentSerial is int serial)
        {
            filter.Add(NumericRangeQuery.NewInt32Range(SearchFields.DocumentSerial, serial, serial, true, true), Occur.MUST);
        }
        if (request.PublishedFrom is not null || request.PublishedTo is not null)
        {
            // 公开日期 is a China date: the range is of publication moments from 00:00 UTC+8.
            long? from = request.PublishedFrom is DateOnly f ? Core.ChinaTime.StartOfDayUtc(f).Ticks : null;
            long? to = request.PublishedTo is DateOnly t ? Core.ChinaTime.StartOfDayUtc(t.AddDays(1)).Ticks - 1 : null;
            filter.Add(NumericRangeQuery.NewInt64Range(SearchFields.PublishedAt, from, to, true, true), Occur.MUST);
        }
        return filter.Clauses.Count == 0 ? null : filter;
    }

    /// <summary>The analysed tokens of <paramref name="text"/> as a phrase (a term query for one token).</summary>
    private static Query? Phrase(Analyzer analyzer, string field, string text)
    {
        var tokens = Analyze(analyzer, field, text);
        switch (tokens.Count)
        {
            case 0:
                return null;
            case 1:
                var single = new Term(field, tokens[0].Text);
                // A lone Han character is indexed only inside bigrams: look for bigrams starting with it.
                return tokens[0].Text.Length == 1 && IsHan(tokens[0].Text[0])
                    ? new BooleanQuery(disableCoord: true) { { new TermQuery(single), Occur.SHOULD }, { new PrefixQuery(single), Occur.SHOULD } }
                    : new TermQuery(single);
            default:
                var phrase = new PhraseQuery();
                foreach (var (token, position) in Cover(tokens))
                {
                    phrase.Add(new Term(field, token), position);
                }
                return phrase;
        }
    }

    /// <summary>
    /// For a run of Han characters (overlapping bigrams at consecutive positions) the bigrams at
    /// every other position, plus the last, already spell the whole run: 项目攻坚 is 项目@0 + 攻坚@2.
    /// Fewer terms in the phrase means fewer postings to intersect and verify.
    /// </summary>
    internal static List<(string Text, int Position)> Cover(List<(string Text, int Position)> tokens)
    {
        var bigramRun = tokens.Select((t, i) => t.Position == tokens[0].Position + i && t.Text.Length == 2 && IsHan(t.Text[0]) && IsHan(t.Text[1]))
            .All(ok => ok);
        if (!bigramRun || tokens.Count < 3)
        {
            return tokens;
        }
        var cover = new List<(string, int)>();
        for (var i = 0; i < tokens.Count; i += 2)
        {
            cover.Add(tokens[i]);
        }
        if ((tokens.Count - 1) % 2 != 0)
        {
            cover.Add(tokens[^1]);
        }
        return cover;
    }

    private static ConstantScoreQuery Exact(string field, string key, float boost) =>
        new(new TermQuery(new Term(field, key))) { Boost = boost };

    internal static List<(string Text, int Position)> Analyze(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position));
        }
        stream.End();
        return tokens;
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}

/// <summary>
/// A text query in its parts. A record matches when it matches every <see cref="Required"/> clause,
/// or any <see cref="Exact"/> one; its score is the sum of the scores of the clauses it matches
/// (the <see cref="Optional"/> ones counting only with the required ones), as Lucene would score
/// <see cref="ToQuery"/>.
/// </summary>
internal sealed record TextQuery(IReadOnlyList<Query> Required, IReadOnlyList<Query> Optional, IReadOnlyList<Query> Exact)
{
    /// <summary>The same query as one Lucene query.</summary>
    public Query ToQuery()
    {
        var all = new BooleanQuery(disableCoord: true);
        foreach (var q in Required)
        {
            all.Add(q, Occur.MUST);
        }
        foreach (var q in Optional)
        {
            all.Add(q, Occur.SHOULD);
        }
        var top = new BooleanQuery(disableCoord: true) { { all, Occur.SHOULD } };
        foreach (var q in Exact)
        {
            top.Add(q, Occur.SHOULD);
        }
        top.MinimumNumberShouldMatch = 1;
        return top;
    }
}

using Gongkai.Application.Search.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

using Gongkai.Application.Search;

namespace Gongkai.Application.Tests.Search;

public sealed class AnalyzerTests
{
    private static List<string> Tokens(string analyzer, string text)
    {
        using var a = AnalyzerRegistry.Create(analyzer);
        return QueryBuilder.Analyze(a, SearchFields.Text, text).Select(t => $"{t.Text}@{t.Position}").ToList();
    }

    [Theory]
    [InlineData("高新区召开大会", "高新@0 新区@1 区召@2 召开@3 开大@4 大会@5")]
    [InlineData("索引号01404053X，ＧＤＰ增长", "索引@0 引号@1 01404053x@2 gdp@3 增长@4")]
    [InlineData("澄政发〔2023〕10号", "澄政@0 政发@1 2023@2 10@3 号@4")]
    public void The_run_tokenizer_gives_the_same_bigrams_as_the_standard_one_on_chinese_text(string text, string expected)
    {
        Assert.Equal(expected, string.Join(" ", Tokens(AnalyzerRegistry.CjkRunBigram, text)));
        Assert.Equal(expected, string.Join(" ", Tokens(AnalyzerRegistry.CjkBigram, text)));
    }

    [Fact]
    public void Offsets_point_into_the_original_text_across_buffer_refills()
    {
        var text = new string('x', 5000) + " 创新提质";
        using var a = AnalyzerRegistry.Create(AnalyzerRegistry.CjkRunBigram);
        using var stream = a.GetTokenStream(SearchFields.Text, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var offset = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
        stream.Reset();
        var tokens = new List<string>();
        while (stream.IncrementToken())
        {
            tokens.Add($"{term}:{text[offset.StartOffset..offset.EndOffset]}");
        }
        stream.End();
        Assert.Equal([$"{new string('x', 5000)}:{new string('x', 5000)}", "创新:创新", "新提:新提", "提质:提质"], tokens);
    }

    [Fact]
    public void The_fast_filters_give_the_tokens_of_lucenes_lower_case_and_bigram_filters()
    {
        // Han, kana (with half-width katakana and voiced marks, which CJKWidthFilter folds into one
        // character), Hangul, CJK punctuation, full-width forms, Latin with and without accents, Greek,
        // Cyrillic, Turkish dotted I, Roman numerals, circled letters, Deseret (outside the BMP), CJK
        // Extension B, emoji, and the separators that make lone characters (年 in 2020年3月).
        const string alphabet = "高新区召开大会年月日的〔〕ＧＤＰｇｄｐかなカナｶﾞﾊﾟ한국ABCxyzÄÖÜßÉéİıΣσςДжⅫⓐⒶ0123456789 ,.-_，。";
        var pieces = new List<string>(alphabet.Select(c => c.ToString())) { "\U00010400", "\U00010428", "\U0001F600", "\U00020000", "\U0002A6D6" };
        var random = new Random(7);
        for (var n = 0; n < 4000; n++)
        {
            // Long runs now and then, past the 64 code points after which the bigram buffer is compacted.
            var length = n % 10 == 0 ? random.Next(60, 200) : random.Next(1, 30);
            var text = string.Concat(Enumerable.Range(0, length).Select(_ => pieces[random.Next(pieces.Count)]));
            Assert.Equal(Tokens(new LuceneBigramAnalyzer(), text), Tokens(new CjkBigramAnalyzer(), text));
        }
    }

    [Theory]
    [InlineData("2020年3月5日的会", "2020 年 3 月 5 日的 的会")]
    [InlineData("高，的，新区", "高 的 新区")]
    [InlineData("区", "区")]
    [InlineData("ｶﾞｷﾞｸﾞ", "ガギ ギグ")] // half-width kana folded two characters into one: offsets of the whole token
    public void A_lone_character_is_a_unigram_and_the_token_after_it_is_not_lost(string text, string expected)
    {
        Assert.Equal(expected, string.Join(" ", QueryBuilder.Analyze(new CjkBigramAnalyzer(), SearchFields.Text, text).Select(t => t.Text)));
        Assert.Equal(Tokens(new LuceneBigramAnalyzer(), text), Tokens(new CjkBigramAnalyzer(), text));
    }

    [Fact]
    public void With_an_attribute_it_does_not_know_the_bigram_filter_clears_it_as_lucenes_does()
    {
        // A payload on every token before the bigrams: a bigram or unigram made from them has none,
        // and a token passed through keeps its own.
        var random = new Random(11);
        const string alphabet = "高新区召开大会年月的ABC 0123，";
        for (var n = 0; n < 500; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.Equal(Tokens(new PayloadAnalyzer(lucene: true), text), Tokens(new PayloadAnalyzer(lucene: false), text));
        }
        Assert.Contains(Tokens(new PayloadAnalyzer(lucene: false), "abc 高新区"), t => t.StartsWith("abc+", StringComparison.Ordinal) && t.EndsWith("[3]", StringComparison.Ordinal));
    }

    private sealed class PayloadAnalyzer(bool lucene) : Lucene.Net.Analysis.Analyzer
    {
        protected override Lucene.Net.Analysis.TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new Lucene.Net.Analysis.Standard.StandardTokenizer(SearchIndex.Version, reader);
            Lucene.Net.Analysis.TokenStream stream = new PayloadFilter(tokenizer);
            stream = lucene ? new Lucene.Net.Analysis.Cjk.CJKBigramFilter(stream) : new FastCjkBigramFilter(stream);
            return new Lucene.Net.Analysis.TokenStreamComponents(tokenizer, stream);
        }
    }

    /// <summary>Gives every token a payload of its length.</summary>
    private sealed class PayloadFilter : Lucene.Net.Analysis.TokenFilter
    {
        private readonly ICharTermAttribute _term;
        private readonly IPayloadAttribute _payload;

        public PayloadFilter(Lucene.Net.Analysis.TokenStream input) : base(input)
        {
            _term = AddAttribute<ICharTermAttribute>();
            _payload = AddAttribute<IPayloadAttribute>();
        }

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }
            _payload.Payload = new Lucene.Net.Util.BytesRef([(byte)_term.Length]);
            return true;
        }
    }

    /// <summary>Every attribute the index reads: term, position increment and length, offsets and type.</summary>
    private static List<string> Tokens(Lucene.Net.Analysis.Analyzer analyzer, string text)
    {
        using (analyzer)
        {
            using var stream = analyzer.GetTokenStream(SearchFields.Text, text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            var positionLength = stream.AddAttribute<IPositionLengthAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            var type = stream.AddAttribute<ITypeAttribute>();
            var payload = stream.HasAttribute<IPayloadAttribute>() ? stream.GetAttribute<IPayloadAttribute>() : null;
            stream.Reset();
            var tokens = new List<string>();
            while (stream.IncrementToken())
            {
                tokens.Add($"{term}+{increment.PositionIncrement}/{positionLength.PositionLength}[{offset.StartOffset},{offset.EndOffset}){type.Type}{payload?.Payload}");
            }
            stream.End();
            tokens.Add($"end[{offset.StartOffset},{offset.EndOffset})");
            return tokens;
        }
    }

    /// <summary>The bigram chain with Lucene's own LowerCaseFilter and CJKBigramFilter: the reference.</summary>
    private sealed class LuceneBigramAnalyzer : Lucene.Net.Analysis.Analyzer
    {
        protected override Lucene.Net.Analysis.TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new Lucene.Net.Analysis.Standard.StandardTokenizer(SearchIndex.Version, reader);
            Lucene.Net.Analysis.TokenStream stream = new Lucene.Net.Analysis.Cjk.CJKWidthFilter(tokenizer);
            stream = new Lucene.Net.Analysis.Core.LowerCaseFilter(SearchIndex.Version, stream);
            stream = new Lucene.Net.Analysis.Cjk.CJKBigramFilter(stream);
            return new Lucene.Net.Analysis.TokenStreamComponents(tokenizer, stream);
        }
    }

    [Fact]
    public void Unknown_analyzer_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AnalyzerRegistry.Create("nosuch"));
        Assert.Throws<ArgumentException>(() => AnalyzerRegistry.PerField(new Dictionary<string, string> { ["nosuchfield"] = AnalyzerRegistry.SmartCn }));
    }
}

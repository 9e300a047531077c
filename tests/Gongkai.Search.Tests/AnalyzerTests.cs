using Gongkai.Search.Analysis;

namespace Gongkai.Search.Tests;

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
    public void Unknown_analyzer_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AnalyzerRegistry.Create("nosuch"));
        Assert.Throws<ArgumentException>(() => AnalyzerRegistry.PerField(new Dictionary<string, string> { ["nosuchfield"] = AnalyzerRegistry.SmartCn }));
    }
}

using Gongkai.Application.Search;

namespace Gongkai.Application.Tests.Search;

public sealed class RobustInputTests
{
    public static TheoryData<string> Hostile => new()
    {
        "title:公告 AND body:*",
        "\"未闭合的引号",
        "((((",
        "公告)))",
        "*?~^[]{}!:\\/",
        "-公告 +通知 || &&",
        "🙂🙂🙂",
        "，。、；：？！……",
        "   ",
        new string('公', 10_000),
        string.Join(' ', Enumerable.Range(0, 500).Select(i => "词" + i)),
        "\0\u0001\uFFFF",
        "'; DROP TABLE Records; --",
        "<script>alert(1)</script>",
        "公告~2 通知^10",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Whatever_is_typed_gives_results_or_a_chinese_notice_and_never_throws(string text)
    {
        using var index = new TempIndex();
        index.With(TempIndex.Doc("关于发布公告的通知", "公告正文"));
        var result = index.Search(text);
        Assert.True(result.Total > 0 || result.Notices.Count > 0 || result.Terms.Count > 0, "neither results nor a notice");
        Assert.All(result.Notices, n => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", n));
    }

    [Fact]
    public void Lucene_syntax_is_searched_as_text()
    {
        using var index = new TempIndex();
        var doc = TempIndex.Doc("关于发布公告的通知", "公告正文");
        index.With(doc);
        // As Lucene syntax "title:公告" would be a field query and "NOT" an operator; as text they are words.
        Assert.Equal(0, index.Search("title:公告").Total);
        Assert.Equal([doc.Id], index.Search("公告 通知").Hits.Select(h => h.Id));
    }

    [Fact]
    public void Only_punctuation_gets_a_notice()
    {
        using var index = new TempIndex();
        index.With(TempIndex.Doc("公告"));
        var result = index.Search("，。！？");
        Assert.Equal(0, result.Total);
        Assert.Contains(result.Notices, n => n.Contains("没有可检索的文字", StringComparison.Ordinal));
    }

    [Fact]
    public void A_very_long_query_is_cut_and_says_so()
    {
        using var index = new TempIndex();
        index.With(TempIndex.Doc("公告"));
        var result = index.Search("公告 " + new string('x', 5000));
        Assert.Contains(result.Notices, n => n.Contains("过长", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_page_outside_the_first_thousand_results_is_refused_in_chinese(int page)
    {
        using var index = new TempIndex();
        index.With(TempIndex.Doc("公告"));
        var error = Assert.Throws<Core.DomainException>(() => index.Search("公告", r => r with { Page = page }));
        Assert.Contains("页码", error.Message, StringComparison.Ordinal);
    }
}

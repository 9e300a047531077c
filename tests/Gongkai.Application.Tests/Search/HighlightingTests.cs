using Gongkai.Application.Search;

namespace Gongkai.Application.Tests.Search;

public sealed class HighlightingTests
{
    [Fact]
    public void The_matched_phrase_is_highlighted_in_the_title_and_the_snippet()
    {
        using var index = new TempIndex();
        index.With(TempIndex.Doc("2020年,江阴高新区:争当创新先行军,勇当项目领跑者",
            "开头的一段文字与检索无关。" + new string('这', 300) + "。全区上下要争当创新先行军，勇当项目领跑者。后面还有很多文字。"));
        var hit = index.Search("争当创新先行军").Hits.Single();
        Assert.Equal("2020年,江阴高新区:<em>争当创新先行军</em>,勇当项目领跑者", hit.TitleHtml);
        Assert.Contains("<em>争当创新先行军</em>", hit.SnippetHtml, StringComparison.Ordinal);
        // The snippet is the passage around the match, not the start of the text.
        Assert.DoesNotContain("开头的一段文字", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.InRange(hit.SnippetHtml.Length, 20, 200);
    }

    [Fact]
    public void Several_terms_are_each_highlighted_and_widths_and_case_fold()
    {
        using var index = new TempIndex();
        index.With(TempIndex.Doc("关于ＧＤＰ统计的说明", "本季度GDP增长，统计数据如下。"));
        var hit = index.Search("gdp 统计").Hits.Single();
        // Adjacent matches read as one highlight.
        Assert.Equal("关于<em>ＧＤＰ统计</em>的说明", hit.TitleHtml);
        Assert.Contains("<em>GDP</em>", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("<em>统计</em>", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_html_encoded_around_the_highlights()
    {
        using var index = new TempIndex();
        index.With(TempIndex.Doc("<script>alert(1)</script>公告", "正文 <b>公告</b> & 说明"));
        var hit = index.Search("公告").Hits.Single();
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt;<em>公告</em>", hit.TitleHtml);
        Assert.DoesNotContain("<b>", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("&amp;", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_matches_become_one_highlight()
    {
        Assert.Equal("<em>项目攻坚年</em>", SnippetHighlighter.Whole("项目攻坚年", ["项目攻坚", "攻坚年"]));
    }

    [Fact]
    public void A_summary_matches_whether_or_not_the_body_repeats_it()
    {
        // The matching field leaves out a summary the body already contains (DocumentMapper); one
        // that is not in the body must still be found.
        using var index = new TempIndex();
        index.With(
            TempIndex.Doc("甲", "防汛抗旱工作部署已经完成。其余正文。", summary: "防汛抗旱工作部署已经完成。"),
            TempIndex.Doc("乙", "完全不同的正文。", summary: "防汛抗旱工作部署已经完成。"));
        var hits = index.Search("防汛抗旱").Hits;
        Assert.Equal(["乙", "甲"], hits.Select(h => h.TitleHtml).Order(StringComparer.Ordinal));
        Assert.All(hits, h => Assert.Contains("<em>防汛抗旱</em>", h.SnippetHtml, StringComparison.Ordinal));
        Assert.Single(index.Search("不同的正文").Hits);
    }
}

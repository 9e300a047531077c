using Gongkai.Application.Search;

namespace Gongkai.Application.Tests.Search;

public sealed class RankingTests
{
    [Theory]
    [InlineData("澄政发〔2023〕10号")]
    [InlineData("澄政发[2023]10号")]
    [InlineData("澄政发(2023)10号")]
    [InlineData("澄政发（２０２３）１０号")]
    [InlineData(" 澄政发［2023］10号 ")]
    public void An_exact_document_number_puts_its_record_first_whatever_the_brackets_and_width(string query)
    {
        using var index = new TempIndex();
        var target = TempIndex.Doc("关于印发某项办法的通知", "正文与此无关。", documentNumber: "澄政发〔2023〕10号", publishedAt: new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var noisy = Enumerable.Range(0, 5).Select(i => TempIndex.Doc($"澄政发2023年10号文件解读{i}",
            string.Concat(Enumerable.Repeat("澄政发 2023 10号 ", 20)), documentNumber: $"澄政发〔2023〕{i + 11}号")).ToArray();
        index.With([.. noisy, target]);

        var result = index.Search(query);

        Assert.Equal(target.Id, result.Hits[0].Id);
    }

    [Fact]
    public void An_exact_index_number_puts_its_record_first()
    {
        using var index = new TempIndex();
        var target = TempIndex.Doc("年度工作报告", indexNumber: "01404053X/2020-00390");
        var other = TempIndex.Doc("01404053X 2020 00390 说明", "01404053X 2020 00390 01404053X 2020 00390");
        index.With(other, target);
        Assert.Equal(target.Id, index.Search("01404053X/2020-00390").Hits[0].Id);
        Assert.Equal(target.Id, index.Search("01404053x/2020-00390").Hits[0].Id);
    }

    [Fact]
    public void An_exact_title_puts_its_record_first()
    {
        using var index = new TempIndex();
        var target = TempIndex.Doc("关于开展安全生产检查的通知");
        var longer = TempIndex.Doc("关于开展安全生产检查的通知的补充通知", "关于开展安全生产检查的通知 关于开展安全生产检查的通知");
        index.With(longer, target);
        Assert.Equal(target.Id, index.Search("关于开展安全生产检查的通知").Hits[0].Id);
    }

    [Fact]
    public void A_match_in_the_title_outranks_matches_in_the_body_only()
    {
        using var index = new TempIndex();
        var inBody = TempIndex.Doc("年度工作总结", string.Concat(Enumerable.Repeat("推进项目攻坚，", 6)) + "其他内容。");
        var inTitle = TempIndex.Doc("项目攻坚行动方案", "本方案说明有关安排。");
        index.With(inBody, inTitle);
        var hits = index.Search("项目攻坚").Hits;
        Assert.Equal([inTitle.Id, inBody.Id], hits.Select(h => h.Id));
    }

    [Fact]
    public void A_title_with_a_dictionary_word_of_the_term_outranks_a_body_only_match()
    {
        // 项目攻坚年 is in neither title; SmartCn's word 项目 is in one of them.
        using var index = new TempIndex();
        var bodyOnly = TempIndex.Doc("会议纪要汇编", "全面开展项目攻坚年活动。项目攻坚年要抓好落实。");
        var wordInTitle = TempIndex.Doc("重点项目推进会议纪要", "全面开展项目攻坚年活动。");
        index.With(bodyOnly, wordInTitle);
        Assert.Equal([wordInTitle.Id, bodyOnly.Id], index.Search("项目攻坚年").Hits.Select(h => h.Id));
    }

    [Fact]
    public void Newer_records_win_ties()
    {
        using var index = new TempIndex();
        var older = TempIndex.Doc("关于做好防汛工作的通知", publishedAt: new DateTime(2021, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        var newer = TempIndex.Doc("关于做好防汛工作的通知", publishedAt: new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        index.With(older, newer);
        Assert.Equal([newer.Id, older.Id], index.Search("防汛").Hits.Select(h => h.Id));
    }

    [Fact]
    public void Every_term_must_match_and_a_term_is_found_as_a_phrase()
    {
        using var index = new TempIndex();
        var both = TempIndex.Doc("标题", "推进创新提质工作，加快项目建设。");
        var split = TempIndex.Doc("标题", "创新的提升，提质的关键。");   // has 创新 and 提质 but not 创新提质
        var one = TempIndex.Doc("标题", "加快项目建设。");
        index.With(both, split, one);
        Assert.Equal([both.Id], index.Search("创新提质").Hits.Select(h => h.Id));
        Assert.Equal([both.Id], index.Search("创新提质 项目建设").Hits.Select(h => h.Id));
    }

    [Fact]
    public void Sharing_a_dictionary_word_with_the_title_is_not_a_match()
    {
        using var index = new TempIndex();
        index.With(TempIndex.Doc("关于词语组合的说明", "正文"));
        // SmartCn splits the query into words such as 组合; the phrase itself is in no record.
        Assert.Equal(0, index.Search("完全不存在的词语组合甲乙丙").Total);
    }

    [Theory]
    [InlineData("项目攻坚", "项目@0 攻坚@2")]
    [InlineData("创新先行军", "创新@0 先行@2 行军@3")]
    [InlineData("争当创新先行军", "争当@0 创新@2 先行@4 行军@5")]
    [InlineData("创新先", "创新@0 新先@1")]
    public void A_han_run_is_searched_by_the_bigrams_that_cover_it(string term, string expected)
    {
        using var analyzer = new Gongkai.Application.Search.Analysis.CjkBigramAnalyzer();
        var cover = QueryBuilder.Cover(QueryBuilder.Analyze(analyzer, SearchFields.Text, term));
        Assert.Equal(expected, string.Join(" ", cover.Select(t => $"{t.Text}@{t.Position}")));
    }

    [Fact]
    public void The_covering_bigrams_find_the_run_and_only_the_run()
    {
        using var index = new TempIndex();
        var exact = TempIndex.Doc("标题", "今年要争当创新先行军。");
        var gapped = TempIndex.Doc("标题", "争当创新，先行军在前。");
        index.With(exact, gapped);
        Assert.Equal([exact.Id], index.Search("争当创新先行军").Hits.Select(h => h.Id));
    }

    [Fact]
    public void Title_only_search_ignores_the_body()
    {
        using var index = new TempIndex();
        var inTitle = TempIndex.Doc("环境保护督查通报");
        var inBody = TempIndex.Doc("其他标题", "环境保护督查工作。");
        index.With(inTitle, inBody);
        Assert.Equal([inTitle.Id], index.Search("环境保护", r => r with { Scope = SearchScope.TitleOnly }).Hits.Select(h => h.Id));
        Assert.Equal(2, index.Search("环境保护").Total);
    }

    [Fact]
    public void A_single_chinese_character_finds_words_that_start_with_it()
    {
        using var index = new TempIndex();
        var doc = TempIndex.Doc("税务工作要点");
        index.With(doc);
        Assert.Equal([doc.Id], index.Search("税").Hits.Select(h => h.Id));
    }
}

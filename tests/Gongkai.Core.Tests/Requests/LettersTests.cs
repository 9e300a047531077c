using Gongkai.Core.Requests;

namespace Gongkai.Core.Tests.Requests;

/// <summary>What the letters cite and the remedies they offer (条例 Art. 36; 行政复议法 2023 Art. 23).</summary>
public sealed class LettersTests
{
    private static readonly DateOnly Before = new(2023, 12, 29);
    private static readonly DateOnly After = new(2024, 1, 2);

    [Theory]
    // outcome, answered after 2024-01-01, reconsideration first
    [InlineData(RequestOutcome.WithheldStateSecret, true, true)]
    [InlineData(RequestOutcome.WithheldProcessInformation, true, true)]
    [InlineData(RequestOutcome.WithheldAdministrativeQuery, true, true)]
    [InlineData(RequestOutcome.WithheldStateSecret, false, false)] // an old letter reprinted keeps the remedies of its day
    [InlineData(RequestOutcome.Disclosed, true, false)]
    [InlineData(RequestOutcome.UnavailableNotHeld, true, false)]
    [InlineData(RequestOutcome.NotHandledRepeat, true, false)]
    public void A_refusal_answered_since_2024_requires_reconsideration_first_and_names_the_body(RequestOutcome outcome, bool after, bool first)
    {
        var text = Letters.Remedies(outcome, after ? After : Before, "江阴市人民政府");
        Assert.Contains("向江阴市人民政府申请行政复议", text, StringComparison.Ordinal);
        Assert.Equal(first, text.Contains("应当自收到本告知书之日起60日内先向江阴市人民政府申请行政复议", StringComparison.Ordinal));
        Assert.Equal(first, text.Contains("《中华人民共和国行政复议法》第二十三条", StringComparison.Ordinal));
        Assert.Equal(!first, text.Contains("或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼", StringComparison.Ordinal));
    }

    [Fact]
    public void A_partial_disclosure_requires_reconsideration_first_for_the_refused_part_only()
    {
        var text = Letters.Remedies(RequestOutcome.PartlyDisclosed, After, "江阴市人民政府");
        Assert.StartsWith("如对本答复中不予公开的部分不服，应当自收到本告知书之日起60日内先向江阴市人民政府申请行政复议", text, StringComparison.Ordinal);
        Assert.Contains("对其他部分不服的，可以自收到本告知书之日起60日内向江阴市人民政府申请行政复议，或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_configured_body_the_letter_says_the_reconsideration_authority() =>
        Assert.Contains("先向行政复议机关申请行政复议", Letters.Remedies(RequestOutcome.WithheldThirdPartyRights, After, "  "), StringComparison.Ordinal);

    [Theory]
    [InlineData(RequestOutcome.Disclosed, ReplyType.AlreadyPublic, "第三十六条第一项")]
    [InlineData(RequestOutcome.Disclosed, ReplyType.Disclosed, "第三十六条第二项")]
    public void Information_already_public_cites_article_36_item_1_and_information_provided_item_2(RequestOutcome outcome, ReplyType reply, string article) =>
        Assert.Equal($"《中华人民共和国政府信息公开条例》{article}", Letters.LegalBasis(LetterKind.Answer, outcome, reply));

    [Theory]
    [InlineData("答复内容")]
    [InlineData("办理结果")]
    [InlineData("救济途径")]
    public void An_answer_template_that_drops_the_reasons_the_outcome_or_the_remedies_is_refused(string field)
    {
        var body = Letters.DefaultBody(LetterKind.Answer).Replace("{" + field + "}", "", StringComparison.Ordinal);
        var e = Assert.Throws<DomainException>(() => new LetterTemplate(LetterKind.Answer, body, new DateTime(2026, 11, 27, 1, 0, 0, DateTimeKind.Utc), "管理员"));
        Assert.Equal($"模板须保留“{{{field}}}”：文书必须载明{field}。", e.Message);
    }

    /// <summary>国办函〔2020〕109号第六条: a fee notice states the basis, the rate, the amount, how to pay and by when.</summary>
    [Theory]
    [InlineData("收费金额")]
    [InlineData("计费依据")]
    [InlineData("缴纳方式")]
    [InlineData("缴费期限")]
    public void A_fee_notice_template_that_drops_a_part_the_notice_must_state_is_refused(string field)
    {
        Assert.True(Letters.IsComplete(LetterKind.FeeNotice, Letters.DefaultBody(LetterKind.FeeNotice)));
        var body = Letters.DefaultBody(LetterKind.FeeNotice).Replace("{" + field + "}", "", StringComparison.Ordinal);
        Assert.False(Letters.IsComplete(LetterKind.FeeNotice, body));
        var e = Assert.Throws<DomainException>(() => new LetterTemplate(LetterKind.FeeNotice, body, new DateTime(2026, 11, 27, 1, 0, 0, DateTimeKind.Utc), "管理员"));
        Assert.Equal($"模板须保留“{{{field}}}”：文书必须载明{field}。", e.Message);
    }

    /// <summary>Art. 39(2) covers 公开出版物 only; confirming or re-issuing asks for a new statement, not recorded information (Arts. 2, 38).</summary>
    [Fact]
    public void A_request_to_confirm_or_reissue_no_longer_cites_the_article_on_publications()
    {
        Assert.Equal("《中华人民共和国政府信息公开条例》第二条、第三十八条", Letters.LegalBasis(LetterKind.Answer, RequestOutcome.NotHandledConfirmation));
        Assert.Equal("《中华人民共和国政府信息公开条例》第三十九条第二款", Letters.LegalBasis(LetterKind.Answer, RequestOutcome.NotHandledPublication));
    }
}

using Gongkai.Core;
using Gongkai.Core.Catalog;

namespace Gongkai.Core.Tests.Catalog;

public sealed class OrganizationCodeTests
{
    // Valid examples from vocab.md.
    [Theory]
    [InlineData("01404053X")]
    [InlineData("014006438")]
    [InlineData("000014349")]
    [InlineData("014034703")]
    public void Valid_organization_codes_pass_the_GB_11714_check(string code)
    {
        var (canonical, kind) = OrganizationCode.Validate(code);
        Assert.Equal(code, canonical);
        Assert.Equal(OrganizationCodeKind.OrganizationCode, kind);
    }

    [Theory]
    [InlineData("11441700007280420Y")]
    [InlineData("11370812004339255B")]
    public void Valid_credit_codes_pass_the_GB_32100_check(string code)
    {
        var (canonical, kind) = OrganizationCode.Validate(code);
        Assert.Equal(code, canonical);
        Assert.Equal(OrganizationCodeKind.CreditCode, kind);
    }

    [Theory]
    [InlineData("014040538", "X")]   // reference prefix with the wrong check digit
    [InlineData("014006430", "8")]
    [InlineData("000014340", "9")]
    public void An_organization_code_with_a_wrong_check_character_is_rejected_naming_the_right_one(string code, string expected)
    {
        var error = Assert.Throws<DomainException>(() => OrganizationCode.Validate(code));
        Assert.Contains("校验码错误", error.Message, StringComparison.Ordinal);
        Assert.Contains($"第9位应为“{expected}”", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11441700007280420X")]
    [InlineData("11370812004339255A")]
    public void A_credit_code_with_a_wrong_check_character_is_rejected(string code)
    {
        var error = Assert.Throws<DomainException>(() => OrganizationCode.Validate(code));
        Assert.Contains("第18位应为", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1144170000728042OY", "不能含有I、O、S、V、Z")]   // letter O where a digit belongs
    [InlineData("0140405", "长度为7位")]
    [InlineData("", "请填写")]
    [InlineData("01404-05!X", "无效")]
    public void Malformed_codes_get_a_chinese_message(string code, string fragment)
    {
        var error = Assert.Throws<DomainException>(() => OrganizationCode.Validate(code));
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dash_of_the_printed_form_and_lower_case_are_accepted()
    {
        Assert.Equal("01404053X", OrganizationCode.Validate("01404053-x").Code);
    }

    [Fact]
    public void Check_characters_cover_the_X_and_0_cases()
    {
        Assert.Equal('X', OrganizationCode.Gb11714CheckCharacter("01404053"));
        // Σ mod 11 = 0 gives C9 = 11, written 0.
        Assert.Equal('0', OrganizationCode.Gb11714CheckCharacter("00000000"));
    }
}

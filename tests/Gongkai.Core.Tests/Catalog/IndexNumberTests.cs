using Gongkai.Core;
using Gongkai.Core.Catalog;

namespace Gongkai.Core.Tests.Catalog;

public sealed class IndexNumberTests
{
    [Fact]
    public void The_reference_index_number_parses_into_prefix_year_and_serial()
    {
        var number = IndexNumber.Parse("01404053X/2020-00390");
        Assert.Equal("01404053X", number.Prefix);
        Assert.Equal(2020, number.Year);
        Assert.Equal(390, number.Serial);
        Assert.Equal("2020-00390", number.Suffix);
        Assert.Equal("01404053X/2020-00390", number.ToString());
    }

    [Fact]
    public void A_credit_code_prefix_gives_a_29_character_number()
    {
        var number = IndexNumber.Create("11441700007280420Y", 2021, 50);
        Assert.Equal("11441700007280420Y/2021-00050", number.ToString());
    }

    [Theory]
    [InlineData(1, "2026-00001")]
    [InlineData(390, "2026-00390")]
    [InlineData(99999, "2026-99999")]
    public void The_serial_is_written_with_five_digits(int serial, string suffix)
    {
        Assert.Equal(suffix, IndexNumber.Create("01404053X", 2026, serial).Suffix);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100000)]
    [InlineData(-1)]
    public void A_serial_outside_1_to_99999_is_rejected(int serial)
    {
        Assert.Throws<DomainException>(() => IndexNumber.Create("01404053X", 2026, serial));
    }

    [Theory]
    [InlineData("01404053X/2020-390")]
    [InlineData("01404053X/20-00390")]
    [InlineData("01404053X-2020-00390")]
    [InlineData("01404053X/2020_00390")]
    [InlineData("014040538/2020-00390")]
    [InlineData("01404053X/2020-00000")]
    [InlineData("01404053X/２０２０-00390")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_index_numbers_do_not_parse_and_say_why_in_chinese(string? text)
    {
        Assert.False(IndexNumber.TryParse(text, out _, out var error));
        Assert.Contains("索引号", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_and_formatting_round_trip()
    {
        foreach (var text in new[] { "014006438/2018-00001", "11370812004339255B/2026-12345" })
        {
            Assert.Equal(text, IndexNumber.Parse(text).ToString());
        }
    }
}

using Gongkai.Core.Calendar;
using Gongkai.Core.Editorial;

namespace Gongkai.Core.Tests.Editorial;

public sealed class DocumentNumberAndTimelinessTests
{
    [Theory]
    [InlineData("澄政办发〔2020〕12号", "澄政办发〔2020〕12号")]
    [InlineData("澄政办发[2020]12号", "澄政办发〔2020〕12号")]
    [InlineData("澄政办发［2020］012号", "澄政办发〔2020〕12号")]
    [InlineData("澄政办发（2020）12号", "澄政办发〔2020〕12号")]
    [InlineData(" 锡高新发 (2020) 3 号 ", "锡高新发〔2020〕3号")]
    [InlineData("江阴市人民政府令第1号", "江阴市人民政府令第1号")]
    [InlineData("", null)]
    public void A_document_number_is_accepted_in_its_usual_variants_and_written_with_hexagonal_brackets(string input, string? expected) =>
        Assert.Equal(expected, DocumentNumberFormat.Normalize(input));

    [Theory]
    [InlineData("2020年12号")]
    [InlineData("澄政办发〔20〕12号")]
    [InlineData("澄政办发〔2020〕")]
    [InlineData("<script>〔2020〕1号")]
    public void A_malformed_document_number_is_refused_with_the_expected_form(string input)
    {
        var e = Assert.Throws<DomainException>(() => DocumentNumberFormat.Normalize(input));
        Assert.Contains("机关代字〔年份〕序号号", e.Message, StringComparison.Ordinal);
    }

    private static WorkingDayCalendar Calendar2026() => new(
        [
            new HolidayEntry(new DateOnly(2026, 10, 1), "国庆节、中秋节", true),
            new HolidayEntry(new DateOnly(2026, 10, 2), "国庆节、中秋节", true),
            new HolidayEntry(new DateOnly(2026, 10, 5), "国庆节、中秋节", true),
            new HolidayEntry(new DateOnly(2026, 10, 6), "国庆节、中秋节", true),
            new HolidayEntry(new DateOnly(2026, 10, 7), "国庆节、中秋节", true),
            new HolidayEntry(new DateOnly(2026, 10, 10), "国庆节、中秋节", false),
        ], [2026]);

    [Fact]
    public void Publishing_on_the_twentieth_working_day_is_on_time_and_on_the_twenty_first_is_late()
    {
        var calendar = Calendar2026();
        var generated = new DateOnly(2026, 3, 2); // a Monday
        var twentieth = calendar.AddWorkingDays(generated, 20).Due;
        Assert.False(Timeliness.Check(calendar, generated, twentieth).Late);
        var late = Timeliness.Check(calendar, generated, calendar.AddWorkingDays(generated, 21).Due);
        Assert.True(late.Late);
        Assert.Equal(21, late.WorkingDays);
        Assert.Contains("第二十六条", late.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_national_day_holiday_does_not_count_and_the_makeup_saturday_does()
    {
        var calendar = Calendar2026();
        // 30 Sep → 30 Oct: October 2026 has 22 weekdays, minus 5 holiday weekdays, plus Sat 10 Oct.
        var check = Timeliness.Check(calendar, new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 30));
        Assert.Equal(18, check.WorkingDays);
        Assert.False(check.Late);
    }

    [Fact]
    public void A_year_without_holiday_data_is_not_guessed()
    {
        var check = Timeliness.Check(Calendar2026(), new DateOnly(2026, 12, 20), new DateOnly(2027, 2, 1));
        Assert.False(check.Late);
        Assert.Null(check.WorkingDays);
        Assert.Contains("2027年的节假日安排尚未录入", check.Warning, StringComparison.Ordinal);
    }
}

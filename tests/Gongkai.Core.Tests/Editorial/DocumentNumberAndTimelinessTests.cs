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
        Assert.Equal(21, late.Days);
        Assert.Contains("第二十六条", late.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_national_day_holiday_does_not_count_and_the_makeup_saturday_does()
    {
        var calendar = Calendar2026();
        // 30 Sep → 30 Oct: October 2026 has 22 weekdays, minus 5 holiday weekdays, plus Sat 10 Oct.
        var check = Timeliness.Check(calendar, new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 30));
        Assert.Equal(18, check.Days);
        Assert.False(check.Late);
    }

    [Fact]
    public void A_year_without_holiday_data_is_not_guessed()
    {
        var check = Timeliness.Check(Calendar2026(), new DateOnly(2026, 12, 20), new DateOnly(2027, 2, 1));
        Assert.False(check.Late);
        Assert.Null(check.Days);
        Assert.Contains("2027年的节假日安排尚未录入", check.Warning, StringComparison.Ordinal);
    }

    /// <summary>Art. 26: “法律、法规对政府信息公开的期限另有规定的，从其规定” — a shorter or a longer period, in working days or in days.</summary>
    [Theory]
    // generated Wednesday 30 September 2026; published …; the period (days, working?); late?; days counted
    [InlineData("2026-10-12", 7, true, false, 4)]    // 8, 9, Saturday 10 (调休) and 12 October: 4 working days
    [InlineData("2026-10-16", 7, true, true, 8)]     // the 8th working day, beyond 7: late, though within the 20
    [InlineData("2026-11-17", 30, true, false, 30)]  // the 30th working day of a longer period: on time, though beyond the 20
    [InlineData("2026-10-30", 30, false, false, 30)] // 30 days (holidays count): the 30th day is on time
    [InlineData("2026-10-31", 30, false, true, 31)]  // and the 31st late
    public void Another_laws_period_replaces_the_twenty_working_days(string published, int days, bool working, bool late, int counted)
    {
        var period = new PublicationPeriod(days, working, "《某条例》第六条");
        var check = Timeliness.Check(Calendar2026(), new DateOnly(2026, 9, 30), DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture), period: period);
        Assert.Equal((late, counted), (check.Late, check.Days!.Value));
        if (late)
        {
            Assert.Contains($"超过《某条例》第六条（条例第二十六条：法律、法规另有规定的，从其规定）规定的{period.Text}", check.Warning, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(check.Warning);
        }
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData(7, null, "《企业信息公示暂行条例》第六条", "7个工作日")]
    [InlineData(30, "日", "某法第十条", "30日")]
    [InlineData(20, "工作日", "  某法第十条 ", "20个工作日")]
    public void A_period_is_read_from_the_form(int? days, string? unit, string? basis, string? text) =>
        Assert.Equal(text, PublicationPeriod.From(days, unit, basis)?.Text);

    [Theory]
    [InlineData(7, null, null, "请填写规定该公开期限的法律、法规条款")]
    [InlineData(null, null, "某法第十条", "请填写法律、法规规定的公开期限")]
    [InlineData(0, null, "某法第十条", "1至365天")]
    [InlineData(366, null, "某法第十条", "1至365天")]
    [InlineData(7, "周", "某法第十条", "单位“周”无效")]
    public void A_period_without_its_basis_or_out_of_range_is_refused(int? days, string? unit, string? basis, string message)
    {
        var e = Assert.Throws<DomainException>(() => PublicationPeriod.From(days, unit, basis));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}

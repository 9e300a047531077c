using System.Globalization;
using Gongkai.Core.Calendar;
using Gongkai.Core.Requests;

using Gongkai.Core.Tests.Calendar;

namespace Gongkai.Core.Tests.Requests;

/// <summary>The answer deadline of 条例 Art. 33, table-driven over the State Council's notices.</summary>
public sealed class DeadlineTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendarTests.Calendar;

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DeadlineExplanation Due(string received, string? corrected = null, int extension = 0, params ClockPause[] pauses) =>
        Deadline.Compute(Calendar, new DeadlineInputs(D(received), corrected is null ? null : D(corrected), pauses, extension, null));

    [Theory]
    // received, due: 20 working days counted from the next day
    [InlineData("2020-01-20", "2020-02-25")] // 春节 2020 extended to 2 February (国办发明电〔2020〕1号); Saturday 1 February no longer a working day
    [InlineData("2026-09-28", "2026-10-30")] // 国庆节 2026, with Saturday 10 October a 调休 working day
    [InlineData("2019-12-20", "2020-01-19")] // across the year: 元旦 2020 off, Sunday 19 January 2020 a working day
    [InlineData("2026-07-01", "2026-07-29")] // no holiday: four weeks
    public void The_answer_is_due_twenty_working_days_after_receipt(string received, string due)
    {
        var result = Due(received);
        Assert.Equal(D(due), result.Due);
        Assert.Equal(D(due), Calendar.AddWorkingDays(D(received), 20).Due);
    }

    [Fact]
    public void The_explanation_names_the_days_skipped_and_the_makeup_days_counted()
    {
        var result = Due("2026-09-28");
        var text = string.Join("\n", result.Steps.Select(s => s.Text));
        Assert.Contains("2026-09-28 收到申请（条例第三十一条）", text, StringComparison.Ordinal);
        Assert.Contains("2026-10-10（星期六）调休上班", text, StringComparison.Ordinal);
        Assert.Contains("国庆节", text, StringComparison.Ordinal);
        Assert.Contains("跳过周末", text, StringComparison.Ordinal);
        Assert.Contains("答复期限：2026-10-30（星期五）", text, StringComparison.Ordinal);
        Assert.Contains(result.Skipped, s => s.Date == D("2026-10-01"));
        Assert.DoesNotContain(result.Skipped, s => s.Date == D("2026-10-10"));
    }

    [Fact]
    public void The_spring_festival_2020_explanation_shows_the_extension_and_the_cancelled_makeup_saturday()
    {
        var result = Due("2020-01-20");
        Assert.Contains(result.Skipped, s => s.Date == D("2020-01-31"));
        // Saturday 1 February 2020 was a working day until the extension: now a skipped weekend day.
        Assert.Contains(result.Skipped, s => s.Date == D("2020-02-01") && s.Reason == "周末");
        Assert.DoesNotContain(result.Steps, s => s.Text.Contains("2020-02-01（星期六）调休上班", StringComparison.Ordinal));
    }

    [Fact]
    public void Consultation_time_does_not_count()
    {
        var result = Due("2026-07-01", pauses: new ClockPause(D("2026-07-06"), D("2026-07-10"), "征求第三方意见"));
        Assert.Equal(D("2026-08-05"), result.Due);
        Assert.Contains(result.Steps, s => s.Text.Contains("征求第三方意见，不计入答复期限", StringComparison.Ordinal));
    }

    [Fact]
    public void While_a_fee_is_awaited_there_is_no_due_date_and_the_page_says_how_much_is_left()
    {
        var result = Due("2026-07-01", pauses: new ClockPause(D("2026-07-06"), null, ClockPause.FeeReason));
        Assert.Null(result.Due);
        Assert.Equal(2, result.WorkingDays);
        Assert.Contains(result.Steps, s => s.Text.Contains("剩余 18 个工作日", StringComparison.Ordinal));
    }

    [Fact]
    public void A_correction_restarts_the_clock_from_the_day_it_arrives()
    {
        var result = Due("2026-07-01", corrected: "2026-07-08");
        Assert.Equal(D("2026-08-05"), result.Due);
        Assert.Equal(D("2026-07-08"), result.Start);
        Assert.Contains(result.Steps, s => s.Text.Contains("重新计算（条例第三十条）", StringComparison.Ordinal));
    }

    [Fact]
    public void One_extension_adds_at_most_twenty_working_days()
    {
        Assert.Equal(D("2026-08-26"), Due("2026-07-01", extension: 20).Due);
    }

    [Fact]
    public void Nothing_counts_before_receipt_is_confirmed()
    {
        var result = Deadline.Compute(Calendar, new DeadlineInputs(null, null, [], 0, null));
        Assert.Null(result.Due);
        Assert.Contains("第三十一条", result.Steps.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_volume_deadline_set_by_the_office_replaces_the_count()
    {
        var result = Deadline.Compute(Calendar, new DeadlineInputs(D("2026-07-01"), null, [], 0, D("2026-09-30")));
        Assert.Equal(D("2026-09-30"), result.Due);
        Assert.Contains("第三十五条", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    // received, 补正 asked, 补正 received, due (null: the clock waits for the correction)
    [InlineData("2026-07-01", null, null, "2026-07-29")]
    [InlineData("2026-07-01", "2026-07-03", null, null)]                 // waiting: not due, not overdue
    [InlineData("2026-07-01", "2026-07-03", "2026-07-10", "2026-08-07")] // 20 working days from the day after the correction
    public void While_a_correction_is_awaited_the_clock_does_not_run_and_it_starts_again_on_its_receipt(string received, string? asked, string? corrected, string? due)
    {
        var result = Deadline.ComputeOrExplain(Calendar, new DeadlineInputs(D(received), corrected is null ? null : D(corrected), [], 0, null, asked is null ? null : D(asked)));
        Assert.Equal(due is null ? null : D(due), result.Due);
        if (due is null)
        {
            Assert.Equal("等待补正，收到补正之日起计算", result.Summary);
            Assert.Contains(result.Steps, s => s.Text.Contains("条例第三十条", StringComparison.Ordinal));
        }
    }

    [Theory]
    // received 2026-07-01, a third party consulted from Monday 6 July; closed on, letter received on, the consultation's last day, due
    [InlineData(null, "2026-07-08", "2026-07-29", "2026-08-24")]         // never closed: 15 working days from 9 July end on 29 July
    [InlineData("2026-07-20", "2026-07-08", "2026-07-29", "2026-08-13")] // answered early: the clock stood still to the answer
    [InlineData(null, "2026-07-06", "2026-07-27", "2026-08-20")]         // received the day it was sent: as counted from sending
    public void A_consultation_is_counted_from_the_day_after_its_letter_was_received(string? closedOn, string deliveredOn, string ends, string due)
    {
        var pause = new ClockPause(D("2026-07-06"), closedOn is null ? null : D(closedOn), "征求第三方意见", D(deliveredOn));
        var result = Deadline.Compute(Calendar, new DeadlineInputs(D("2026-07-01"), null, [pause], 0, null));
        Assert.Equal(D(ends), Deadline.ConsultationEnd(Calendar, pause).Date);
        Assert.Equal(D(due), result.Due);
        if (closedOn is null)
        {
            Assert.Contains(result.Steps, s => s.Text.Contains($"征求意见书 {deliveredOn} 送达，自次日起15个工作日于 {ends} 期满", StringComparison.Ordinal));
        }
    }

    [Theory]
    // received 2026-07-01, a third party consulted from Monday 6 July; ended on, due
    [InlineData(null, "2026-08-20")]         // never closed: the 15 working days end on 27 July, the clock runs again from the 28th
    [InlineData("2026-08-10", "2026-08-20")] // closed after the 15 days: counted only to 27 July
    [InlineData("2026-07-27", "2026-08-20")] // closed on the 15th day
    [InlineData("2026-07-10", "2026-08-05")] // answered early: the clock runs again from 11 July
    public void A_consultation_stops_the_clock_for_at_most_fifteen_working_days(string? endedOn, string due)
    {
        var pause = new ClockPause(D("2026-07-06"), endedOn is null ? null : D(endedOn), "征求第三方意见");
        var inputs = new DeadlineInputs(D("2026-07-01"), null, [pause], 0, null);
        var result = Deadline.Compute(Calendar, inputs);
        Assert.Equal(D(due), result.Due);
        Assert.Equal(D("2026-07-27"), Deadline.ConsultationEnd(Calendar, pause).Date);
        if (endedOn is null)
        {
            Assert.Contains(result.Steps, s => s.Text.Contains("发出次日起15个工作日于 2026-07-27 期满（未登记送达日期", StringComparison.Ordinal));
        }
        // The statistics count the days taken as the deadline does: answered on the due date, 20 working days.
        Assert.Equal(Deadline.AnswerWorkingDays, Deadline.WorkingDaysTaken(Calendar, inputs, D(due)));
    }

    [Fact]
    public void The_wait_for_a_fee_does_not_end_by_itself() =>
        Assert.Null(Deadline.Compute(Calendar, new DeadlineInputs(D("2026-07-01"), null, [new ClockPause(D("2026-07-06"), null, ClockPause.FeeReason)], 0, null)).Due);

    [Theory]
    // pauses as From..To, answered on; the days taken equal the working days the deadline counted
    [InlineData("2026-07-06..2026-07-10", "2026-08-05", 20)]
    [InlineData("2026-07-06..2026-07-06", "2026-07-30", 20)] // a one-day pause on a Monday
    [InlineData("2026-07-03..2026-07-06", "2026-07-31", 20)] // a pause over a weekend counts its working days only
    [InlineData("", "2026-07-29", 20)]
    public void Days_taken_and_the_deadline_count_a_pause_the_same_way(string pause, string answeredOn, int days)
    {
        var pauses = pause.Length == 0 ? [] : new[] { new ClockPause(D(pause[..10]), D(pause[12..]), "征求其他机关意见") };
        var inputs = new DeadlineInputs(D("2026-07-01"), null, pauses, 0, null);
        Assert.Equal(D(answeredOn), Deadline.Compute(Calendar, inputs).Due);
        Assert.Equal(days, Deadline.WorkingDaysTaken(Calendar, inputs, D(answeredOn)));
    }

    [Fact]
    public void A_deadline_in_a_year_without_holiday_data_is_an_error_not_a_guess()
    {
        var e = Assert.Throws<CalendarYearUnknownException>(() =>
            Deadline.Compute(WorkingDayCalendarTests.Through2026, new DeadlineInputs(D("2026-12-15"), null, [], 0, null)));
        Assert.Equal(2027, e.Year);
    }

    [Fact]
    public void A_deadline_reaching_into_a_year_without_a_notice_is_provisional_counted_with_weekends_only()
    {
        // 2026-12-15 (Tuesday) + 20 working days: 12 in December 2026 (the 2026 notice has no December
        // exception), then 2027-01-01 (Friday) counted as a working day since no notice says otherwise.
        var result = Deadline.ComputeOrExplain(WorkingDayCalendarTests.Through2026, new DeadlineInputs(D("2026-12-15"), null, [], 0, null));
        Assert.Equal(D("2027-01-12"), result.Due);
        Assert.True(result.IsProvisional);
        Assert.Equal("2027年节假日安排尚未录入，暂按双休日计算；录入后自动更正", result.Provisional);
        Assert.Equal("2027-01-12（暂定）", result.DueText);
        Assert.Equal("答复期限 2027-01-12（暂定）", result.Summary);
        var text = string.Join("\n", result.Steps.Select(s => s.Text));
        Assert.Contains("暂定：2027年节假日安排尚未录入", text, StringComparison.Ordinal);
        Assert.EndsWith("答复期限（暂定）：2027-01-12（星期二）。", text, StringComparison.Ordinal);
        Assert.Equal(8, result.Skipped.Count(s => s.Reason == "周末"));
    }

    [Fact]
    public void A_provisional_deadline_becomes_exact_with_the_notice_and_is_never_judged_on_time()
    {
        var inputs = new DeadlineInputs(D("2026-12-15"), null, [], 0, null);
        // With a 2027 notice that gives 2027-01-01 off, the same case is due a day later, exactly.
        var with2027 = new WorkingDayCalendar([new HolidayEntry(D("2027-01-01"), "元旦", true)], [.. WorkingDayCalendarTests.Through2026.Years, 2027]);
        var exact = Deadline.ComputeOrExplain(with2027, inputs);
        Assert.Equal(D("2027-01-13"), exact.Due);
        Assert.False(exact.IsProvisional);
        Assert.Equal("2027-01-13", exact.DueText);
        Assert.Contains(exact.Steps, s => s.Text.Contains("元旦放假", StringComparison.Ordinal));
        // Whether an answer kept the deadline is judged only against an exact date.
        Assert.Null(Deadline.AnsweredOnTime(WorkingDayCalendarTests.Through2026, inputs, D("2027-01-05")));
        Assert.True(Deadline.AnsweredOnTime(with2027, inputs, D("2027-01-13")));
    }

    [Fact]
    public void A_deadline_in_a_year_with_its_notice_is_never_provisional_and_a_paused_clock_has_no_date()
    {
        var exact = Deadline.ComputeOrExplain(WorkingDayCalendarTests.Through2026, new DeadlineInputs(D("2026-07-01"), null, [], 0, null));
        Assert.False(exact.IsProvisional);
        Assert.Equal(D("2026-07-29"), exact.Due);
        var paused = Deadline.ComputeOrExplain(WorkingDayCalendarTests.Through2026,
            new DeadlineInputs(D("2026-12-15"), null, [new ClockPause(D("2026-12-20"), null, ClockPause.FeeReason)], 0, null));
        Assert.Null(paused.Due);
        Assert.False(paused.IsProvisional);
    }

    [Fact]
    public void A_deadline_spanning_several_years_without_notices_names_each_year()
    {
        var calendar = new WorkingDayCalendar([], [2026]);
        var result = Deadline.ComputeOrExplain(calendar, new DeadlineInputs(D("2026-12-30"), null, [], 20, null));
        Assert.Equal("2027年节假日安排尚未录入，暂按双休日计算；录入后自动更正", result.Provisional);
        var far = Deadline.AddWorkingDays(calendar, D("2026-12-30"), 600);
        Assert.Equal("2027、2028、2029年节假日安排尚未录入，暂按双休日计算；录入后自动更正", far.Provisional);
        Assert.Equal(far.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "（暂定）", far.ToString());
        Assert.Throws<CalendarYearUnknownException>(() => calendar.AddWorkingDays(D("2026-12-30"), 600));
    }

    [Fact]
    public void The_correction_notice_and_third_party_dates_are_provisional_past_the_last_notice()
    {
        var notice = Deadline.CorrectionNoticeDue(WorkingDayCalendarTests.Through2026, D("2026-12-28"));
        Assert.Equal(D("2027-01-06"), notice.Date);
        Assert.True(notice.IsProvisional);
        var thirdParty = Deadline.ConsultationEnd(WorkingDayCalendarTests.Through2026, new ClockPause(D("2026-07-01"), null, "征求第三方意见"));
        Assert.Equal(D("2026-07-22"), thirdParty.Date);
        Assert.False(thirdParty.IsProvisional);
    }

    [Theory]
    [InlineData("2026-07-01", "2026-07-10")]
    [InlineData("2026-09-28", "2026-10-13")]
    public void The_correction_notice_is_due_within_seven_working_days(string received, string due) =>
        Assert.Equal(new WorkingDayDate(D(due), null), Deadline.CorrectionNoticeDue(Calendar, D(received)));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 0)]
    [InlineData(11, 100)]
    [InlineData(30, 2000)]
    [InlineData(31, 2200)]
    [InlineData(40, 4000)]
    [InlineData(41, 4300)]
    [InlineData(45, 5500)]
    public void The_fee_per_request_rises_by_a_hundred_yuan_every_ten_requests(int requests, int yuan) =>
        Assert.Equal(yuan, ProcessingFee.PerRequest(requests));

    [Theory]
    [InlineData(30, 0)]
    [InlineData(31, 10)]
    [InlineData(100, 700)]
    [InlineData(101, 720)]
    [InlineData(200, 2700)]
    [InlineData(201, 2740)]
    public void The_fee_per_page_is_progressive(int pages, int yuan) =>
        Assert.Equal(yuan, ProcessingFee.PerPage(pages));
}

using Gongkai.Core.Requests;

namespace Gongkai.Core.Tests.Requests;

/// <summary>The request's allowed and refused moves, as a table.</summary>
public sealed class RequestCaseTests
{
    private static readonly DateOnly Day = new(2026, 7, 1);

    private static RequestCase New(RequestChannel channel = RequestChannel.Online) => RequestCase.Submit(1, 1, "X-2026-00001", "hash",
        new Applicant(ApplicantKind.NaturalPerson, "张三", "13800000000", "居民身份证", "320281199001011234", null, null, null, null, null),
        "2025年高新区科技创新券发放名单", null, "电子邮件", "电子邮件", null, channel, new DateTime(2026, 6, 30, 16, 0, 0, DateTimeKind.Utc),
        channel is RequestChannel.InPerson or RequestChannel.RegisteredMail ? Day : null);

    private static RequestCase In(RequestState state)
    {
        var c = New();
        if (state == RequestState.AwaitingConfirmation)
        {
            return c;
        }
        c.Confirm(Day);
        switch (state)
        {
            case RequestState.AwaitingCorrection:
                c.RequestCorrection(Day.AddDays(2), "请说明所需名单的年份", Day.AddDays(20));
                break;
            case RequestState.Consulting:
                c.StartConsultation(Day.AddDays(3), "征求第三方意见");
                break;
            case RequestState.Answered:
                c.Answer(RequestOutcome.Disclosed, ReplyType.Disclosed, "予以公开，见附件。", Day.AddDays(5));
                break;
        }
        return c;
    }

    public static TheoryData<RequestState, string, RequestState?> Moves()
    {
        var data = new TheoryData<RequestState, string, RequestState?>();
        var table = new (RequestState, string, RequestState?)[]
        {
            (RequestState.AwaitingConfirmation, "confirm", RequestState.Processing),
            (RequestState.AwaitingConfirmation, "correction", null),
            (RequestState.AwaitingConfirmation, "consult", null),
            (RequestState.AwaitingConfirmation, "extend", null),
            (RequestState.AwaitingConfirmation, "answer", null),
            (RequestState.Processing, "confirm", null),
            (RequestState.Processing, "correction", RequestState.AwaitingCorrection),
            (RequestState.Processing, "corrected", null),
            (RequestState.Processing, "consult", RequestState.Consulting),
            (RequestState.Processing, "consulted", null),
            (RequestState.Processing, "extend", RequestState.Processing),
            (RequestState.Processing, "answer", RequestState.Answered),
            (RequestState.AwaitingCorrection, "corrected", RequestState.Processing),
            (RequestState.AwaitingCorrection, "consult", null),
            (RequestState.AwaitingCorrection, "extend", null),
            (RequestState.AwaitingCorrection, "answer", null),
            (RequestState.Consulting, "consulted", RequestState.Processing),
            (RequestState.Consulting, "delivered", RequestState.Consulting),
            (RequestState.Processing, "delivered", null),
            (RequestState.Answered, "delivered", null),
            (RequestState.Consulting, "consult", null),
            (RequestState.Consulting, "extend", RequestState.Consulting),
            (RequestState.Consulting, "answer", RequestState.Answered),
            (RequestState.Answered, "confirm", null),
            (RequestState.Answered, "correction", null),
            (RequestState.Answered, "consult", null),
            (RequestState.Answered, "extend", null),
            (RequestState.Answered, "answer", null),
        };
        foreach (var (from, move, to) in table)
        {
            data.Add(from, move, to);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Each_move_is_allowed_or_refused_as_the_table_says(RequestState from, string move, RequestState? to)
    {
        var c = In(from);
        var on = Day.AddDays(10);
        void Act()
        {
            switch (move)
            {
                case "confirm": c.Confirm(Day); break;
                case "correction": c.RequestCorrection(on, "请补充", on.AddDays(15)); break;
                case "corrected": c.ReceiveCorrection(on); break;
                case "consult": c.StartConsultation(on, "征求第三方意见"); break;
                case "consulted": c.EndConsultation(on); break;
                case "delivered": c.RecordConsultationDelivery(on); break;
                case "extend": c.Extend(20, "办公室主任", "需征求意见", on); break;
                case "answer": c.Answer(RequestOutcome.Disclosed, ReplyType.Disclosed, "予以公开", on); break;
                default: throw new ArgumentOutOfRangeException(nameof(move));
            }
        }
        if (to is RequestState expected)
        {
            Act();
            Assert.Equal(expected, c.State);
        }
        else
        {
            Assert.IsType<DomainConflictException>(Xunit.Record.Exception(Act));
            Assert.Equal(from, c.State);
        }
    }

    [Fact]
    public void Not_this_office_names_the_responsible_agency_with_its_contact_or_neither()
    {
        // Art. 36(5): “能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式”.
        var named = In(RequestState.Processing);
        named.Answer(RequestOutcome.UnavailableNotHeld, ReplyType.NotThisOffice, "该信息由市自然资源和规划局制作并保存，不属于本机关负责公开。", Day.AddDays(5),
            " 江阴市自然资源和规划局 ", "0510-86001234");
        Assert.Equal(("江阴市自然资源和规划局", "0510-86001234"), (named.ResponsibleAgency, named.ResponsibleAgencyContact));
        Assert.EndsWith("负责公开该政府信息的行政机关：江阴市自然资源和规划局，联系方式：0510-86001234。", named.AnswerForApplicant, StringComparison.Ordinal);

        var half = In(RequestState.Processing);
        var error = Assert.IsType<DomainException>(Xunit.Record.Exception(() =>
            half.Answer(RequestOutcome.UnavailableNotHeld, ReplyType.NotThisOffice, "不属于本机关负责公开。", Day.AddDays(5), "江阴市自然资源和规划局", null)));
        Assert.Contains("联系方式", error.Message, StringComparison.Ordinal);
        Assert.Equal(RequestState.Processing, half.State);

        var unknown = In(RequestState.Processing); // cannot be determined: both blank, the reason in the text
        unknown.Answer(RequestOutcome.UnavailableNotHeld, ReplyType.NotThisOffice, "经核查，本机关不是该信息的制作或保存机关，无法确定负责公开的机关。", Day.AddDays(5));
        Assert.Null(unknown.ResponsibleAgency);

        var other = In(RequestState.Processing); // another reply type keeps no agency
        other.Answer(RequestOutcome.UnavailableNotHeld, ReplyType.DoesNotExist, "经检索没有所申请的信息。", Day.AddDays(5), "某局", "电话");
        Assert.Null(other.ResponsibleAgency);
        Assert.Equal("经检索没有所申请的信息。", other.AnswerForApplicant);
    }

    [Fact]
    public void A_consultation_letter_cannot_be_received_before_it_was_sent_and_its_delivery_is_kept()
    {
        var c = In(RequestState.Consulting); // sent on 4 July
        var error = Assert.IsType<DomainException>(Xunit.Record.Exception(() => c.RecordConsultationDelivery(Day.AddDays(2))));
        Assert.Contains("不能早于发出征求意见的日期", error.Message, StringComparison.Ordinal);
        c.RecordConsultationDelivery(Day.AddDays(6));
        Assert.Equal(Day.AddDays(6), c.Pauses[^1].DeliveredOn);
        Assert.Null(c.Pauses[^1].To);
    }

    [Fact]
    public void An_application_in_person_counts_from_the_day_it_is_handed_in_and_online_from_confirmation()
    {
        Assert.Equal(RequestState.Processing, New(RequestChannel.InPerson).State);
        Assert.Equal(Day, New(RequestChannel.InPerson).ReceivedOn);
        var online = New();
        Assert.Null(online.ReceivedOn);
        Assert.Equal(RequestState.AwaitingConfirmation, online.State);
    }

    [Fact]
    public void Correction_is_asked_once_and_the_extension_given_once_up_to_twenty_days()
    {
        var c = In(RequestState.Processing);
        c.RequestCorrection(Day.AddDays(1), "请补充", Day.AddDays(15));
        c.ReceiveCorrection(Day.AddDays(5));
        Assert.Throws<DomainConflictException>(() => c.RequestCorrection(Day.AddDays(6), "再补充", Day.AddDays(20)));
        Assert.Throws<DomainException>(() => c.Extend(21, "主任", "理由", Day.AddDays(6)));
        c.Extend(15, "主任", "理由", Day.AddDays(6));
        var e = Assert.Throws<DomainConflictException>(() => c.Extend(5, "主任", "理由", Day.AddDays(7)));
        Assert.Contains("只能延长一次", e.Message, StringComparison.Ordinal);
        Assert.Equal(Day.AddDays(5), c.DeadlineInputs.CorrectionReceivedOn);
        Assert.Equal(15, c.DeadlineInputs.ExtensionDays);
    }

    [Fact]
    public void No_correction_in_time_closes_the_case_as_other_handling_but_not_before_the_date()
    {
        var c = In(RequestState.AwaitingCorrection);
        Assert.Throws<DomainConflictException>(() => c.CloseForMissingCorrection(Day.AddDays(20)));
        c.CloseForMissingCorrection(Day.AddDays(21));
        Assert.Equal(RequestOutcome.OtherNoCorrection, c.Outcome);
        Assert.Equal(RequestState.Answered, c.State);
    }

    [Fact]
    public void Answering_during_a_consultation_closes_the_pause()
    {
        var c = In(RequestState.Consulting);
        c.Answer(RequestOutcome.WithheldThirdPartyRights, ReplyType.NotDisclosed, "涉及商业秘密，不予公开。", Day.AddDays(8));
        Assert.Equal(Day.AddDays(8), c.Pauses.Single().To);
    }

    [Fact]
    public void Id_numbers_are_masked_in_lists() =>
        Assert.Equal("320***********1234", RequestOutcomes.Mask("320281199001011234"));

    [Theory]
    [InlineData(RequestOutcome.OtherNoCorrection, "补正告知")]
    [InlineData(RequestOutcome.OtherFeeUnpaid, "收费通知")]
    [InlineData(RequestOutcome.UnavailableStillUnclear, "登记收到的补正")]
    public void An_outcome_that_needs_an_earlier_step_is_refused_until_it_was_taken(RequestOutcome outcome, string step)
    {
        var c = In(RequestState.Processing);
        var e = Assert.Throws<DomainConflictException>(() => c.Answer(outcome, ReplyType.NotHandled, "答复", Day.AddDays(1)));
        Assert.Contains(step, e.Message, StringComparison.Ordinal);
        Assert.Equal(RequestState.Processing, c.State);
    }

    [Fact]
    public void A_correction_asked_for_after_the_seven_working_days_is_refused()
    {
        var c = In(RequestState.Processing);
        var last = new DateOnly(2026, 7, 10); // receipt 1 July + 7 working days
        var e = Assert.Throws<DomainConflictException>(() => c.RequestCorrection(last.AddDays(3), "请说明年份", last.AddDays(20), last));
        Assert.Contains("7个工作日内", e.Message, StringComparison.Ordinal);
        Assert.Equal(RequestState.Processing, c.State);
        c.RequestCorrection(last, "请说明年份", last.AddDays(15), last);
        Assert.Equal(RequestState.AwaitingCorrection, c.State);
    }

    [Fact]
    public void Still_unclear_after_a_correction_is_accepted_once_the_correction_arrived()
    {
        var c = In(RequestState.AwaitingCorrection);
        c.ReceiveCorrection(Day.AddDays(6));
        c.Answer(RequestOutcome.UnavailableStillUnclear, ReplyType.NotHandled, "补正后仍不明确。", Day.AddDays(8));
        Assert.Equal(RequestState.Answered, c.State);
    }

    [Theory]
    [InlineData(RequestOutcome.WithheldStateSecret, ReplyType.Disclosed, false)] // 不予公开 with 予以提供
    [InlineData(RequestOutcome.WithheldStateSecret, ReplyType.NotDisclosed, true)]
    [InlineData(RequestOutcome.Disclosed, ReplyType.NotDisclosed, false)]
    [InlineData(RequestOutcome.Disclosed, ReplyType.AlreadyPublic, true)]
    [InlineData(RequestOutcome.UnavailableNotHeld, ReplyType.NotThisOffice, true)]
    [InlineData(RequestOutcome.UnavailableNotHeld, ReplyType.Disclosed, false)]
    [InlineData(RequestOutcome.NotHandledRepeat, ReplyType.Repeat, true)]
    [InlineData(RequestOutcome.NotHandledPetition, ReplyType.NotDisclosed, false)]
    public void The_reply_type_must_fit_the_outcome(RequestOutcome outcome, ReplyType reply, bool fits)
    {
        var c = In(RequestState.Processing);
        if (fits)
        {
            c.Answer(outcome, reply, "答复", Day.AddDays(1));
            Assert.Equal(RequestState.Answered, c.State);
        }
        else
        {
            var e = Assert.Throws<DomainException>(() => c.Answer(outcome, reply, "答复", Day.AddDays(1)));
            Assert.Contains("不相符", e.Message, StringComparison.Ordinal);
        }
    }
}

public sealed class RequestFeeTests
{
    private static readonly DateOnly Day = new(2026, 7, 1);

    private static RequestCase Confirmed()
    {
        var c = RequestCase.Submit(1, 1, "X", "h", new Applicant(ApplicantKind.NaturalPerson, "张三", "13800000000", "护照", "E1", null, null, null, null, null),
            "某信息", null, "纸质", "邮寄", null, RequestChannel.InPerson, new DateTime(2026, 6, 30, 16, 0, 0, DateTimeKind.Utc), Day);
        return c;
    }

    private const string Window = "到政务服务中心三楼财务窗口缴纳";

    private static RequestCase Wanting(string form) =>
        RequestCase.Submit(1, 1, "X", "h", new Applicant(ApplicantKind.NaturalPerson, "张三", "13800000000", "护照", "E1", null, null, null, null, null),
            "某信息", null, form, "邮寄", null, RequestChannel.InPerson, new DateTime(2026, 6, 30, 16, 0, 0, DateTimeKind.Utc), Day);

    [Fact]
    public void The_time_until_the_fee_is_paid_does_not_count_and_a_second_notice_is_refused()
    {
        var c = Confirmed();
        c.NoticeFee(FeeMode.PerRequest, 100, "第11件", Window, Day.AddDays(5), answerDue: Day.AddDays(28));
        Assert.Equal(RequestState.AwaitingFee, c.State);
        Assert.Equal(Window, c.FeePaymentMethod);
        c.MarkFeePaid(Day.AddDays(12)); // 6–13 July paused: 6 working days (6–10, 13)… the pause covers 6–13
        Assert.Equal(RequestState.Processing, c.State);
        var pause = c.Pauses.Single();
        Assert.Equal((Day.AddDays(5), Day.AddDays(12)), (pause.From, pause.To!.Value));
        Assert.Throws<DomainConflictException>(() => c.NoticeFee(FeeMode.PerPage, 10, "31页", Window, Day.AddDays(13), null));
    }

    /// <summary>国办函〔2020〕109号第六条: 20 working days from the day after the notice reached the applicant; closing waits for them.</summary>
    [Theory]
    [InlineData("2026-07-02", "2026-07-02", "2026-07-30")] // handed over the day it was sent: 3 July … 30 July
    [InlineData("2026-07-02", "2026-07-06", "2026-08-03")] // by post, received on Monday 6 July
    [InlineData("2026-09-24", "2026-09-24", "2026-10-29")] // 中秋 25 September and 国庆 1–7 October off, Saturday 10 October worked
    public void A_fee_not_paid_in_20_working_days_from_receipt_closes_the_case_as_other_handling(string sent, string received, string lastDay)
    {
        var c = Confirmed();
        c.NoticeFee(FeeMode.PerPage, 10, "31页", Window, DateOnly.Parse(sent, System.Globalization.CultureInfo.InvariantCulture), answerDue: null);
        var unregistered = Assert.Throws<DomainConflictException>(() => c.CloseForUnpaidFee(new DateOnly(2026, 12, 1), Deadline.FeePaymentDue(Tests.Calendar.WorkingDayCalendarTests.Calendar, c)?.Date));
        Assert.Contains("登记送达", unregistered.Message, StringComparison.Ordinal);
        c.RecordFeeNoticeDelivery(DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture));
        var due = Deadline.FeePaymentDue(Tests.Calendar.WorkingDayCalendarTests.Calendar, c)!;
        Assert.Equal(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture), due.Date);
        Assert.False(due.IsProvisional);
        Assert.Throws<DomainConflictException>(() => c.CloseForUnpaidFee(due.Date, due.Date));
        c.CloseForUnpaidFee(due.Date.AddDays(1), due.Date);
        Assert.Equal(RequestOutcome.OtherFeeUnpaid, c.Outcome);
        Assert.Equal(due.Date.AddDays(1), c.Pauses.Single().To);
    }

    [Fact]
    public void A_fee_notice_after_the_answer_period_is_refused()
    {
        var e = Assert.Throws<DomainConflictException>(() => Confirmed().NoticeFee(FeeMode.PerRequest, 100, "第11件", Window, Day.AddDays(30), answerDue: Day.AddDays(28)));
        Assert.Contains("国办函〔2020〕109号第六条", e.Message, StringComparison.Ordinal);
        Confirmed().NoticeFee(FeeMode.PerRequest, 100, "第11件", Window, Day.AddDays(28), answerDue: Day.AddDays(28)); // on its last day
    }

    [Fact]
    public void A_fee_notice_states_how_to_pay()
    {
        var e = Assert.Throws<DomainException>(() => Confirmed().NoticeFee(FeeMode.PerRequest, 100, "第11件", " ", Day, null));
        Assert.Contains("缴纳方式", e.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => Confirmed().NoticeFee(FeeMode.PerRequest, 100, "第11件", Window, Day, null, deliveredOn: Day.AddDays(-1)));
    }

    /// <summary>国办函〔2020〕109号第五条: 按量 only where copies were asked for (paper, e-mail, a copy of electronic data).</summary>
    [Theory]
    [InlineData("纸质", true)]
    [InlineData("电子邮件", true)]
    [InlineData("光盘", true)]
    [InlineData("复制电子数据（U盘）", true)]
    [InlineData("当面查阅、抄录", false)]
    [InlineData("其他", false)]
    public void Counting_by_pages_applies_only_to_copies(string form, bool perPage)
    {
        Assert.Equal(perPage, RequestCase.PerPageApplies(form));
        var c = Wanting(form);
        if (perPage)
        {
            c.NoticeFee(FeeMode.PerPage, 10, "31页", Window, Day, null);
            Assert.Equal(FeeMode.PerPage, c.FeeMode);
        }
        else
        {
            var e = Assert.Throws<DomainException>(() => c.NoticeFee(FeeMode.PerPage, 10, "31页", Window, Day, null));
            Assert.Contains("第五条", e.Message, StringComparison.Ordinal);
            c.NoticeFee(FeeMode.PerRequest, 100, "第11件", Window, Day, null); // 按件 applies to every kind of answer (Art. 4)
        }
    }

    [Fact]
    public void No_fee_is_noticed_when_nothing_is_owed()
    {
        var e = Assert.Throws<DomainException>(() => Confirmed().NoticeFee(FeeMode.PerRequest, 0, "第3件", Window, Day, null));
        Assert.Contains("不需收费", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(11, 100)]
    [InlineData(30, 100)]
    [InlineData(31, 200)]
    [InlineData(45, 300)]
    public void The_price_of_each_request_follows_its_place_in_the_month(int n, int yuan) =>
        Assert.Equal(yuan, ProcessingFee.PriceOfRequest(n));
}

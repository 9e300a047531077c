namespace Gongkai.Core.Requests;

/// <summary>申请人类型: the applicant columns of the annual report's table 3.</summary>
public enum ApplicantKind
{
    NaturalPerson = 0,      // 自然人
    Commercial = 1,         // 商业企业
    Research = 2,           // 科研机构
    PublicWelfare = 3,      // 社会公益组织
    LegalService = 4,       // 法律服务机构
    OtherOrganization = 5,  // 其他
}

/// <summary>How the application arrived (条例 Art. 31 decides from when it counts).</summary>
public enum RequestChannel
{
    InPerson = 0,        // 当面
    RegisteredMail = 1,  // 挂号信
    OrdinaryMail = 2,    // 平信
    Online = 3,          // 网上
    Fax = 4,             // 传真
}

public enum RequestState
{
    AwaitingConfirmation = 0, // 待确认
    Processing = 1,           // 办理中
    AwaitingCorrection = 2,   // 待补正
    Consulting = 3,           // 征求意见中
    Answered = 4,             // 已答复
    AwaitingFee = 5,          // 待缴费
}

/// <summary>How the processing fee is counted (国办函〔2020〕109号): per request or per page, never both.</summary>
public enum FeeMode
{
    PerRequest = 1,
    PerPage = 2,
}

/// <summary>条例 Art. 36: the kind of answer given.</summary>
public enum ReplyType
{
    AlreadyPublic = 1,   // （一）已经主动公开
    Disclosed = 2,       // （二）予以提供
    NotDisclosed = 3,    // （三）不予公开
    DoesNotExist = 4,    // （四）经检索没有
    NotThisOffice = 5,   // （五）不属于本机关负责公开
    Repeat = 6,          // （六）重复申请
    OtherRoute = 7,      // （七）有专门查询途径
    NotHandled = 8,      // 不予处理、其他处理（逾期不补正、未缴费等）
}

/// <summary>
/// A request for disclosure (依申请公开), guarding its own moves: confirmation of receipt (Art. 31),
/// 补正 (Art. 30), consultation (Art. 32; time not counted), one extension (Art. 33), and the answer
/// with exactly one outcome leaf of the annual report's table 3 (<see cref="RequestOutcomes"/>).
/// </summary>
public sealed class RequestCase
{
    public long Id { get; private set; }
    public int SiteId { get; private set; }
    public int OrganizationId { get; private set; }
    public string CaseNumber { get; private set; } = string.Empty;

    /// <summary>SHA-256 of the 查询码; the code itself is shown to the applicant once.</summary>
    public string QueryCodeHash { get; private set; } = string.Empty;

    public ApplicantKind ApplicantKind { get; private set; }
    public string ApplicantName { get; private set; } = string.Empty;
    public string? IdType { get; private set; }
    public string? IdNumber { get; private set; }
    public string? CreditCode { get; private set; }
    public string? LegalRepresentative { get; private set; }
    public string? ContactPerson { get; private set; }
    public string Phone { get; private set; } = string.Empty;
    public string? Email { get; private set; }
    public string? Address { get; private set; }

    public string Description { get; private set; } = string.Empty;
    public string? DocumentHint { get; private set; }
    public string FormWanted { get; private set; } = string.Empty;
    public string DeliveryMethod { get; private set; } = string.Empty;
    public string? Note { get; private set; }

    public RequestChannel Channel { get; private set; }
    public DateTime SubmittedAtUtc { get; private set; }
    public DateOnly? ReceivedOn { get; private set; }
    public RequestState State { get; private set; }

    public DateOnly? CorrectionRequestedOn { get; private set; }
    public DateOnly? CorrectionDueOn { get; private set; }
    public string? CorrectionReason { get; private set; }
    public DateOnly? CorrectionReceivedOn { get; private set; }

    public List<ClockPause> Pauses { get; private set; } = [];

    public int ExtensionDays { get; private set; }
    public string? ExtensionApprover { get; private set; }
    public string? ExtensionReason { get; private set; }
    public DateOnly? ExtendedOn { get; private set; }
    public DateOnly? LargeVolumeDue { get; private set; }

    public FeeMode? FeeMode { get; private set; }
    public decimal? FeeAmount { get; private set; }
    public string? FeeBasis { get; private set; }
    public DateOnly? FeeNoticeOn { get; private set; }
    /// <summary>
    /// The payment date a handler typed on a case noticed before the 20 working days of 国办函〔2020〕109号
    /// Art. 6 were counted by the platform; kept for those cases (<see cref="Deadline.FeePaymentDue"/>), never set now.
    /// </summary>
    public DateOnly? FeeDueOn { get; private set; }

    /// <summary>缴纳方式 stated in the fee notice (国办函〔2020〕109号第六条).</summary>
    public string? FeePaymentMethod { get; private set; }
    public DateOnly? FeePaidOn { get; private set; }

    public RequestOutcome? Outcome { get; private set; }
    public ReplyType? ReplyType { get; private set; }
    public string? AnswerText { get; private set; }

    /// <summary>
    /// 不属于本机关负责公开 (条例 Art. 36(5)): the agency responsible for the information and how to reach
    /// it, when the office can name it (“能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式”).
    /// </summary>
    public string? ResponsibleAgency { get; private set; }

    public string? ResponsibleAgencyContact { get; private set; }

    public const int ResponsibleAgencyMaxLength = 200;

    /// <summary>The answer as the applicant reads it: the text, and the responsible agency when one is named.</summary>
    public string? AnswerForApplicant => AnswerText is null ? null
        : ResponsibleAgency is null ? AnswerText
        : $"{AnswerText}\n负责公开该政府信息的行政机关：{ResponsibleAgency}，联系方式：{ResponsibleAgencyContact}。";
    public DateOnly? AnsweredOn { get; private set; }

    public bool IsDemo { get; private set; }
    public int Version { get; private set; }

    /// <summary>承办部门: the department of the organization that handles the case.</summary>
    public string? AssignedDepartment { get; private set; }

    /// <summary>The handler the case is assigned to, if any.</summary>
    public int? AssignedUserId { get; private set; }

    /// <summary>分办: assigns the case to a department (and a handler) of the organization.</summary>
    public void Assign(string department, int? userId)
    {
        if (State == RequestState.Answered)
        {
            throw new DomainConflictException("已答复的申请不能再分办。");
        }
        AssignedDepartment = Require.Text(department, "承办部门");
        AssignedUserId = userId;
        Version++;
    }

    /// <summary>When the applicant's personal data was erased after the retention period.</summary>
    public DateTime? ErasedAtUtc { get; private set; }

    public const string ErasedMark = "（已清除）";

    /// <summary>
    /// Erases who applied and how to reach them once the case is closed and its retention period has
    /// passed; the kind of applicant, the channel, the dates and the outcome stay for the statistics
    /// and the annual report.
    /// </summary>
    public void ErasePersonalData(DateTime nowUtc)
    {
        if (State != RequestState.Answered)
        {
            throw new DomainConflictException("办理中的申请不能清除申请人信息。");
        }
        ApplicantName = ErasedMark;
        IdNumber = null;
        IdType = null;
        CreditCode = null;
        LegalRepresentative = null;
        ContactPerson = null;
        Phone = ErasedMark;
        Email = null;
        Address = null;
        Note = null;
        Description = ErasedMark;
        DocumentHint = null;
        AnswerText = ErasedMark;
        CorrectionReason = CorrectionReason is null ? null : ErasedMark;
        ErasedAtUtc = nowUtc;
        Version++;
    }

    private RequestCase() { }

    public static RequestCase Submit(int siteId, int organizationId, string caseNumber, string queryCodeHash, Applicant applicant,
        string description, string? documentHint, string formWanted, string deliveryMethod, string? note,
        RequestChannel channel, DateTime submittedAtUtc, DateOnly? receivedOn, bool isDemo = false)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var c = new RequestCase
        {
            SiteId = siteId,
            OrganizationId = organizationId,
            CaseNumber = caseNumber,
            QueryCodeHash = queryCodeHash,
            ApplicantKind = applicant.Kind,
            ApplicantName = applicant.Name,
            IdType = applicant.IdType,
            IdNumber = applicant.IdNumber,
            CreditCode = applicant.CreditCode,
            LegalRepresentative = applicant.LegalRepresentative,
            ContactPerson = applicant.ContactPerson,
            Phone = applicant.Phone,
            Email = applicant.Email,
            Address = applicant.Address,
            // 条例 Art. 29: what is wanted, and in what form; no purpose is required.
            Description = Require.Text(description, "所需政府信息的名称、文号或者便于查询的其他特征性描述"),
            DocumentHint = string.IsNullOrWhiteSpace(documentHint) ? null : documentHint.Trim(),
            FormWanted = Require.Text(formWanted, "信息的指定提供形式"),
            DeliveryMethod = Require.Text(deliveryMethod, "获取信息的方式"),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Channel = channel,
            SubmittedAtUtc = submittedAtUtc,
            IsDemo = isDemo,
        };
        // Art. 31: in person and by registered mail the day of receipt is known at once; online, fax
        // and ordinary letters count from the day the office confirms them.
        if (channel is RequestChannel.InPerson or RequestChannel.RegisteredMail)
        {
            c.ReceivedOn = receivedOn ?? throw new DomainException("当面或挂号信提交的申请须填写收到日期（条例第三十一条）。");
            c.State = RequestState.Processing;
        }
        else
        {
            c.State = RequestState.AwaitingConfirmation;
        }
        return c;
    }

    public DeadlineInputs DeadlineInputs => new(ReceivedOn, CorrectionReceivedOn, Pauses, ExtensionDays, LargeVolumeDue, CorrectionRequestedOn);

    public static string Label(RequestState state) => state switch
    {
        RequestState.AwaitingConfirmation => "待确认",
        RequestState.Processing => "办理中",
        RequestState.AwaitingCorrection => "待补正",
        RequestState.Consulting => "征求意见中",
        RequestState.Answered => "已答复",
        RequestState.AwaitingFee => "待缴费",
        _ => state.ToString(),
    };

    /// <summary>确认: the office confirms an online, fax or ordinary-mail application (Art. 31).</summary>
    public void Confirm(DateOnly receivedOn)
    {
        Expect(RequestState.AwaitingConfirmation, "确认收到");
        if (receivedOn < ChinaTime.DateOf(SubmittedAtUtc))
        {
            throw new DomainException("确认日期不能早于申请提交日期。");
        }
        ReceivedOn = receivedOn;
        State = RequestState.Processing;
        Version++;
    }

    /// <summary>
    /// 补正告知 (Art. 30): once, saying what to correct and by when, and within 7 working days of receipt
    /// (<paramref name="noticeDeadline"/>, from <see cref="Deadline.CorrectionNoticeDue"/>): after that the
    /// office must handle the request as it stands.
    /// </summary>
    public void RequestCorrection(DateOnly on, string reason, DateOnly dueBy, DateOnly? noticeDeadline = null)
    {
        Expect(RequestState.Processing, "发出补正告知");
        if (noticeDeadline is DateOnly last && on > last)
        {
            throw new DomainConflictException($"补正告知应当自收到申请之日起7个工作日内一次性发出（条例第三十条），本件应于 {last:yyyy-MM-dd} 前告知，现已超过，不能再要求补正，请按现有申请内容办理。");
        }
        if (CorrectionRequestedOn is not null)
        {
            throw new DomainConflictException("补正只能告知一次（条例第三十条）。");
        }
        if (dueBy <= on)
        {
            throw new DomainException("补正期限须晚于告知日期。");
        }
        CorrectionRequestedOn = Check(on);
        CorrectionReason = Require.Text(reason, "需要补正的事项");
        CorrectionDueOn = dueBy;
        State = RequestState.AwaitingCorrection;
        Version++;
    }

    /// <summary>收到补正: the answer period starts again from this day (Art. 30).</summary>
    public void ReceiveCorrection(DateOnly on)
    {
        Expect(RequestState.AwaitingCorrection, "登记补正");
        CorrectionReceivedOn = Check(on);
        State = RequestState.Processing;
        Version++;
    }

    /// <summary>No correction in time: the application is treated as abandoned (其他处理 1).</summary>
    public void CloseForMissingCorrection(DateOnly on)
    {
        Expect(RequestState.AwaitingCorrection, "按逾期不补正处理");
        if (on <= CorrectionDueOn)
        {
            throw new DomainConflictException($"补正期限（{CorrectionDueOn:yyyy-MM-dd}）尚未届满。");
        }
        Close(RequestOutcome.OtherNoCorrection, Requests.ReplyType.NotHandled, "申请人无正当理由逾期不补正，本机关不再处理该政府信息公开申请（条例第三十条）。", on);
    }

    /// <summary>征求意见 (Art. 32, third party; or another agency): the clock stops until it ends.</summary>
    public void StartConsultation(DateOnly on, string reason)
    {
        Expect(RequestState.Processing, "开始征求意见");
        Pauses.Add(new ClockPause(Check(on), null, Require.Text(reason, "征求意见的对象")));
        Pauses = [.. Pauses];
        State = RequestState.Consulting;
        Version++;
    }

    /// <summary>
    /// 送达: the consultation letter reached the third party or agency on <paramref name="on"/>; their 15
    /// working days run from the next day (Art. 32, Art. 34). Registered again, the later word stands.
    /// </summary>
    public void RecordConsultationDelivery(DateOnly on)
    {
        Expect(RequestState.Consulting, "登记征求意见书送达");
        DeliverOpenPause(on, "发出征求意见");
    }

    /// <summary>The open pause's letter or notice reached its addressee on <paramref name="on"/> (not before it was sent).</summary>
    private void DeliverOpenPause(DateOnly on, string sent)
    {
        var open = Pauses[^1];
        if (on < open.From)
        {
            throw new DomainException($"送达日期（{on:yyyy-MM-dd}）不能早于{sent}的日期（{open.From:yyyy-MM-dd}）。");
        }
        Pauses = [.. Pauses.Take(Pauses.Count - 1), open with { DeliveredOn = on }];
        Version++;
    }

    public void EndConsultation(DateOnly on)
    {
        Expect(RequestState.Consulting, "结束征求意见");
        var open = Pauses[^1];
        if (on < open.From)
        {
            throw new DomainException("结束日期不能早于开始日期。");
        }
        Pauses = [.. Pauses.Take(Pauses.Count - 1), open with { To = on }];
        State = RequestState.Processing;
        Version++;
    }

    /// <summary>延期 (Art. 33): once, at most 20 working days, approved by the head of the office, the applicant told.</summary>
    public void Extend(int days, string approver, string reason, DateOnly on)
    {
        if (State is not (RequestState.Processing or RequestState.Consulting))
        {
            throw new DomainConflictException($"状态为“{Label(State)}”的申请不能延期。");
        }
        if (ExtensionDays > 0)
        {
            throw new DomainConflictException("答复期限只能延长一次（条例第三十三条）。");
        }
        if (days is < 1 or > Deadline.MaxExtensionWorkingDays)
        {
            throw new DomainException("延长的期限最长不超过20个工作日（条例第三十三条）。");
        }
        ExtensionDays = days;
        ExtensionApprover = Require.Text(approver, "批准延期的负责人");
        ExtensionReason = Require.Text(reason, "延期理由");
        ExtendedOn = Check(on);
        Version++;
    }

    /// <summary>Art. 35: a later deadline for an unreasonably large volume, set by the office and told to the applicant.</summary>
    public void SetLargeVolumeDeadline(DateOnly due, DateOnly on)
    {
        Expect(RequestState.Processing, "确定延后答复期限");
        if (due <= on)
        {
            throw new DomainException("延后的答复期限须晚于今天。");
        }
        LargeVolumeDue = due;
        Version++;
    }

    /// <summary>
    /// 收费通知 (条例 Art. 42, 国办函〔2020〕109号): only for requests beyond a reasonable quantity or
    /// frequency; one way of counting (Art. 3); 按量 only for copies (Art. 5); sent within the answer
    /// period and stating the basis, rate, amount and 缴纳方式 (Art. 6). The applicant has 20 working days
    /// from the day after receiving it (<see cref="Deadline.FeePaymentDue"/>); the time until payment does
    /// not count against the deadline.
    /// </summary>
    /// <param name="answerDue">The answer deadline as it stands today; null while it cannot be told.</param>
    /// <param name="deliveredOn">The day the notice reached the applicant, when known at once (in person, online, e-mail).</param>
    public void NoticeFee(FeeMode mode, decimal amount, string basis, string paymentMethod, DateOnly on, DateOnly? answerDue, DateOnly? deliveredOn = null)
    {
        Expect(RequestState.Processing, "发出收费通知");
        if (FeeMode is not null)
        {
            throw new DomainConflictException("已经发出过收费通知：按件或按量只能择一计收，不能重复收费。");
        }
        if (mode == Requests.FeeMode.PerPage && !PerPageApplies(FormWanted))
        {
            throw new DomainException($"按量计收只适用于申请人要求以纸质件、电子邮件、复制电子数据等方式获取信息的情形（国办函〔2020〕109号第五条）；本申请要求的提供形式为“{FormWanted}”，请按件计收。");
        }
        if (amount <= 0)
        {
            throw new DomainException("按规定本件不需收费（每月前10件、每件前30页免费）。");
        }
        if (answerDue is DateOnly due && on > due)
        {
            throw new DomainConflictException($"收费通知须在答复期限内发出（国办函〔2020〕109号第六条）；本申请的答复期限（{due:yyyy-MM-dd}）已过，不能再收费。");
        }
        if (deliveredOn is DateOnly delivered && delivered < on)
        {
            throw new DomainException($"送达日期（{delivered:yyyy-MM-dd}）不能早于发出收费通知的日期（{on:yyyy-MM-dd}）。");
        }
        FeeMode = mode;
        FeeAmount = amount;
        FeeBasis = Require.Text(basis, "计费依据");
        FeePaymentMethod = Require.Text(paymentMethod, "缴纳方式（国办函〔2020〕109号第六条）", FeePaymentMethodMaxLength);
        FeeNoticeOn = Check(on);
        FeeDueOn = null;
        Pauses = [.. Pauses, new ClockPause(on, null, ClockPause.FeeReason, deliveredOn)];
        State = RequestState.AwaitingFee;
        Version++;
    }

    /// <summary>
    /// 国办函〔2020〕109号 Art. 5: 按量计收 applies where the applicant asked for paper copies, e-mail or a copy
    /// of electronic data — not where the information is read on the premises.
    /// </summary>
    public static bool PerPageApplies(string formWanted) =>
        !string.IsNullOrWhiteSpace(formWanted)
        && PerPageForms.Any(f => formWanted.Contains(f, StringComparison.Ordinal))
        && !formWanted.Contains("查阅", StringComparison.Ordinal);

    private static readonly string[] PerPageForms = ["纸质", "电子", "邮件", "光盘", "复制", "复印", "U盘", "拷贝"];

    /// <summary>The longest 缴纳方式 kept (an account, a window's address and hours).</summary>
    public const int FeePaymentMethodMaxLength = 500;

    /// <summary>
    /// 送达: the fee notice reached the applicant on <paramref name="on"/>; the 20 working days to pay run
    /// from the next day (国办函〔2020〕109号第六条). Registered again, the later word stands.
    /// </summary>
    public void RecordFeeNoticeDelivery(DateOnly on)
    {
        Expect(RequestState.AwaitingFee, "登记收费通知送达");
        DeliverOpenPause(on, "发出收费通知");
    }

    public void MarkFeePaid(DateOnly on)
    {
        Expect(RequestState.AwaitingFee, "登记缴费");
        FeePaidOn = Check(on);
        Pauses = [.. Pauses.Take(Pauses.Count - 1), Pauses[^1] with { To = on }];
        State = RequestState.Processing;
        Version++;
    }

    /// <summary>
    /// Not paid in time: the request is no longer handled (其他处理 2). <paramref name="paymentDue"/> is the
    /// last day to pay (<see cref="Deadline.FeePaymentDue"/>); null while the notice's delivery is not registered.
    /// </summary>
    public void CloseForUnpaidFee(DateOnly on, DateOnly? paymentDue)
    {
        Expect(RequestState.AwaitingFee, "按逾期未缴费处理");
        if (paymentDue is not DateOnly due)
        {
            throw new DomainConflictException("尚未登记收费通知送达申请人的日期：缴费期限自申请人收到收费通知次日起20个工作日（国办函〔2020〕109号第六条），请先登记送达日期。");
        }
        if (on <= due)
        {
            throw new DomainConflictException($"缴费期限（{due:yyyy-MM-dd}）尚未届满。");
        }
        Pauses = [.. Pauses.Take(Pauses.Count - 1), Pauses[^1] with { To = on }];
        State = RequestState.Processing;
        Close(RequestOutcome.OtherFeeUnpaid, Requests.ReplyType.NotHandled, "申请人逾期未按收费通知要求缴纳费用，本机关不再处理该政府信息公开申请（国办函〔2020〕109号第六条）。", on);
    }

    /// <summary>答复: exactly one outcome of table 3 and the Art. 36 kind of answer.</summary>
    /// <summary>
    /// 答复 with one outcome of table 3 and the reply type of Art. 36 that fits it. Outcomes that need an
    /// earlier step are refused until it was taken: 补正后申请内容仍不明确 needs a correction received, and
    /// 逾期不补正 / 逾期未缴费 are reached only through their own moves once the period ran out.
    /// </summary>
    public void Answer(RequestOutcome outcome, ReplyType replyType, string text, DateOnly on, string? responsibleAgency = null, string? responsibleAgencyContact = null)
    {
        if (State is not (RequestState.Processing or RequestState.Consulting))
        {
            throw new DomainConflictException($"状态为“{Label(State)}”的申请不能答复。");
        }
        var missing = outcome switch
        {
            RequestOutcome.OtherNoCorrection => "“逾期不补正”须先发出补正告知，补正期限届满后在本页“按逾期不补正处理”（条例第三十条）。",
            RequestOutcome.OtherFeeUnpaid => "“逾期未缴纳信息处理费”须先发出收费通知，缴费期限届满后在本页“按逾期未缴费处理”（国办函〔2020〕109号）。",
            RequestOutcome.UnavailableStillUnclear when CorrectionReceivedOn is null => "“补正后申请内容仍不明确”须先告知补正并登记收到的补正（条例第三十条）。",
            _ => null,
        };
        if (missing is not null)
        {
            throw new DomainConflictException(missing);
        }
        if (Enum.IsDefined(outcome) && !RequestOutcomes.Fits(outcome, replyType))
        {
            throw new DomainException($"办理结果“{RequestOutcomes.Label(outcome)}”与答复类型“{RequestOutcomes.Label(replyType)}”不相符，请选择：{string.Join("；", RequestOutcomes.RepliesFor(outcome).Select(RequestOutcomes.Label))}。");
        }
        string? agency = null, contact = null;
        if (replyType == Requests.ReplyType.NotThisOffice && (!string.IsNullOrWhiteSpace(responsibleAgency) || !string.IsNullOrWhiteSpace(responsibleAgencyContact)))
        {
            // Art. 36(5): a named agency comes with its contact; neither, when it cannot be determined.
            agency = Require.Text(responsibleAgency, "负责公开该信息的行政机关名称（无法确定时两项都留空）", ResponsibleAgencyMaxLength);
            contact = Require.Text(responsibleAgencyContact, "负责机关的联系方式（条例第三十六条第五项）", ResponsibleAgencyMaxLength);
        }
        Close(outcome, replyType, Require.Text(text, "答复内容"), on);
        ResponsibleAgency = agency;
        ResponsibleAgencyContact = contact;
    }

    private void Close(RequestOutcome outcome, ReplyType replyType, string text, DateOnly on)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new DomainException("请选择办理结果。");
        }
        if (State == RequestState.Consulting)
        {
            EndConsultation(on);
        }
        Outcome = outcome;
        ReplyType = replyType;
        AnswerText = text;
        AnsweredOn = Check(on);
        State = RequestState.Answered;
        Version++;
    }

    private DateOnly Check(DateOnly on)
    {
        if (ReceivedOn is DateOnly received && on < received)
        {
            throw new DomainException($"日期（{on:yyyy-MM-dd}）不能早于收到申请的日期（{received:yyyy-MM-dd}）。");
        }
        return on;
    }

    private void Expect(RequestState state, string move)
    {
        if (State != state)
        {
            throw new DomainConflictException($"状态为“{Label(State)}”的申请不能{move}。");
        }
    }
}

/// <summary>Who applies (条例 Art. 29): a natural person, or a legal person or other organization.</summary>
public sealed record Applicant(
    ApplicantKind Kind, string Name, string Phone, string? IdType, string? IdNumber, string? CreditCode,
    string? LegalRepresentative, string? ContactPerson, string? Email, string? Address);

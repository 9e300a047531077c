namespace Gongkai.Core.Requests;

/// <summary>The letters a case produces.</summary>
public enum LetterKind
{
    Acknowledgement = 0,        // 受理回执
    CorrectionNotice = 1,       // 补正告知书
    ExtensionNotice = 2,        // 延期答复告知书
    ThirdPartyConsultation = 3, // 第三方意见征询函
    Answer = 4,                 // 政府信息公开申请答复告知书
    FeeNotice = 5,              // 信息处理费缴费通知书
}

/// <summary>An administrator's version of a letter's body; absent means the built-in text.</summary>
public sealed class LetterTemplate
{
    public LetterKind Kind { get; private set; }
    public string Body { get; private set; } = string.Empty;
    public DateTime UpdatedAtUtc { get; private set; }
    public string UpdatedBy { get; private set; } = string.Empty;

    private LetterTemplate() { }

    public LetterTemplate(LetterKind kind, string body, DateTime nowUtc, string by)
    {
        Kind = kind;
        Change(body, nowUtc, by);
    }

    public void Change(string body, DateTime nowUtc, string by)
    {
        var text = Require.Text(body, "模板正文");
        foreach (var field in Letters.RequiredFields(Kind))
        {
            if (!text.Contains("{" + field + "}", StringComparison.Ordinal))
            {
                throw new DomainException($"模板须保留“{{{field}}}”：文书必须载明{field}。");
            }
        }
        Body = text;
        UpdatedAtUtc = nowUtc;
        UpdatedBy = by;
    }
}

/// <summary>
/// The built-in letter texts and the fields they are filled with. Every letter carries the office's
/// name, the case number, its legal basis with the article, and the date; the answer also carries
/// the remedies (行政复议 within 60 days, 行政诉讼 within 6 months).
/// </summary>
public static class Letters
{
    public static readonly IReadOnlyList<string> Fields =
    [
        "机关名称", "申请编号", "申请人", "提交日期", "收到日期", "所需信息", "补正事项", "补正期限", "延长天数", "延期理由",
        "答复期限", "征询对象", "第三方答复期限", "办理结果", "答复内容", "收费金额", "计费依据", "缴纳方式", "缴费期限", "法律依据", "救济途径", "日期",
    ];

    public static string Title(LetterKind kind) => kind switch
    {
        LetterKind.Acknowledgement => "政府信息公开申请受理回执",
        LetterKind.CorrectionNotice => "政府信息公开申请补正告知书",
        LetterKind.ExtensionNotice => "政府信息公开申请延期答复告知书",
        LetterKind.ThirdPartyConsultation => "政府信息公开第三方意见征询函",
        LetterKind.Answer => "政府信息公开申请答复告知书",
        LetterKind.FeeNotice => "政府信息公开信息处理费缴费通知书",
        _ => kind.ToString(),
    };

    /// <summary>
    /// What a template may not drop. An answer keeps its outcome and the handler's text, where a refusal
    /// gives its reasons and 不属于本机关 names the responsible agency and how to reach it (条例 Art. 36),
    /// the legal basis and the remedies.
    /// </summary>
    /// A fee notice states the basis, rate, amount and 缴纳方式, and the period to pay (国办函〔2020〕109号第六条).
    public static IReadOnlyList<string> RequiredFields(LetterKind kind) => kind switch
    {
        LetterKind.Answer => ["机关名称", "申请编号", "办理结果", "答复内容", "法律依据", "救济途径", "日期"],
        LetterKind.FeeNotice => ["机关名称", "申请编号", "收费金额", "计费依据", "缴纳方式", "缴费期限", "法律依据", "日期"],
        _ => ["机关名称", "申请编号", "法律依据", "日期"],
    };

    /// <summary>Whether a stored template still carries every part <see cref="RequiredFields"/> asks for (one saved before a part became required may not).</summary>
    public static bool IsComplete(LetterKind kind, string body) =>
        RequiredFields(kind).All(f => body.Contains("{" + f + "}", StringComparison.Ordinal));

    public static string DefaultBody(LetterKind kind) => kind switch
    {
        LetterKind.Acknowledgement =>
            "{申请人}：\n您于{提交日期}提出的政府信息公开申请（申请编号：{申请编号}），本机关已于{收到日期}收到。所需信息：{所需信息}。\n"
            + "依据{法律依据}，本机关将在{答复期限}前作出答复；能够当场答复的，当场予以答复。\n{机关名称}\n{日期}",
        LetterKind.CorrectionNotice =>
            "{申请人}：\n本机关于{收到日期}收到您的政府信息公开申请（申请编号：{申请编号}）。经审查，申请内容不明确，请补正以下事项：{补正事项}。\n"
            + "请于{补正期限}前补正。答复期限自本机关收到补正的申请之日起计算；无正当理由逾期不补正的，视为放弃申请，本机关不再处理该申请。依据：{法律依据}。\n{机关名称}\n{日期}",
        LetterKind.ExtensionNotice =>
            "{申请人}：\n您的政府信息公开申请（申请编号：{申请编号}）因{延期理由}，不能在规定期限内答复。经本机关政府信息公开工作机构负责人同意，答复期限延长{延长天数}个工作日，至{答复期限}。依据：{法律依据}。\n{机关名称}\n{日期}",
        LetterKind.ThirdPartyConsultation =>
            "{征询对象}：\n本机关收到政府信息公开申请（申请编号：{申请编号}），申请公开的信息可能涉及贵方合法权益：{所需信息}。\n"
            + "请于{第三方答复期限}前提出书面意见。逾期未提出意见的，由本机关依照条例规定决定是否公开。依据：{法律依据}。\n{机关名称}\n{日期}",
        LetterKind.Answer =>
            "{申请人}：\n本机关于{收到日期}收到您的政府信息公开申请（申请编号：{申请编号}），所需信息：{所需信息}。经审查，答复如下：\n{答复内容}\n"
            + "办理结果：{办理结果}。依据：{法律依据}。\n{救济途径}\n{机关名称}\n{日期}",
        LetterKind.FeeNotice =>
            "{申请人}：\n您的政府信息公开申请（申请编号：{申请编号}）申请数量、频次明显超过合理范围，本机关依法收取信息处理费{收费金额}元（{计费依据}）。\n"
            + "缴纳方式：{缴纳方式}。\n请自收到本通知次日起20个工作日内缴纳（{缴费期限}）。自发出收费通知至缴纳费用的期间不计入答复期限；逾期未缴纳的，视为放弃申请，本机关不再处理该申请。依据：{法律依据}。\n{机关名称}\n{日期}",
        _ => string.Empty,
    };

    public static string LegalBasis(LetterKind kind, RequestOutcome? outcome, ReplyType? replyType = null) => kind switch
    {
        LetterKind.Acknowledgement => "《中华人民共和国政府信息公开条例》第三十一条、第三十三条",
        LetterKind.CorrectionNotice => "《中华人民共和国政府信息公开条例》第三十条",
        LetterKind.ExtensionNotice => "《中华人民共和国政府信息公开条例》第三十三条第二款",
        LetterKind.ThirdPartyConsultation => "《中华人民共和国政府信息公开条例》第三十二条",
        LetterKind.FeeNotice => "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条至第六条",
        LetterKind.Answer => outcome switch
        {
            // Art. 36(1): already public — the applicant is told how to get it; Art. 36(2): provided.
            RequestOutcome.Disclosed when replyType == ReplyType.AlreadyPublic => "《中华人民共和国政府信息公开条例》第三十六条第一项",
            RequestOutcome.Disclosed => "《中华人民共和国政府信息公开条例》第三十六条第二项",
            RequestOutcome.PartlyDisclosed => "《中华人民共和国政府信息公开条例》第三十七条",
            RequestOutcome.WithheldStateSecret or RequestOutcome.WithheldForbiddenByLaw or RequestOutcome.WithheldSecurityStability
                => "《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项",
            RequestOutcome.WithheldThirdPartyRights => "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第三项",
            RequestOutcome.WithheldInternalAffairs or RequestOutcome.WithheldProcessInformation or RequestOutcome.WithheldEnforcementFile
                => "《中华人民共和国政府信息公开条例》第十六条、第三十六条第三项",
            RequestOutcome.WithheldAdministrativeQuery => "《中华人民共和国政府信息公开条例》第三十六条第七项",
            RequestOutcome.UnavailableNotHeld => "《中华人民共和国政府信息公开条例》第三十六条第四项、第五项",
            RequestOutcome.UnavailableNeedsCreation => "《中华人民共和国政府信息公开条例》第三十八条",
            RequestOutcome.UnavailableStillUnclear => "《中华人民共和国政府信息公开条例》第三十条",
            RequestOutcome.NotHandledPetition => "《中华人民共和国政府信息公开条例》第三十九条第一款",
            RequestOutcome.NotHandledRepeat => "《中华人民共和国政府信息公开条例》第三十六条第六项",
            RequestOutcome.NotHandledPublication => "《中华人民共和国政府信息公开条例》第三十九条第二款",
            // Art. 39(2) is about 公开出版物 only. Confirming or re-issuing information the applicant already
            // holds asks the office to make a new statement or document, not to provide recorded information
            // that exists: Art. 2 defines 政府信息 as information made or obtained and recorded, Art. 38 limits
            // what is provided to information already made or obtained. (国办公开办函〔2021〕30号 names this
            // category under 不予处理 without an article.)
            RequestOutcome.NotHandledConfirmation => "《中华人民共和国政府信息公开条例》第二条、第三十八条",
            RequestOutcome.NotHandledExcessive => "《中华人民共和国政府信息公开条例》第三十五条",
            RequestOutcome.OtherNoCorrection => "《中华人民共和国政府信息公开条例》第三十条",
            RequestOutcome.OtherFeeUnpaid => "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
            _ => "《中华人民共和国政府信息公开条例》第三十六条",
        },
        _ => "《中华人民共和国政府信息公开条例》",
    };

    /// <summary>The day the revised 行政复议法 (2023) took effect, with reconsideration first for refusals (Art. 23).</summary>
    public static readonly DateOnly ReconsiderationFirstSince = new(2024, 1, 1);

    /// <summary>An outcome that refuses disclosure (不予公开) wholly or in part.</summary>
    public static bool Refuses(RequestOutcome outcome) =>
        outcome is RequestOutcome.PartlyDisclosed or (>= RequestOutcome.WithheldStateSecret and <= RequestOutcome.WithheldAdministrativeQuery);

    /// <summary>
    /// 救济途径 of a letter dated <paramref name="date"/>. From 2024-01-01 the revised 行政复议法 Art. 23(1)(4)
    /// requires reconsideration before any lawsuit where a request for government information is refused
    /// (不予公开): a refusal (or the refused part of a partial disclosure) names that route alone; other
    /// answers may go to reconsideration (60 days, 行政复议法 Art. 20) or to court (6 months, 行政诉讼法
    /// Art. 46). A letter reprinted for an answer before that day keeps the remedies of its day. The
    /// 行政复议机关 is named as the organization has set it (机构与站点), or generically when it has not.
    /// </summary>
    public static string Remedies(RequestOutcome? outcome, DateOnly date, string? reconsiderationBody)
    {
        var body = string.IsNullOrWhiteSpace(reconsiderationBody) ? "行政复议机关" : reconsiderationBody.Trim();
        const string Either = "可以自收到本告知书之日起60日内向{0}申请行政复议，或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼";
        if (date < ReconsiderationFirstSince || outcome is not RequestOutcome o || !Refuses(o))
        {
            return "如对本答复不服，" + string.Format(System.Globalization.CultureInfo.InvariantCulture, Either, body) + "。";
        }
        const string First = "应当自收到本告知书之日起60日内先向{0}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼（《中华人民共和国行政复议法》第二十三条：申请政府信息公开，行政机关不予公开的，应当先申请行政复议）";
        return o == RequestOutcome.PartlyDisclosed
            ? "如对本答复中不予公开的部分不服，" + string.Format(System.Globalization.CultureInfo.InvariantCulture, First, body)
              + "；对其他部分不服的，" + string.Format(System.Globalization.CultureInfo.InvariantCulture, Either, body) + "。"
            : "如对本答复不服，" + string.Format(System.Globalization.CultureInfo.InvariantCulture, First, body) + "。";
    }

    /// <summary>Fills <c>{字段}</c> placeholders; unknown ones are left as written.</summary>
    public static string Fill(string body, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(values);
        var text = body;
        foreach (var (key, value) in values)
        {
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }
        return text;
    }
}

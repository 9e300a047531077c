namespace Gongkai.Core.Requests;

/// <summary>The leaves of "三、本年度办理结果" of the annual report's table 3 (国办公开办函〔2021〕30号).</summary>
public enum RequestOutcome
{
    Disclosed = 1,                       // （一）予以公开
    PartlyDisclosed = 2,                 // （二）部分公开
    WithheldStateSecret = 11,            // （三）1.属于国家秘密
    WithheldForbiddenByLaw = 12,         // 2.其他法律行政法规禁止公开
    WithheldSecurityStability = 13,      // 3.危及"三安全一稳定"
    WithheldThirdPartyRights = 14,       // 4.保护第三方合法权益
    WithheldInternalAffairs = 15,        // 5.属于三类内部事务信息
    WithheldProcessInformation = 16,     // 6.属于四类过程性信息
    WithheldEnforcementFile = 17,        // 7.属于行政执法案卷
    WithheldAdministrativeQuery = 18,    // 8.属于行政查询事项
    UnavailableNotHeld = 21,             // （四）1.本机关不掌握相关政府信息
    UnavailableNeedsCreation = 22,       // 2.没有现成信息需要另行制作
    UnavailableStillUnclear = 23,        // 3.补正后申请内容仍不明确
    NotHandledPetition = 31,             // （五）1.信访举报投诉类申请
    NotHandledRepeat = 32,               // 2.重复申请
    NotHandledPublication = 33,          // 3.要求提供公开出版物
    NotHandledExcessive = 34,            // 4.无正当理由大量反复申请
    NotHandledConfirmation = 35,         // 5.要求行政机关确认或重新出具已获取信息
    OtherNoCorrection = 41,              // （六）1.逾期不补正
    OtherFeeUnpaid = 42,                 // 2.逾期未缴纳信息处理费
    OtherElse = 43,                      // 3.其他
}

public static class RequestOutcomes
{
    /// <summary>
    /// The reply types (条例 Art. 36) an outcome may be answered with: a refusal states its reasons
    /// (Art. 36(3)), information not held or held elsewhere is said so (Art. 36(4), (5)), and so on.
    /// </summary>
    public static IReadOnlyList<ReplyType> RepliesFor(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Disclosed => [ReplyType.AlreadyPublic, ReplyType.Disclosed],
        RequestOutcome.PartlyDisclosed => [ReplyType.Disclosed],
        RequestOutcome.WithheldAdministrativeQuery => [ReplyType.OtherRoute, ReplyType.NotDisclosed],
        >= RequestOutcome.WithheldStateSecret and <= RequestOutcome.WithheldEnforcementFile => [ReplyType.NotDisclosed],
        RequestOutcome.UnavailableNotHeld => [ReplyType.DoesNotExist, ReplyType.NotThisOffice],
        RequestOutcome.UnavailableNeedsCreation or RequestOutcome.UnavailableStillUnclear => [ReplyType.NotDisclosed, ReplyType.DoesNotExist, ReplyType.NotHandled],
        RequestOutcome.NotHandledPetition or RequestOutcome.NotHandledPublication => [ReplyType.NotHandled, ReplyType.OtherRoute],
        RequestOutcome.NotHandledRepeat => [ReplyType.Repeat, ReplyType.NotHandled],
        _ => [ReplyType.NotHandled],
    };

    public static bool Fits(RequestOutcome outcome, ReplyType replyType) => RepliesFor(outcome).Contains(replyType);

    public static string Label(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Disclosed => "予以公开",
        RequestOutcome.PartlyDisclosed => "部分公开",
        RequestOutcome.WithheldStateSecret => "不予公开：属于国家秘密",
        RequestOutcome.WithheldForbiddenByLaw => "不予公开：其他法律行政法规禁止公开",
        RequestOutcome.WithheldSecurityStability => "不予公开：危及“三安全一稳定”",
        RequestOutcome.WithheldThirdPartyRights => "不予公开：保护第三方合法权益",
        RequestOutcome.WithheldInternalAffairs => "不予公开：属于三类内部事务信息",
        RequestOutcome.WithheldProcessInformation => "不予公开：属于四类过程性信息",
        RequestOutcome.WithheldEnforcementFile => "不予公开：属于行政执法案卷",
        RequestOutcome.WithheldAdministrativeQuery => "不予公开：属于行政查询事项",
        RequestOutcome.UnavailableNotHeld => "无法提供：本机关不掌握相关政府信息",
        RequestOutcome.UnavailableNeedsCreation => "无法提供：没有现成信息需要另行制作",
        RequestOutcome.UnavailableStillUnclear => "无法提供：补正后申请内容仍不明确",
        RequestOutcome.NotHandledPetition => "不予处理：信访举报投诉类申请",
        RequestOutcome.NotHandledRepeat => "不予处理：重复申请",
        RequestOutcome.NotHandledPublication => "不予处理：要求提供公开出版物",
        RequestOutcome.NotHandledExcessive => "不予处理：无正当理由大量反复申请",
        RequestOutcome.NotHandledConfirmation => "不予处理：要求行政机关确认或重新出具已获取信息",
        RequestOutcome.OtherNoCorrection => "其他处理：申请人无正当理由逾期不补正",
        RequestOutcome.OtherFeeUnpaid => "其他处理：申请人逾期未按收费通知要求缴纳费用",
        RequestOutcome.OtherElse => "其他处理：其他",
        _ => outcome.ToString(),
    };

    public static string Label(ReplyType type) => type switch
    {
        ReplyType.AlreadyPublic => "已经主动公开，告知获取方式和途径（第三十六条第一项）",
        ReplyType.Disclosed => "予以提供，或告知获取的方式、途径和时间（第三十六条第二项）",
        ReplyType.NotDisclosed => "不予公开，告知理由（第三十六条第三项）",
        ReplyType.DoesNotExist => "经检索没有所申请的信息（第三十六条第四项）",
        ReplyType.NotThisOffice => "不属于本机关负责公开，告知理由和负责机关（第三十六条第五项）",
        ReplyType.Repeat => "重复申请，不予重复处理（第三十六条第六项）",
        ReplyType.OtherRoute => "有专门查询途径，告知依照有关规定办理（第三十六条第七项）",
        ReplyType.NotHandled => "不予处理或其他处理",
        _ => type.ToString(),
    };

    public static string Label(ApplicantKind kind) => kind switch
    {
        ApplicantKind.NaturalPerson => "自然人",
        ApplicantKind.Commercial => "商业企业",
        ApplicantKind.Research => "科研机构",
        ApplicantKind.PublicWelfare => "社会公益组织",
        ApplicantKind.LegalService => "法律服务机构",
        ApplicantKind.OtherOrganization => "其他组织",
        _ => kind.ToString(),
    };

    public static string Label(RequestChannel channel) => channel switch
    {
        RequestChannel.InPerson => "当面",
        RequestChannel.RegisteredMail => "挂号信",
        RequestChannel.OrdinaryMail => "平信",
        RequestChannel.Online => "网上",
        RequestChannel.Fax => "传真",
        _ => channel.ToString(),
    };

    /// <summary>An ID number shown in lists: the first 3 and last 4 characters.</summary>
    public static string Mask(string? idNumber) =>
        string.IsNullOrEmpty(idNumber) ? string.Empty
        : idNumber.Length <= 7 ? new string('*', idNumber.Length)
        : idNumber[..3] + new string('*', idNumber.Length - 7) + idNumber[^4..];
}

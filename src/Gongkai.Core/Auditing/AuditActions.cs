namespace Gongkai.Core.Auditing;

/// <summary>
/// Every action the operation log records (<see cref="AuditEvent.Action"/>), with the Chinese label
/// the console's histories show. The keys are what is stored and hashed: never change one.
/// </summary>
public static class AuditActions
{
    public const string RecordCreate = "record.create";
    public const string RecordEdit = "record.edit";
    public const string RecordSubmit = "record.submit";
    public const string RecordReturn = "record.return";
    public const string RecordApprove = "record.approve";
    public const string RecordSchedule = "record.schedule";
    public const string RecordPublish = "record.publish";
    public const string RecordWithdraw = "record.withdraw";
    public const string RecordAttach = "record.attach";
    public const string RecordDetach = "record.detach";
    public const string RecordImport = "record.import";
    public const string RequestSubmit = "request.submit";
    public const string RequestConfirm = "request.confirm";
    public const string RequestAssign = "request.assign";
    public const string RequestCorrection = "request.correction";
    public const string RequestCorrected = "request.corrected";
    public const string RequestAbandoned = "request.abandoned";
    public const string RequestConsult = "request.consult";
    public const string RequestConsulted = "request.consulted";
    public const string RequestConsultationDelivered = "request.consult-delivered";
    public const string RequestFeeDelivered = "request.fee-delivered";
    public const string RequestExtend = "request.extend";
    public const string RequestFee = "request.fee";
    public const string RequestFeePaid = "request.fee-paid";
    public const string RequestFeeUnpaid = "request.fee-unpaid";
    public const string RequestLargeVolume = "request.large-volume";
    public const string RequestAnswer = "request.answer";
    public const string RequestExport = "request.export";
    public const string RequestErase = "request.erase";
    public const string UserCreate = "user.create";
    public const string UserGrant = "user.grant";
    public const string UserRevoke = "user.revoke";
    public const string UserUnlock = "user.unlock";
    public const string TokenIssue = "token.issue";
    public const string TokenRevoke = "token.revoke";
    public const string OrganizationCreate = "organization.create";
    public const string OrganizationRename = "organization.rename";
    public const string SiteCreate = "site.create";
    public const string VocabularyAdd = "vocabulary.add";
    public const string VocabularyRename = "vocabulary.rename";
    public const string VocabularyRetire = "vocabulary.retire";
    public const string VocabularyRestore = "vocabulary.restore";
    public const string CalendarNotice = "calendar.notice";
    public const string LetterTemplate = "letter.template";
    public const string ReportSave = "report.save";
    public const string ReportPublish = "report.publish";
    public const string ReportSubmit = "report.submit";
    public const string ReportImport = "report.import";
    public const string SearchRebuild = "search.rebuild";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [RecordCreate] = "新建",
        [RecordEdit] = "修改",
        [RecordSubmit] = "提交审核",
        [RecordReturn] = "退回",
        [RecordApprove] = "审核通过",
        [RecordSchedule] = "设定发布",
        [RecordPublish] = "发布",
        [RecordWithdraw] = "撤回",
        [RecordAttach] = "上传附件",
        [RecordDetach] = "删除附件",
        [RecordImport] = "导入已发布信息",
        [RequestSubmit] = "提交申请",
        [RequestConfirm] = "确认收到申请",
        [RequestAssign] = "分办",
        [RequestCorrection] = "告知补正",
        [RequestCorrected] = "收到补正",
        [RequestAbandoned] = "逾期不补正",
        [RequestConsult] = "征求意见",
        [RequestConsulted] = "征求意见结束",
        [RequestConsultationDelivered] = "征求意见书送达",
        [RequestFeeDelivered] = "收费通知送达",
        [RequestExtend] = "延长答复期限",
        [RequestFee] = "收费通知",
        [RequestFeePaid] = "已缴费",
        [RequestFeeUnpaid] = "逾期未缴费",
        [RequestLargeVolume] = "延后答复期限（第三十五条）",
        [RequestAnswer] = "答复",
        [RequestExport] = "导出",
        [RequestErase] = "清除个人信息",
        [UserCreate] = "新建用户",
        [UserGrant] = "授予角色",
        [UserUnlock] = "解除锁定",
        [UserRevoke] = "撤销角色",
        [TokenIssue] = "签发API令牌",
        [TokenRevoke] = "吊销API令牌",
        [OrganizationCreate] = "新建机构",
        [OrganizationRename] = "修改机构名称",
        [SiteCreate] = "新建站点",
        [VocabularyAdd] = "新增词条",
        [VocabularyRename] = "修改词条",
        [VocabularyRetire] = "停用词条",
        [VocabularyRestore] = "恢复词条",
        [CalendarNotice] = "导入节假日安排",
        [LetterTemplate] = "修改文书模板",
        [ReportSave] = "保存年度报告",
        [ReportPublish] = "发布年度报告",
        [ReportSubmit] = "报送年度报告",
        [ReportImport] = "导入年度报告数据",
        [SearchRebuild] = "重建检索索引",
    };

    /// <summary>Every action and its label.</summary>
    public static IReadOnlyDictionary<string, string> All => Labels;

    /// <summary>The Chinese label of an action; the key itself for one this version does not know.</summary>
    public static string Label(string action) => Labels.TryGetValue(action, out var label) ? label : action;
}

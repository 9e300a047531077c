using System.Globalization;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages.Records;

/// <summary>
/// One record in the console: where it stands in the workflow, the moves the person may make
/// (提交审核, 审核通过 with 保密审查, 退回, 发布 now or at a time, 撤回), its attachments, its versions
/// and its history from the operation log.
/// </summary>
public sealed class ShowModel(RecordDetails details, TermDirectory terms, RecordWorkflow workflow) : ConsolePageModel
{
    public RecordDetail Detail { get; private set; } = null!;
    public Record Record => Detail.Record;
    public Revision? Open => Detail.Open;
    public IReadOnlyList<Revision> Revisions => Detail.Revisions;
    public IReadOnlyList<AuditEvent> History => Detail.History;
    public string OrganizationName => Detail.OrganizationName;
    public TermSnapshot Terms { get; private set; } = null!;
    public string? Warning => Detail.Warning;
    public RecordContent Working => Detail.Working;

    public bool CanEdit => Detail.Moves.Edit;
    public bool CanSubmit => Detail.Moves.Submit;
    public bool CanReview => Detail.Moves.Review;
    public bool CanRecall => Detail.Moves.Recall;
    public bool CanPublish => Detail.Moves.Publish;
    public bool CanWithdraw => Detail.Moves.Withdraw;
    public bool CanAttach => Detail.Moves.Attach;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct) =>
        Move(id, () => workflow.SubmitAsync(Actor, id, ct), "已提交审核。");

    public Task<IActionResult> OnPostApproveAsync(long id, bool secrecyConfirmed, string? publishAt, string? comment, CancellationToken ct) =>
        Move(id, () => workflow.ApproveAsync(Actor, id, secrecyConfirmed, ParseChinaTime(publishAt), comment, ct), "已审核通过。");

    public Task<IActionResult> OnPostReturnAsync(long id, string? comment, CancellationToken ct) =>
        Move(id, () => workflow.ReturnAsync(Actor, id, comment ?? string.Empty, ct), "已退回编辑。");

    public Task<IActionResult> OnPostPublishAsync(long id, string? publishAt, CancellationToken ct) =>
        Move(id, () => workflow.PublishAsync(Actor, id, ParseChinaTime(publishAt), ct), "已处理发布。");

    public Task<IActionResult> OnPostWithdrawAsync(long id, string? reason, CancellationToken ct) =>
        Move(id, () => workflow.WithdrawAsync(Actor, id, reason ?? string.Empty, ct), "已撤回：公开页面显示撤回说明，并已移出检索、订阅和站点地图。");

    public Task<IActionResult> OnPostAttachAsync(long id, IFormFile? file, CancellationToken ct) => RunAsync(async () =>
    {
        await LoadAsync(id, ct);
        if (file is null || file.Length == 0)
        {
            throw new DomainException("请选择要上传的附件。");
        }
        await using var stream = file.OpenReadStream();
        await workflow.AttachAsync(Actor, id, file.FileName, stream, ct);
        TempData["Message"] = "附件已上传。";
        return Redirect($"/admin/records/{id}");
    });

    public Task<IActionResult> OnPostDetachAsync(long id, int attachmentId, CancellationToken ct) => RunAsync(async () =>
    {
        await LoadAsync(id, ct);
        await workflow.DetachAsync(Actor, id, attachmentId, ct);
        TempData["Message"] = "附件已删除。";
        return Redirect($"/admin/records/{id}");
    });

    private Task<IActionResult> Move(long id, Func<Task<WorkflowResult>> move, string message) => RunAsync(async () =>
    {
        if (!await LoadAsync(id, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        var result = await move();
        TempData["Message"] = result.Warning is null ? message : $"{message} 注意：{result.Warning}";
        return Redirect($"/admin/records/{id}");
    });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        if (RouteData.Values["id"] is string text && long.TryParse(text, CultureInfo.InvariantCulture, out var id))
        {
            await LoadAsync(id, HttpContext.RequestAborted);
        }
        return Page();
    }

    /// <summary>A datetime-local value is China time; blank is "now".</summary>
    private static DateTime? ParseChinaTime(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new DomainException($"发布时间“{value}”无法识别。");
        }
        return new DateTimeOffset(local, ChinaTime.Offset).UtcDateTime;
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await details.GetAsync(Actor, id, cancellationToken) is not { } detail)
        {
            return false;
        }
        Detail = detail;
        Terms = await terms.GetAsync(cancellationToken);
        return true;
    }

    public string Person(int? id) => Detail.Person(id);

    public static string Time(DateTime? utc) =>
        utc is DateTime at ? ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : string.Empty;

    public static string ActionLabel(string action) => AuditActions.Label(action);
}

using System.Globalization;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Calendar;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Web.Areas.Admin.Pages.Records;

/// <summary>
/// One record in the console: where it stands in the workflow, the moves the person may make
/// (提交审核, 审核通过 with 保密审查, 退回, 发布 now or at a time, 撤回), its attachments, its versions
/// and its history from the operation log.
/// </summary>
public sealed class ShowModel(GongkaiDbContext db, TermDirectory terms, RecordWorkflow workflow, WorkingDayCalendar calendar, TimeProvider time)
    : ConsolePageModel
{
    public Record Record { get; private set; } = null!;
    public Revision? Open { get; private set; }
    public IReadOnlyList<Revision> Revisions { get; private set; } = [];
    public IReadOnlyList<AuditEvent> History { get; private set; } = [];
    public IReadOnlyDictionary<int, string> People { get; private set; } = new Dictionary<int, string>();
    public string OrganizationName { get; private set; } = string.Empty;
    public TermSnapshot Terms { get; private set; } = null!;
    public string? Warning { get; private set; }

    public RecordContent Working => Open?.Content ?? Record.ToContent();

    public bool CanEdit => Actor.Can(Operation.EditDraft, Record.PublisherId) && Record.State != RecordState.Withdrawn
                           && (Open is null || Open.State is RevisionState.Editing or RevisionState.Returned);
    public bool CanSubmit => Actor.Can(Operation.Submit, Record.PublisherId) && Open?.State is RevisionState.Editing or RevisionState.Returned;
    public bool CanReview => Actor.Can(Operation.Review, Record.PublisherId) && Open?.State == RevisionState.Submitted;
    public bool CanRecall => Actor.Can(Operation.Review, Record.PublisherId) && Open?.State == RevisionState.Approved;
    public bool CanPublish => Actor.Can(Operation.Publish, Record.PublisherId) && Open?.State == RevisionState.Approved;
    public bool CanWithdraw => Actor.Can(Operation.Withdraw, Record.PublisherId) && Record.State == RecordState.Published;
    public bool CanAttach => Actor.Can(Operation.EditDraft, Record.PublisherId) && Record.State != RecordState.Withdrawn;

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
        var record = await db.Records.AsNoTracking().Include(r => r.Attachments).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return false;
        }
        Actor.Demand(Operation.ViewDrafts, record.PublisherId);
        Record = record;
        Terms = await terms.GetAsync(cancellationToken);
        Revisions = await db.Revisions.AsNoTracking().Where(r => r.RecordId == id).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        Open = Revisions.FirstOrDefault(r => r.IsOpen);
        History = await db.AuditEvents.AsNoTracking().Where(e => e.RecordId == id).OrderByDescending(e => e.Sequence).Take(200).ToListAsync(cancellationToken);
        OrganizationName = await db.Organizations.Where(o => o.Id == record.PublisherId).Select(o => o.FullName).SingleAsync(cancellationToken);
        var ids = Revisions.SelectMany(r => new[] { (int?)r.AuthorId, r.SubmittedById, r.ReviewerId }).OfType<int>().Distinct().ToList();
        People = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        if (record.State != RecordState.Published || Open is not null)
        {
            Warning = Timeliness.Check(calendar, Working.GeneratedOn, record.PublishedOn ?? ChinaTime.Today(time)).Warning;
        }
        return true;
    }

    public string Person(int? id) => id is int i && People.TryGetValue(i, out var name) ? name : string.Empty;

    public static string Time(DateTime? utc) =>
        utc is DateTime at ? ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : string.Empty;

    public static string ActionLabel(string action) => action switch
    {
        "record.create" => "新建",
        "record.edit" => "修改",
        "record.submit" => "提交审核",
        "record.return" => "退回",
        "record.approve" => "审核通过",
        "record.schedule" => "设定发布",
        "record.publish" => "发布",
        "record.withdraw" => "撤回",
        "record.attach" => "上传附件",
        "record.detach" => "删除附件",
        _ => action,
    };
}

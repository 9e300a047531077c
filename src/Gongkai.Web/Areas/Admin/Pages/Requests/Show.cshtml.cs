using System.Globalization;
using Gongkai.Application.Requests;
using Gongkai.Core;
using Gongkai.Core.Requests;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages.Requests;

/// <summary>One case: the applicant, the due date with its explanation, and the moves the state allows.</summary>
public sealed class ShowModel(RequestService requests, TimeProvider time) : ConsolePageModel
{
    /// <summary>The organization's handlers, for 分办.</summary>
    public IReadOnlyList<(int Id, string Name)> Handlers => View.Handlers;

    public Task<IActionResult> OnPostAssignAsync(long id, string? department, int? handler, CancellationToken ct) =>
        Move(id, () => requests.AssignAsync(Actor, id, department ?? "", handler, ct), "已分办。");

    public CaseView View { get; private set; } = null!;
    public RequestCase Case => View.Case;
    public DateOnly Today => ChinaTime.DateOf(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        View = await requests.GetAsync(Actor, id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(long id, CancellationToken cancellationToken)
    {
        var json = await requests.ExportAsync(Actor, id, cancellationToken);
        return File(json, "application/json; charset=utf-8", $"request-{id}.json");
    }

    public Task<IActionResult> OnPostConfirmAsync(long id, DateOnly? receivedOn, CancellationToken ct) =>
        Move(id, () => requests.ConfirmAsync(Actor, id, receivedOn ?? Today, ct), "已确认收到申请，答复期限开始计算。");

    public Task<IActionResult> OnPostCorrectionAsync(long id, string? reason, DateOnly? dueBy, CancellationToken ct) =>
        Move(id, () => requests.RequestCorrectionAsync(Actor, id, reason ?? "", dueBy ?? throw new DomainException("请填写补正期限。"), ct), "已发出补正告知。");

    public Task<IActionResult> OnPostCorrectedAsync(long id, DateOnly? on, CancellationToken ct) =>
        Move(id, () => requests.ReceiveCorrectionAsync(Actor, id, on ?? Today, ct), "已登记补正，答复期限自收到补正之日起重新计算。");

    public Task<IActionResult> OnPostAbandonAsync(long id, CancellationToken ct) =>
        Move(id, () => requests.CloseForMissingCorrectionAsync(Actor, id, ct), "已按逾期不补正处理。");

    public Task<IActionResult> OnPostConsultAsync(long id, string? whom, DateOnly? on, CancellationToken ct) =>
        Move(id, () => requests.StartConsultationAsync(Actor, id, whom ?? "", on ?? Today, ct), "已开始征求意见，期间不计入答复期限。");

    public Task<IActionResult> OnPostDeliveredAsync(long id, DateOnly? on, CancellationToken ct) =>
        Move(id, () => requests.RecordConsultationDeliveryAsync(Actor, id, on ?? throw new DomainException("请填写送达日期。"), ct),
            "已登记征求意见书送达日期，被征求意见方的15个工作日自次日起计算。");

    public Task<IActionResult> OnPostConsultedAsync(long id, DateOnly? on, CancellationToken ct) =>
        Move(id, () => requests.EndConsultationAsync(Actor, id, on ?? Today, ct), "征求意见已结束，继续计算答复期限。");

    public Task<IActionResult> OnPostExtendAsync(long id, int days, string? approver, string? reason, CancellationToken ct) =>
        Move(id, () => requests.ExtendAsync(Actor, id, days, approver ?? "", reason ?? "", ct), "已延长答复期限。请将延期告知申请人。");

    public Task<IActionResult> OnPostAnswerAsync(long id, RequestOutcome? outcome, ReplyType? replyType, string? text, string? agency, string? agencyContact, CancellationToken ct) =>
        Move(id, () => requests.AnswerAsync(Actor, id, outcome ?? throw new DomainException("请选择办理结果。"),
            replyType ?? throw new DomainException("请选择答复类型。"), text ?? "", agency, agencyContact, ct), "已答复。申请人可凭查询码查看答复。");

    public Task<IActionResult> OnPostFeeAsync(long id, FeeMode mode, int? pages, string? paymentMethod, DateOnly? deliveredOn, CancellationToken ct) =>
        Move(id, () => requests.NoticeFeeAsync(Actor, id, mode, pages, paymentMethod ?? "", deliveredOn, ct),
            deliveredOn is null ? "已发出收费通知；缴费前的时间不计入答复期限。通知送达后请登记送达日期。" : "已发出收费通知；缴费前的时间不计入答复期限。");

    public Task<IActionResult> OnPostFeeDeliveredAsync(long id, DateOnly? on, CancellationToken ct) =>
        Move(id, () => requests.RecordFeeNoticeDeliveryAsync(Actor, id, on ?? throw new DomainException("请填写送达日期。"), ct),
            "已登记收费通知送达日期，申请人的20个工作日缴费期限自次日起计算。");

    public Task<IActionResult> OnPostFeePaidAsync(long id, DateOnly? on, CancellationToken ct) =>
        Move(id, () => requests.MarkFeePaidAsync(Actor, id, on ?? Today, ct), "已登记缴费，继续办理。");

    public Task<IActionResult> OnPostFeeUnpaidAsync(long id, CancellationToken ct) =>
        Move(id, () => requests.CloseForUnpaidFeeAsync(Actor, id, ct), "已按逾期未缴费处理。");

    public Task<IActionResult> OnPostLargeVolumeAsync(long id, DateOnly? due, string? reason, CancellationToken ct) =>
        Move(id, () => requests.SetLargeVolumeDeadlineAsync(Actor, id, due ?? throw new DomainException("请填写延后的答复期限。"), reason ?? "", ct), "已确定延后的答复期限，请告知申请人。");

    private Task<IActionResult> Move(long id, Func<Task> move, string message) => RunAsync(async () =>
    {
        await move();
        TempData["Message"] = message;
        return Redirect($"/admin/requests/{id}");
    });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        if (RouteData.Values["id"] is string text && long.TryParse(text, CultureInfo.InvariantCulture, out var id))
        {
            View = await requests.GetAsync(Actor, id, HttpContext.RequestAborted);
        }
        return Page();
    }

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

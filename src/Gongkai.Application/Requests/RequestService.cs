using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Gongkai.Application.Accounts;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Calendar;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Requests;

/// <summary>An application as the public form (or a handler registering a letter) fills it in.</summary>
public sealed record ApplicationForm
{
    public ApplicantKind Kind { get; init; }
    public string? Name { get; init; }
    public string? IdType { get; init; }
    public string? IdNumber { get; init; }
    public string? CreditCode { get; init; }
    public string? LegalRepresentative { get; init; }
    public string? ContactPerson { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public string? Description { get; init; }
    public string? DocumentHint { get; init; }
    public string? FormWanted { get; init; }
    public string? DeliveryMethod { get; init; }
    public string? Note { get; init; }
}

public sealed record SubmittedApplication(long Id, string CaseNumber, string QueryCode, string SiteName, string OrganizationName, DateTime SubmittedAtUtc);

/// <summary>
/// What the applicant sees when tracking: status, due date and released replies — nothing else.
/// <see cref="DueProvisional"/> is the reason the due date is only 暂定, or null when it is exact.
/// </summary>
public sealed record TrackedApplication(string CaseNumber, string OrganizationName, DateTime SubmittedAtUtc, string StateLabel,
    DateOnly? ReceivedOn, DateOnly? Due, string DueSummary, string? CorrectionReason, DateOnly? CorrectionDueOn,
    int ExtensionDays, string? Answer, DateOnly? AnsweredOn, string? ReplyType,
    decimal? FeeAmount = null, string? FeeBasis = null, DateOnly? FeeDueOn = null, DateOnly? FeePaidOn = null, string? DueProvisional = null,
    string? NextStep = null, string? FeePaymentMethod = null);

/// <summary>
/// A case as its handler sees it, with the organization's handlers (for 分办) and, while a third party
/// is consulted, the date its opinion is due (条例 Art. 32: 15 working days).
/// </summary>
public sealed record CaseView(RequestCase Case, string OrganizationName, string SiteName, DeadlineExplanation Deadline,
    WorkingDayDate? CorrectionNoticeDue, bool CorrectionNoticeLate, IReadOnlyList<AuditEvent> History,
    IReadOnlyList<(int Id, string Name)> Handlers, WorkingDayDate? ThirdPartyDue,
    WorkingDayDate? FeePaymentDue = null, string? FeePaymentMethodHint = null);

/// <summary>
/// 依申请公开: the public application and tracking, and the handler's moves, each checked against the
/// handler's role for the case's organization and written to the operation log.
/// </summary>
public sealed partial class RequestService(GongkaiDbContext db, AuditLog audit, WorkingDayCalendar calendar, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<GongkaiOptions> options, EmailSender email)
{
    /// <summary>
    /// 分办: to a department, and optionally to one of the organization's handlers, who is told by
    /// e-mail when e-mail is on.
    /// </summary>
    public async Task AssignAsync(Actor actor, long id, string department, int? handlerUserId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var c = await db.RequestCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken).ConfigureAwait(false) ?? throw new DomainException("该申请不存在。");
        string? address = null;
        if (handlerUserId is int userId)
        {
            var isHandler = await db.RoleGrants.AnyAsync(g => g.UserId == userId && g.Role == Role.RequestHandler && g.OrganizationId == c.OrganizationId, cancellationToken).ConfigureAwait(false);
            if (!isHandler)
            {
                throw new DomainException("只能分办给本单位的依申请公开办理员。");
            }
            address = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken).ConfigureAwait(false);
        }
        await MoveAsync(actor, id, AuditActions.RequestAssign, department, x => x.Assign(department, handlerUserId), cancellationToken).ConfigureAwait(false);
        if (address is not null)
        {
            var due = SafeDeadline(c);
            await email.SendAsync([address], $"新分办的政府信息公开申请 {c.CaseNumber}",
                $"您有一件新分办的政府信息公开申请：{c.CaseNumber}（{department}）。\n答复期限：{due.DueText}{(due.Provisional is string why ? $"（{why}）" : string.Empty)}。\n请登录管理后台办理：/admin/requests/{c.Id}",
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>到期提醒: e-mails each handler of the person's organizations the cases due today, soon, or overdue.</summary>
    public async Task<int> SendRemindersAsync(Actor actor, IReadOnlyList<DashboardRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(rows);
        var sent = 0;
        foreach (var row in rows.Where(r => r.Urgent.Count > 0 || r.Overdue > 0).GroupBy(r => r.OrganizationId)
                     .Select(g => g.First() with { Urgent = g.SelectMany(r => r.Urgent).ToList(), DueToday = g.Sum(r => r.DueToday), DueSoon = g.Sum(r => r.DueSoon), Overdue = g.Sum(r => r.Overdue) }))
        {
            actor.Demand(Operation.HandleRequests, row.OrganizationId);
            var handlerIds = await db.RoleGrants.Where(g => g.Role == Role.RequestHandler && g.OrganizationId == row.OrganizationId).Select(g => g.UserId).ToListAsync(cancellationToken).ConfigureAwait(false);
            var addresses = await db.Users.Where(u => handlerIds.Contains(u.Id) && u.Email != null).Select(u => u.Email!).ToListAsync(cancellationToken).ConfigureAwait(false);
            var lines = row.Urgent.Select(x => $"{x.Case.CaseNumber}　{RequestCase.Label(x.Case.State)}　期限 {x.Deadline.DueText}");
            if (await email.SendAsync(addresses, $"依申请公开到期提醒：今天到期 {row.DueToday} 件，3个工作日内到期 {row.DueSoon} 件，已逾期 {row.Overdue} 件",
                    $"{row.Organization}\n{string.Join("\n", lines)}", cancellationToken).ConfigureAwait(false))
            {
                sent += addresses.Count;
            }
        }
        return sent;
    }

    /// <summary>导出: everything the platform holds on one case, for the applicant or an auditor (JSON).</summary>
    public async Task<byte[]> ExportAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(actor, id, cancellationToken).ConfigureAwait(false);
        var c = view.Case;
        var export = new
        {
            c.CaseNumber, organization = view.OrganizationName, site = view.SiteName,
            applicant = new { kind = RequestOutcomes.Label(c.ApplicantKind), c.ApplicantName, c.IdType, c.IdNumber, c.CreditCode, c.LegalRepresentative, c.ContactPerson, c.Phone, c.Email, c.Address },
            request = new { c.Description, c.DocumentHint, c.FormWanted, c.DeliveryMethod, c.Note, channel = RequestOutcomes.Label(c.Channel), c.SubmittedAtUtc, c.ReceivedOn },
            handling = new
            {
                state = RequestCase.Label(c.State), c.CorrectionRequestedOn, c.CorrectionReason, c.CorrectionDueOn, c.CorrectionReceivedOn, pauses = c.Pauses,
                c.ExtensionDays, c.ExtensionApprover, c.ExtensionReason, c.LargeVolumeDue, fee = new { mode = c.FeeMode?.ToString(), c.FeeAmount, c.FeeBasis, c.FeePaymentMethod, c.FeeNoticeOn, feeDueOn = view.FeePaymentDue?.Date, c.FeePaidOn },
                due = view.Deadline.Due, dueProvisional = view.Deadline.Provisional, explanation = view.Deadline.Steps.Select(s => s.Text),
                outcome = c.Outcome is RequestOutcome o ? RequestOutcomes.Label(o) : null, replyType = c.ReplyType is ReplyType t ? RequestOutcomes.Label(t) : null, c.AnswerText, c.ResponsibleAgency, c.ResponsibleAgencyContact, c.AnsweredOn,
            },
            history = view.History.Select(e => new { e.Sequence, e.AtUtc, e.ActorName, e.Action, e.Reason }),
            c.ErasedAtUtc,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(actor, AuditActions.RequestExport, $"request:{id}", null, null, null, null, null, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(export, ExportJson);
    }

    private static readonly System.Text.Json.JsonSerializerOptions ExportJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// 清除过期个人信息 (管理员): erases the applicants' personal data of cases answered more than
    /// <c>Gongkai:Requests:RetentionYears</c> ago; the statistics (kind, channel, dates, outcome) stay.
    /// </summary>
    public async Task<int> EraseExpiredAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        var cutoff = Today.AddYears(-options.Value.Requests.RetentionYears);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var expired = await db.RequestCases.Where(c => c.State == RequestState.Answered && c.AnsweredOn < cutoff && c.ErasedAtUtc == null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var c in expired)
        {
            c.ErasePersonalData(Now);
        }
        await audit.AppendAsync(actor, AuditActions.RequestErase, "requests", null, null, new { count = expired.Count, before = cutoff }, $"保留期{options.Value.Requests.RetentionYears}年", null, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return expired.Count;
    }

    public const int MaxOnlinePerApplicantPerDay = 10;

    private DateTime Now => time.GetUtcNow().UtcDateTime;
    private DateOnly Today => ChinaTime.DateOf(Now);

    /// <summary>网上申请 from the public form. The 查询码 is returned once; only its hash is kept.</summary>
    public async Task<SubmittedApplication> SubmitOnlineAsync(string siteSlug, ApplicationForm form, CancellationToken cancellationToken = default)
    {
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == siteSlug, cancellationToken).ConfigureAwait(false)
                   ?? throw new DomainException($"没有标识为“{siteSlug}”的站点。");
        ArgumentNullException.ThrowIfNull(form);
        // Per applicant: a flood of online submissions from one phone number is refused here (the
        // IP limit is at the web edge); 条例 Art. 35 handles genuine large volumes through the office.
        // Compared as digits, without a +86/0086 prefix: 133-1234-5678 and +8613312345678 are one number
        // (probe finding F13). The day's online applications are few, so they are compared here.
        var phone = NormalizedPhone(form.Phone);
        var since = Now.AddHours(-24);
        var recent = await db.RequestCases.AsNoTracking().Where(c => c.Channel == RequestChannel.Online && c.SubmittedAtUtc > since)
            .Select(c => c.Phone).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (phone.Length > 0 && recent.Count(p => NormalizedPhone(p) == phone) >= MaxOnlinePerApplicantPerDay)
        {
            throw new DomainException($"同一联系电话24小时内网上提交的申请已达{MaxOnlinePerApplicantPerDay}件。请稍后再提交，或以当面、信函方式提出申请。");
        }
        return await CreateAsync(Actor.System with { Name = "申请人（网上）" }, site, form, RequestChannel.Online, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>登记: a handler registers an application that came in person, by letter or by fax.</summary>
    public async Task<SubmittedApplication> RegisterAsync(Actor actor, int siteId, ApplicationForm form, RequestChannel channel, DateOnly? receivedOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false)
                   ?? throw new DomainException("站点不存在。");
        actor.Demand(Operation.HandleRequests, site.OrganizationId);
        return await CreateAsync(actor, site, form, channel, receivedOn, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SubmittedApplication> CreateAsync(Actor actor, Site site, ApplicationForm form, RequestChannel channel, DateOnly? receivedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var applicant = Validate(form);
        var code = NewQueryCode();
        var year = Today.Year;
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == site.OrganizationId, cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var prefix = $"{organization.IndexPrefix}-{year}-";
        var count = await db.RequestCases.CountAsync(c => c.CaseNumber.StartsWith(prefix), cancellationToken).ConfigureAwait(false);
        var caseNumber = $"{prefix}{count + 1:00000}";
        var c = RequestCase.Submit(site.Id, organization.Id, caseNumber, HashCode(code), applicant, form.Description ?? string.Empty,
            form.DocumentHint, form.FormWanted ?? string.Empty, form.DeliveryMethod ?? string.Empty, form.Note, channel, Now, receivedOn);
        db.RequestCases.Add(c);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        // The log names the case, never the applicant (privacy): the content hash covers the application.
        await audit.AppendAsync(actor, AuditActions.RequestSubmit, $"request:{c.Id}", null, null,
            new { c.CaseNumber, channel = channel.ToString(), state = c.State.ToString() }, null,
            AuditLog.HashOf(form), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SubmittedApplication(c.Id, caseNumber, code, site.Name, organization.FullName, c.SubmittedAtUtc);
    }

    /// <summary>
    /// 查询: the case for this 查询码, only when the last four digits of the applicant's phone match;
    /// otherwise null, with no hint of which part was wrong.
    /// </summary>
    public async Task<TrackedApplication?> TrackAsync(string? queryCode, string? phoneLast4, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(queryCode) || string.IsNullOrWhiteSpace(phoneLast4))
        {
            return null;
        }
        var hash = HashCode(queryCode);
        var c = await db.RequestCases.AsNoTracking().SingleOrDefaultAsync(x => x.QueryCodeHash == hash, cancellationToken).ConfigureAwait(false);
        var digits = new string(c?.Phone.Where(char.IsDigit).ToArray() ?? []);
        var expected = digits.Length >= 4 ? digits[^4..] : digits;
        if (c is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(phoneLast4.Trim())))
        {
            return null;
        }
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == c.OrganizationId).Select(o => o.FullName).SingleAsync(cancellationToken).ConfigureAwait(false);
        var deadline = SafeDeadline(c);
        return new TrackedApplication(c.CaseNumber, organization, c.SubmittedAtUtc, RequestCase.Label(c.State), c.ReceivedOn,
            c.State == RequestState.Answered ? null : deadline.Due, c.State == RequestState.Answered ? "已答复" : deadline.Summary,
            c.CorrectionReason, c.CorrectionDueOn, c.ExtensionDays,
            c.AnswerForApplicant, c.AnsweredOn, c.ReplyType is ReplyType t ? RequestOutcomes.Label(t) : null,
            c.FeeAmount, c.FeeBasis, Deadline.FeePaymentDue(calendar, c)?.Date, c.FeePaidOn, c.State == RequestState.Answered ? null : deadline.Provisional, NextStep(c),
            c.FeePaymentMethod);
    }

    /// <summary>What happens next, as the applicant is told on the tracking page.</summary>
    private string? NextStep(RequestCase c)
    {
        static string D(DateOnly? d) => d?.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) ?? string.Empty;
        switch (c.State)
        {
            case RequestState.AwaitingConfirmation:
                return "本机关确认收到申请后开始计算答复期限（条例第三十一条）。";
            case RequestState.AwaitingCorrection:
                return $"请于{D(c.CorrectionDueOn)}前按补正事项补正。答复期限自本机关收到补正之日起重新计算；无正当理由逾期不补正的，视为放弃申请（条例第三十条）。";
            case RequestState.Consulting:
                var end = c.Pauses.LastOrDefault(p => p.To is null) is { } open ? Deadline.ConsultationEnd(calendar, open) : null;
                return "本机关正在征求意见，征求意见的时间不计入答复期限" + (end is null ? "" : $"；被征求意见方应于{D(end.Date)}{(end.IsProvisional ? "（暂定）" : "")}前提出意见，期满后恢复计算")
                    + "（条例第三十二条至第三十四条）。";
            case RequestState.AwaitingFee:
                var pay = Deadline.FeePaymentDue(calendar, c);
                return (pay is null ? "请自收到收费通知次日起20个工作日内缴纳信息处理费" : $"请于{D(pay.Date)}{(pay.IsProvisional ? "（暂定）" : "")}前缴纳信息处理费")
                    + "。缴费前的时间不计入答复期限；逾期未缴纳的，视为放弃申请，本机关不再处理（国办函〔2020〕109号第六条）。";
            case RequestState.Processing:
                return "本机关正在办理，将在答复期限内答复。";
            default:
                return null;
        }
    }

    public async Task<IReadOnlyList<(RequestCase Case, DeadlineExplanation Deadline)>> ListAsync(Actor actor, RequestState? state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var organizations = Permissions.Organizations(actor.Grants, Operation.HandleRequests).ToList();
        var query = db.RequestCases.AsNoTracking().Where(c => organizations.Contains(c.OrganizationId));
        if (state is RequestState s)
        {
            query = query.Where(c => c.State == s);
        }
        var cases = await query.OrderByDescending(c => c.SubmittedAtUtc).Take(500).ToListAsync(cancellationToken).ConfigureAwait(false);
        return cases.Select(c => (c, SafeDeadline(c))).ToList();
    }

    public async Task<CaseView> GetAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var c = await db.RequestCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken).ConfigureAwait(false)
                ?? throw new DomainException("该申请不存在。");
        actor.Demand(Operation.HandleRequests, c.OrganizationId);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == c.OrganizationId).Select(o => o.FullName).SingleAsync(cancellationToken).ConfigureAwait(false);
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == c.SiteId).Select(s => s.Name).SingleAsync(cancellationToken).ConfigureAwait(false);
        var subject = $"request:{id}";
        var history = await db.AuditEvents.AsNoTracking().Where(e => e.Subject == subject).OrderBy(e => e.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        var noticeDue = c.ReceivedOn is DateOnly received ? Deadline.CorrectionNoticeDue(calendar, received) : null;
        var handlerIds = await db.RoleGrants.Where(g => g.Role == Role.RequestHandler && g.OrganizationId == c.OrganizationId).Select(g => g.UserId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var handlers = await db.Users.AsNoTracking().Where(u => handlerIds.Contains(u.Id)).OrderBy(u => u.Id).Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var thirdParty = c.Pauses.LastOrDefault(p => p.To is null && p.Reason.Contains("第三方", StringComparison.Ordinal)) is { } consultation
            ? Deadline.ConsultationEnd(calendar, consultation)
            : null;
        // 缴纳方式 is usually the same on every notice of an office: the last one stated is offered again.
        var paymentMethodHint = c.FeePaymentMethod ?? await db.RequestCases.AsNoTracking()
            .Where(x => x.OrganizationId == c.OrganizationId && x.FeePaymentMethod != null).OrderByDescending(x => x.FeeNoticeOn).ThenByDescending(x => x.Id)
            .Select(x => x.FeePaymentMethod).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new CaseView(c, organization, site, SafeDeadline(c), noticeDue, c.CorrectionRequestedOn is DateOnly a && noticeDue is { IsProvisional: false } nd && a > nd.Date,
            history, handlers.Select(u => (u.Id, u.DisplayName)).ToList(), thirdParty, Deadline.FeePaymentDue(calendar, c), paymentMethodHint);
    }

    public Task ConfirmAsync(Actor actor, long id, DateOnly receivedOn, CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestConfirm, null, c => c.Confirm(receivedOn), ct);

    public Task RequestCorrectionAsync(Actor actor, long id, string reason, DateOnly dueBy, CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestCorrection, reason, c => c.RequestCorrection(Today, reason, dueBy,
            c.ReceivedOn is DateOnly received ? Deadline.CorrectionNoticeDue(calendar, received).Date : null), ct);

    public Task ReceiveCorrectionAsync(Actor actor, long id, DateOnly on, CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestCorrected, null, c => c.ReceiveCorrection(on), ct);

    public Task CloseForMissingCorrectionAsync(Actor actor, long id, CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestAbandoned, null, c => c.CloseForMissingCorrection(Today), ct);

    public Task StartConsultationAsync(Actor actor, long id, string whom, DateOnly on, CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestConsult, whom, c => c.StartConsultation(on, whom), ct);

    /// <summary>The day the consultation letter was received (Art. 32, 34: the 15 working days run from the next day); not in the future.</summary>
    public Task RecordConsultationDeliveryAsync(Actor actor, long id, DateOnly on, CancellationToken ct = default) =>
        on > Today
            ? throw new DomainException($"送达日期（{on:yyyy-MM-dd}）不能晚于今天。")
            : MoveAsync(actor, id, AuditActions.RequestConsultationDelivered, on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                c => c.RecordConsultationDelivery(on), ct);

    public Task EndConsultationAsync(Actor actor, long id, DateOnly on, CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestConsulted, null, c => c.EndConsultation(on), ct);

    public Task ExtendAsync(Actor actor, long id, int days, string approver, string reason, CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestExtend, reason, c => c.Extend(days, approver, reason, Today), ct);

    /// <summary>
    /// 收费通知: per request, the price of this request among the applicant's requests to this
    /// organization in the calendar month of receipt; per page, by the number of pages.
    /// </summary>
    public async Task<decimal> NoticeFeeAsync(Actor actor, long id, FeeMode mode, int? pages, string paymentMethod, DateOnly? deliveredOn, CancellationToken ct = default)
    {
        if (deliveredOn > Today)
        {
            throw new DomainException($"送达日期（{deliveredOn:yyyy-MM-dd}）不能晚于今天。");
        }
        ArgumentNullException.ThrowIfNull(actor);
        var c = await db.RequestCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false) ?? throw new DomainException("该申请不存在。");
        decimal amount;
        string basis;
        if (mode == FeeMode.PerPage)
        {
            var count = pages is > 0 ? pages.Value : throw new DomainException("按量计收须填写页数。");
            amount = ProcessingFee.PerPage(count);
            basis = $"按量计收：共{count}页（30页以下免费，31–100页每页10元，101–200页每页20元，201页以上每页40元）";
        }
        else
        {
            var received = c.ReceivedOn ?? throw new DomainException("申请尚未确认收到。");
            var monthStart = new DateOnly(received.Year, received.Month, 1);
            var monthEnd = monthStart.AddMonths(1);
            var identity = c.IdNumber ?? c.CreditCode ?? c.Phone;
            var ordinal = await db.RequestCases.AsNoTracking().CountAsync(x => x.OrganizationId == c.OrganizationId
                && (x.IdNumber ?? x.CreditCode ?? x.Phone) == identity && x.ReceivedOn >= monthStart && x.ReceivedOn < monthEnd
                && (x.ReceivedOn < received || (x.ReceivedOn == received && x.Id <= c.Id)), ct).ConfigureAwait(false);
            amount = ProcessingFee.PriceOfRequest(ordinal);
            basis = $"按件计收：本申请为该申请人{received:yyyy年M月}向本机关提出的第{ordinal}件（每月前10件免费，11–30件每件100元，之后每10件加收100元）";
        }
        await MoveAsync(actor, id, AuditActions.RequestFee, basis, x => x.NoticeFee(mode, amount, basis, paymentMethod, Today, SafeDeadline(x).Due, deliveredOn), ct).ConfigureAwait(false);
        return amount;
    }

    public Task MarkFeePaidAsync(Actor actor, long id, DateOnly on, CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestFeePaid, null, c => c.MarkFeePaid(on), ct);

    public Task CloseForUnpaidFeeAsync(Actor actor, long id, CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestFeeUnpaid, null, c => c.CloseForUnpaidFee(Today, Deadline.FeePaymentDue(calendar, c)?.Date), ct);

    /// <summary>The day the fee notice reached the applicant (国办函〔2020〕109号 Art. 6: 20 working days to pay from the next day); not in the future.</summary>
    public Task RecordFeeNoticeDeliveryAsync(Actor actor, long id, DateOnly on, CancellationToken ct = default) =>
        on > Today
            ? throw new DomainException($"送达日期（{on:yyyy-MM-dd}）不能晚于今天。")
            : MoveAsync(actor, id, AuditActions.RequestFeeDelivered, on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                c => c.RecordFeeNoticeDelivery(on), ct);

    /// <summary>Art. 35: a later deadline for an unreasonably large volume.</summary>
    public Task SetLargeVolumeDeadlineAsync(Actor actor, long id, DateOnly due, string reason, CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestLargeVolume, Require.Text(reason, "理由"), c => c.SetLargeVolumeDeadline(due, Today), ct);

    public Task AnswerAsync(Actor actor, long id, RequestOutcome outcome, ReplyType replyType, string text, CancellationToken ct = default) =>
        AnswerAsync(actor, id, outcome, replyType, text, null, null, ct);

    /// <summary>答复; for 不属于本机关负责公开, the responsible agency and its contact when the office can name it (Art. 36(5)).</summary>
    public Task AnswerAsync(Actor actor, long id, RequestOutcome outcome, ReplyType replyType, string text, string? responsibleAgency, string? responsibleAgencyContact,
        CancellationToken ct = default) =>
        MoveAsync(actor, id, AuditActions.RequestAnswer, null, c => c.Answer(outcome, replyType, text, Today, responsibleAgency, responsibleAgencyContact), ct);

    private async Task MoveAsync(Actor actor, long id, string action, string? reason, Action<RequestCase> move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.RequestCases.SingleOrDefaultAsync(x => x.Id == id, cancellationToken).ConfigureAwait(false)
                ?? throw new DomainException("该申请不存在。");
        actor.Demand(Operation.HandleRequests, c.OrganizationId);
        var before = new { state = c.State.ToString(), due = SafeDeadline(c).Due };
        move(c);
        var after = new { state = c.State.ToString(), due = SafeDeadline(c).Due, outcome = c.Outcome?.ToString() };
        await audit.AppendAsync(actor, action, $"request:{c.Id}", null, before, after, reason, null, cancellationToken).ConfigureAwait(false);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new DomainConflictException("这件申请刚被其他人处理过，请刷新后重试。", e);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private DeadlineExplanation SafeDeadline(RequestCase c) => Deadline.ComputeOrExplain(calendar, c.DeadlineInputs);

    /// <summary>A phone number as digits only, without the country code 86 (+86, 0086) of a mobile number.</summary>
    public static string NormalizedPhone(string? phone)
    {
        var digits = new string((phone ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.Length == 13 && digits.StartsWith("861", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        return digits;
    }

    /// <summary>The longest each field of the form may be, with its label (probe finding F13: 200,000 characters were stored).</summary>
    public static readonly IReadOnlyList<(Func<ApplicationForm, string?> Field, int Max, string Label)> Limits =
    [
        (f => f.Name, 100, "姓名或名称"), (f => f.IdType, 20, "证件类型"), (f => f.IdNumber, 40, "证件号码"), (f => f.CreditCode, 18, "统一社会信用代码"),
        (f => f.LegalRepresentative, 100, "法定代表人或负责人"), (f => f.ContactPerson, 100, "联系人"), (f => f.Phone, 20, "联系电话"),
        (f => f.Email, 254, "电子邮箱"), (f => f.Address, 200, "通信地址"), (f => f.Description, 2000, "所需信息的名称或特征性描述"),
        (f => f.DocumentHint, 100, "文号"), (f => f.FormWanted, 50, "提供形式"), (f => f.DeliveryMethod, 50, "获取方式"), (f => f.Note, 1000, "备注"),
    ];

    /// <summary>条例 Art. 29: who applies, with identity and contact; checked here with Chinese messages.</summary>
    public static Applicant Validate(ApplicationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        foreach (var (field, max, label) in Limits)
        {
            if (field(form)?.Trim() is { Length: var length } && length > max)
            {
                throw new DomainException($"{label}不能超过{max}个字（现为{length}个字）。");
            }
        }
        if (!Enum.IsDefined(form.Kind))
        {
            throw new DomainException("请选择申请人类型。");
        }
        var phone = Require.Text(form.Phone, "联系电话");
        if (!PhonePattern().IsMatch(phone))
        {
            throw new DomainException("联系电话格式不对：请填写手机号或带区号的固定电话。");
        }
        var email = string.IsNullOrWhiteSpace(form.Email) ? null : form.Email.Trim();
        if (email is not null && !EmailPattern().IsMatch(email))
        {
            throw new DomainException("电子邮箱格式不对。");
        }
        if (form.Kind == ApplicantKind.NaturalPerson)
        {
            var idType = Require.Text(form.IdType, "证件类型");
            var idNumber = Require.Text(form.IdNumber, "证件号码");
            if (idType == "居民身份证" && !IdCardPattern().IsMatch(idNumber))
            {
                throw new DomainException("居民身份证号码应为18位（最后一位可以是X）。");
            }
            return new Applicant(form.Kind, Require.Text(form.Name, "姓名"), phone, idType, idNumber.ToUpperInvariant(), null, null, null, email, form.Address?.Trim());
        }
        // 条例 Art. 29 asks a legal person or other organization for its name, proof of identity and a way
        // to reach it: the credit code is that proof; an 其他组织 without one proves itself by its head's
        // identity document. 法定代表人 and 联系人 are welcome, not required.
        var name = Require.Text(form.Name, "名称");
        var legal = string.IsNullOrWhiteSpace(form.LegalRepresentative) ? null : form.LegalRepresentative.Trim();
        var contact = string.IsNullOrWhiteSpace(form.ContactPerson) ? null : form.ContactPerson.Trim();
        if (string.IsNullOrWhiteSpace(form.CreditCode))
        {
            if (form.Kind != ApplicantKind.OtherOrganization)
            {
                throw new DomainException("请填写统一社会信用代码。");
            }
            if (string.IsNullOrWhiteSpace(form.IdNumber))
            {
                throw new DomainException("请填写统一社会信用代码；没有统一社会信用代码的其他组织，请填写负责人的证件类型和号码作为身份证明（条例第二十九条）。");
            }
            var headIdType = Require.Text(form.IdType, "证件类型");
            var headId = form.IdNumber.Trim();
            if (headIdType == "居民身份证" && !IdCardPattern().IsMatch(headId))
            {
                throw new DomainException("居民身份证号码应为18位（最后一位可以是X）。");
            }
            return new Applicant(form.Kind, name, phone, headIdType, headId.ToUpperInvariant(), null, legal, contact, email, form.Address?.Trim());
        }
        var (code, kind) = OrganizationCode.Validate(form.CreditCode);
        if (kind != OrganizationCodeKind.CreditCode)
        {
            throw new DomainException("请填写18位统一社会信用代码。");
        }
        return new Applicant(form.Kind, name, phone, null, null, code, legal, contact, email, form.Address?.Trim());
    }

    /// <summary>A 12-character code without look-alike characters, shown as XXXX-XXXX-XXXX.</summary>
    public static string NewQueryCode()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 12);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    public static string HashCode(string code) =>
        AuditEvent.Sha256(new string(code.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant());

    [GeneratedRegex(@"^[0-9+\-() ]{7,20}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\d{17}[\dXx]$")]
    private static partial Regex IdCardPattern();
}

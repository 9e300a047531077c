using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using Gongkai.Application.Accounts;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Calendar;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Requests;

/// <summary>A letter ready to print or download: the title, the case number, the paragraphs, the office and the date.</summary>
public sealed record Letter(LetterKind Kind, string Title, string CaseNumber, string Office, IReadOnlyList<string> Paragraphs, string Date);

/// <summary>
/// The case's letters (受理回执, 补正告知书, 延期答复告知书, 第三方意见征询函, 答复告知书) from the
/// administrator's templates or the built-in ones, as printable HTML and as .docx (OpenXml).
/// </summary>
public sealed class RequestLetters(GongkaiDbContext db, WorkingDayCalendar calendar, AuditLog audit, TimeProvider time)
{
    public async Task<Letter> RenderAsync(Actor actor, long caseId, LetterKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var c = await db.RequestCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken).ConfigureAwait(false)
                ?? throw new DomainException("该申请不存在。");
        actor.Demand(Operation.HandleRequests, c.OrganizationId);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == c.OrganizationId).Select(o => new { o.FullName, o.ReconsiderationBody })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var office = organization.FullName;
        var missing = kind switch
        {
            LetterKind.Acknowledgement when c.ReceivedOn is null => "申请尚未确认收到",
            LetterKind.CorrectionNotice when c.CorrectionReason is null => "尚未发出补正告知",
            LetterKind.ExtensionNotice when c.ExtensionDays == 0 => "尚未延期",
            LetterKind.ThirdPartyConsultation when !c.Pauses.Any(Deadline.IsConsultation) => "尚未征求意见",
            LetterKind.Answer when c.Outcome is null => "尚未答复",
            LetterKind.FeeNotice when c.FeeMode is null => "尚未发出收费通知",
            _ => null,
        };
        if (missing is not null)
        {
            throw new DomainConflictException($"{missing}，还不能出具《{Letters.Title(kind)}》。");
        }
        var template = await db.LetterTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind, cancellationToken).ConfigureAwait(false);
        var deadline = Deadline.ComputeOrExplain(calendar, c.DeadlineInputs);
        static string D(DateOnly? d) => d is DateOnly x ? x.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : "";
        // A date in a year without a holiday notice is printed, marked 暂定 with its reason (a letter printed
        // after the notice is imported carries the exact date).
        static string Provisional(string? reason) => reason is null ? "" : $"（暂定：{reason}）";
        var today = ChinaTime.DateOf(time.GetUtcNow().UtcDateTime);
        var date = kind == LetterKind.Answer && c.AnsweredOn is DateOnly answered ? answered : today;
        var consultation = c.Pauses.LastOrDefault(Deadline.IsConsultation); // never the wait for a fee
        var values = new Dictionary<string, string>
        {
            ["机关名称"] = office,
            ["申请编号"] = c.CaseNumber,
            ["申请人"] = c.ApplicantName,
            ["提交日期"] = D(ChinaTime.DateOf(c.SubmittedAtUtc)),
            ["收到日期"] = D(c.ReceivedOn),
            ["所需信息"] = c.Description,
            ["补正事项"] = c.CorrectionReason ?? "",
            ["补正期限"] = D(c.CorrectionDueOn),
            ["延长天数"] = c.ExtensionDays.ToString(CultureInfo.InvariantCulture),
            ["延期理由"] = c.ExtensionReason ?? "",
            ["答复期限"] = deadline.Due is DateOnly due ? D(due) + Provisional(deadline.Provisional) : deadline.Summary,
            ["征询对象"] = consultation?.Reason.Replace("征求", "", StringComparison.Ordinal).Replace("意见", "", StringComparison.Ordinal) ?? "",
            ["第三方答复期限"] = consultation is null ? "" : Deadline.ConsultationEnd(calendar, consultation) is var tp ? D(tp.Date) + Provisional(tp.Provisional) : "",
            ["办理结果"] = c.Outcome is RequestOutcome o ? RequestOutcomes.Label(o) : "",
            ["答复内容"] = c.AnswerForApplicant ?? "",
            ["收费金额"] = c.FeeAmount?.ToString("0", CultureInfo.InvariantCulture) ?? "",
            ["计费依据"] = c.FeeBasis ?? "",
            ["缴纳方式"] = c.FeePaymentMethod ?? "",
            ["缴费期限"] = Deadline.FeePaymentDue(calendar, c) is { } pay ? "即" + D(pay.Date) + "前" + Provisional(pay.Provisional) : "自送达次日起计算",
            ["法律依据"] = Letters.LegalBasis(kind, c.Outcome, c.ReplyType),
            ["救济途径"] = Letters.Remedies(c.Outcome, date, organization.ReconsiderationBody),
            ["日期"] = D(date),
        };
        // A template saved before a part became required is set aside for the built-in text rather than print a letter without it.
        var body = Letters.Fill(template is not null && Letters.IsComplete(kind, template.Body) ? template.Body : Letters.DefaultBody(kind), values);
        return new Letter(kind, Letters.Title(kind), c.CaseNumber, office, body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList(), D(date));
    }

    /// <summary>The letter as a .docx: title centred, case number, paragraphs, and the office and date at the right.</summary>
    public static byte[] Docx(Letter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return Documents.Docx.Create(body =>
        {
            body.Append(Documents.Docx.Paragraph(letter.Title, JustificationValues.Center, bold: true, size: 36));
            body.Append(Documents.Docx.Paragraph($"申请编号：{letter.CaseNumber}", JustificationValues.Right, size: 24));
            var closing = new HashSet<string>(StringComparer.Ordinal) { letter.Office, letter.Date };
            foreach (var paragraph in letter.Paragraphs)
            {
                body.Append(Documents.Docx.Paragraph(paragraph, closing.Contains(paragraph) ? JustificationValues.Right : JustificationValues.Both, size: 28));
            }
        });
    }

    public async Task<IReadOnlyDictionary<LetterKind, string>> TemplatesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        var stored = await db.LetterTemplates.AsNoTracking().ToDictionaryAsync(t => t.Kind, t => t.Body, cancellationToken).ConfigureAwait(false);
        return Enum.GetValues<LetterKind>().ToDictionary(k => k, k => stored.GetValueOrDefault(k) ?? Letters.DefaultBody(k));
    }

    /// <summary>The longest template kept (the built-in ones are under 1,000).</summary>
    public const int TemplateMaxLength = 8000;

    /// <summary>An administrator changes a template (blank restores the built-in text).</summary>
    public async Task SaveTemplateAsync(Actor actor, LetterKind kind, string? body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var template = await db.LetterTemplates.SingleOrDefaultAsync(t => t.Kind == kind, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        if (body?.Replace("\r\n", "\n", StringComparison.Ordinal).Length > TemplateMaxLength)
        {
            throw new DomainException($"模板内容最多{TemplateMaxLength}个字符。");
        }
        if (string.IsNullOrWhiteSpace(body))
        {
            if (template is not null)
            {
                db.LetterTemplates.Remove(template);
            }
        }
        else if (template is null)
        {
            db.LetterTemplates.Add(new LetterTemplate(kind, body.Replace("\r\n", "\n", StringComparison.Ordinal), now, actor.Name));
        }
        else
        {
            template.Change(body.Replace("\r\n", "\n", StringComparison.Ordinal), now, actor.Name);
        }
        await audit.AppendAsync(actor, AuditActions.LetterTemplate, $"letter:{kind}", null, null, null, null, body is null ? null : AuditLog.HashOf(body), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}

using Gongkai.Application.Accounts;
using Gongkai.Core;
using Gongkai.Core.Editorial;
using Gongkai.Core.Reports;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Reports;

/// <summary>What the console shows of a year's report so far.</summary>
public sealed record AnnualReportDraft(int OrganizationId, string Organization, int Year, RequestTable Table3, IReadOnlyList<string> Problems,
    int RecordsPublished, int RecordsLate, int RequestsAnswered, int RequestsAnsweredOnTime);

/// <summary>
/// 年度报告 (条例 Arts. 49–50), built from the platform's own data. So far: table 3 entirely from the
/// request cases, with its balance check, and the figures the text sections draw on. Tables 2 and 4,
/// the editable text, publication and exports are still to come (issue 6).
/// </summary>
public sealed class AnnualReportBuilder(GongkaiDbContext db, Core.Calendar.WorkingDayCalendar calendar)
{
    public async Task<AnnualReportDraft> BuildAsync(Actor actor, int organizationId, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdministrator && !actor.Can(Operation.HandleRequests, organizationId) && !actor.Can(Operation.Review, organizationId))
        {
            throw new DomainForbiddenException("您没有查看该单位年度报告的权限。");
        }
        if (year is < 2008 or > 2100)
        {
            throw new DomainException("年份无效。");
        }
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.FullName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                           ?? throw new DomainException("该单位不存在。");
        var cases = await db.RequestCases.AsNoTracking().Where(c => c.OrganizationId == organizationId)
            .Select(c => new { c.ApplicantKind, c.ReceivedOn, c.AnsweredOn, c.Outcome, c.CorrectionReceivedOn, c.Pauses, c.ExtensionDays, c.LargeVolumeDue })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var table = RequestTable.Build(cases.Select(c => (c.ApplicantKind, c.ReceivedOn, c.AnsweredOn, c.Outcome)), year);
        var answered = cases.Where(c => c.AnsweredOn?.Year == year).ToList();
        var onTime = answered.Count(c => Core.Requests.Deadline.ComputeOrExplain(calendar,
            new Core.Requests.DeadlineInputs(c.ReceivedOn, c.CorrectionReceivedOn, c.Pauses, c.ExtensionDays, c.LargeVolumeDue)).Due is DateOnly due && c.AnsweredOn <= due);
        var start = ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1));
        var end = ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 1, 1));
        var published = await db.Records.AsNoTracking()
            .Where(r => r.PublisherId == organizationId && r.State != Core.Catalog.RecordState.Draft && r.PublishedAtUtc >= start && r.PublishedAtUtc < end)
            .Select(r => r.PublishedLate).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AnnualReportDraft(organizationId, organization, year, table, table.Check(), published.Count, published.Count(l => l == true), answered.Count, onTime);
    }
}

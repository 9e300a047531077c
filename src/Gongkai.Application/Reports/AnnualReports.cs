using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Calendar;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Core.Reports;
using Gongkai.Core.Requests;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Reports;

/// <summary>The figures of a year the text sections draw on.</summary>
public sealed record YearFigures(
    int RecordsPublished, int RecordsLate, int RecordsUnjudged,
    int RequestsAnswered, int RequestsAnsweredOnTime, int RequestsUnjudged,
    decimal FeesCollectedYuan, int FeeCases, int ChangesPublished = 0, int ChangesLate = 0, int ChangesUnjudged = 0)
{
    public int RecordsOnTime => RecordsPublished - RecordsLate - RecordsUnjudged;

    /// <summary>Dated changes (效力状况) published within Art. 26's 20 working days of the change.</summary>
    public int ChangesOnTime => ChangesPublished - ChangesLate - ChangesUnjudged;
}

/// <summary>The three text sections (一、五、六).</summary>
public sealed record ReportTexts(string Overview, string Problems, string OtherMatters);

/// <summary>A year's report as the console shows it and as it is published and exported.</summary>
public sealed record AnnualReportView(
    int OrganizationId, string Organization, int Year,
    ProactiveTable Table2, RequestTable Table3, ReviewAndLitigationTable Table4,
    ReportTexts Texts, ReportTexts Drafts, YearFigures Figures,
    IReadOnlyList<string> Problems,
    long? RecordId, string? RecordUrl, DateTime? PublishedAtUtc, bool HasUnpublishedChanges, int Version,
    ReportSupervision? Supervision = null)
{
    public string Title => $"{Organization}{Year}年政府信息公开工作年度报告";

    public bool Balances => Problems.Count == 0;
}

/// <summary>
/// The report between a department and its 政府信息公开工作主管部门 (条例 Art. 49): a department submits
/// its report to the 主管部门 — the nearest people's government above it — and publishes it by 31
/// January; the 主管部门 publishes the government's report by 31 March and sees, on it, how far each of
/// its departments has come.
/// </summary>
/// <param name="Supervisor">The 主管部门 this organization submits to; null for a government or an organization without one.</param>
/// <param name="Departments">For a government: the organizations that submit to it.</param>
public sealed record ReportSupervision(string? Supervisor, DateTime? SubmittedAtUtc, bool HasUnsubmittedChanges, IReadOnlyList<DepartmentReportStatus> Departments);

/// <summary>One department's report of the year as its 主管部门 sees it.</summary>
public sealed record DepartmentReportStatus(int OrganizationId, string Organization, bool Started, DateTime? SubmittedAtUtc, DateTime? PublishedAtUtc)
{
    public string Status => PublishedAtUtc is not null ? "已发布" : SubmittedAtUtc is not null ? "已报送" : Started ? "填写中" : "未开始";
}

/// <summary>What the office enters: table 2's decision counts and fees, table 4, and the text sections.</summary>
public sealed record AnnualReportInput(EnteredFigures Figures, ReviewAndLitigationTable Table4, string? Overview, string? Problems, string? OtherMatters, int? Version = null);

/// <summary>One organization whose report for the previous year is not yet published (条例 Art. 49: by 31 January, a government's by 31 March).</summary>
public sealed record ReportReminder(int OrganizationId, string Organization, int Year, DateOnly Due, bool Overdue, bool Started,
    string? Supervisor = null, bool Submitted = false, int DepartmentsNotSubmitted = 0);

/// <summary>
/// 年度报告 (条例 Arts. 49–50, 国办公开办函〔2021〕30号), built from the platform's own data: table 2's
/// 规章 and 行政规范性文件 from the catalog, table 3 entirely from the request cases, tables 2 (the
/// decision counts and fees) and 4 and the text sections as the office enters them. Every balance
/// rule is checked; an unbalanced report is not published. Published as a 报告 record in the
/// 政府信息公开年报 column.
/// </summary>
public sealed class AnnualReports(
    GongkaiDbContext db,
    WorkingDayCalendar calendar,
    RecordWorkflow workflow,
    TermDirectory terms,
    AuditLog audit,
    TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The organizations whose reports and statistics the person may read (<see cref="Operation.ReadReports"/>:
    /// their reviewers and request handlers, and administrators), in their order.
    /// </summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> ReadableOrganizationsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var all = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.FullName }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return all.Where(o => actor.Can(Operation.ReadReports, o.Id)).Select(o => (o.Id, o.FullName)).ToList();
    }

    public async Task<AnnualReportView> BuildAsync(Actor actor, int organizationId, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ReadReports, organizationId);
        CheckYear(year);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.FullName)
                               .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                           ?? throw new DomainException("该单位不存在。");
        var stored = await db.AnnualReports.AsNoTracking().SingleOrDefaultAsync(r => r.OrganizationId == organizationId && r.Year == year, cancellationToken).ConfigureAwait(false);
        return await ComposeAsync(organizationId, organization, year, stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves what the office entered. An unbalanced table can be saved as a draft; it cannot be published.</summary>
    public async Task<AnnualReportView> SaveAsync(Actor actor, int organizationId, int year, AnnualReportInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Operation.PublishReports, organizationId);
        CheckYear(year);
        // A section sent back exactly as drafted stays a draft, so it keeps following the data until
        // somebody really edits it.
        var drafts = (await BuildAsync(actor, organizationId, year, cancellationToken).ConfigureAwait(false)).Drafts;
        static string? Edited(string? posted, string draft) =>
            posted is not null && posted.Trim().ReplaceLineEndings("\n") == draft ? null : posted;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var report = await LoadOrCreateAsync(organizationId, year, cancellationToken).ConfigureAwait(false);
            if (input.Version is int version && report.Id != 0 && version != report.Version)
            {
                throw new DomainConflictException("这份年度报告已被他人修改，请刷新页面后重新填写。");
            }
            var before = report.Id == 0 ? null : Snapshot(report);
            report.Enter(input.Figures, input.Table4, Edited(input.Overview, drafts.Overview), Edited(input.Problems, drafts.Problems),
                Edited(input.OtherMatters, drafts.OtherMatters), Now);
            await audit.AppendAsync(actor, AuditActions.ReportSave, Subject(organizationId, year), report.RecordId, before, Snapshot(report), null, null, cancellationToken).ConfigureAwait(false);
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return await BuildAsync(actor, organizationId, year, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>导入: table 2's entered figures and table 4 from an .xlsx in the export's layout; the text stays.</summary>
    public async Task<AnnualReportView> ImportAsync(Actor actor, int organizationId, int year, Stream xlsx, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.PublishReports, organizationId);
        CheckYear(year);
        var (figures, table4) = ReportDocument.ReadEntered(xlsx);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var report = await LoadOrCreateAsync(organizationId, year, cancellationToken).ConfigureAwait(false);
            var before = report.Id == 0 ? null : Snapshot(report);
            report.EnterFigures(figures, table4, Now);
            await audit.AppendAsync(actor, AuditActions.ReportImport, Subject(organizationId, year), report.RecordId, before, Snapshot(report), null, null, cancellationToken).ConfigureAwait(false);
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return await BuildAsync(actor, organizationId, year, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// 发布: refuses a report that does not balance, naming every failing row and column; otherwise
    /// publishes it (or its new version) as a 报告 record in the 年报 column of the organization's site.
    /// </summary>
    public async Task<AnnualReportView> PublishAsync(Actor actor, int organizationId, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.PublishReports, organizationId);
        CheckYear(year);
        var view = await BuildAsync(actor, organizationId, year, cancellationToken).ConfigureAwait(false);
        if (!view.Balances)
        {
            throw new DomainException("年度报告不平衡，不能发布：" + string.Join("", view.Problems));
        }
        var today = ChinaTime.DateOf(Now);
        if (today.Year <= year)
        {
            throw new DomainException($"{year}年度尚未结束，年度报告须在次年1月1日以后发布。");
        }
        var siteId = await db.Sites.AsNoTracking().Where(s => s.OrganizationId == organizationId)
                         .OrderBy(s => s.ParentId == null ? 0 : 1).ThenBy(s => s.SortOrder)
                         .Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                     ?? throw new DomainException("该单位没有站点，年度报告无处发布，请先在“机构与站点”中为它建立站点。");
        var content = await ContentAsync(view, today, cancellationToken).ConfigureAwait(false);
        var report = await LoadOrCreateAsync(organizationId, year, cancellationToken).ConfigureAwait(false);
        var before = report.Id == 0 ? null : Snapshot(report);
        if (report.Id == 0)
        {
            // Published as built: the drafts become the stored text.
            report.Enter(EnteredFigures.None, ReviewAndLitigationTable.Empty, view.Texts.Overview, view.Texts.Problems, view.Texts.OtherMatters, Now);
        }
        // The Word and Excel versions go with it as 文件下载, replacing those of an earlier version;
        // the report is marked published in the same transaction as the record.
        var files = new List<(string, byte[])> { ($"{view.Title}.docx", ReportDocument.Docx(view)), ($"{view.Title}.xlsx", ReportDocument.Xlsx(view)) };
        await workflow.PublishBuiltAsync(actor, siteId, organizationId, report.RecordId, content,
            report.IsPublished ? "年度报告修订后重新发布" : "年度报告经勾稽检查后发布", files, async recordId =>
            {
                report.MarkPublished(recordId, Now);
                await audit.AppendAsync(actor, AuditActions.ReportPublish, Subject(organizationId, year), recordId, before, Snapshot(report), null,
                    AuditLog.HashOf(content), cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        return await BuildAsync(actor, organizationId, year, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The reports of last year not yet published, for the organizations the person may publish for,
    /// from 1 January (条例 Art. 49: by 31 January) until each is published.
    /// </summary>
    public async Task<IReadOnlyList<ReportReminder>> RemindersAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var today = ChinaTime.DateOf(Now);
        var year = today.Year - 1;
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.FullName, o.Kind }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var reports = await db.AnnualReports.AsNoTracking().Where(r => r.Year == year)
            .Select(r => new { r.OrganizationId, r.RecordId, r.SubmittedAtUtc }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var tree = await SupervisorsAsync(cancellationToken).ConfigureAwait(false);
        // A department is reminded to submit to its 主管部门 as well; a 主管部门, how many of its departments have not.
        int NotSubmitted(int government) => tree.Count(o => o.Value.Supervisor == government
                                                            && reports.FirstOrDefault(r => r.OrganizationId == o.Key) is not { SubmittedAtUtc: not null });
        return organizations.Where(o => actor.Can(Operation.PublishReports, o.Id))
            .Select(o => (o, report: reports.FirstOrDefault(r => r.OrganizationId == o.Id)))
            .Where(x => x.report?.RecordId is null)
            .Select(x => (x.o, x.report, due: AnnualReport.DueDate(x.o.Kind, year)))
            .Select(x => new ReportReminder(x.o.Id, x.o.FullName, year, x.due, today > x.due, x.report is not null,
                tree[x.o.Id].Supervisor is int s ? tree[s].Name : null, x.report?.SubmittedAtUtc is not null,
                x.o.Kind == OrganizationKind.Government ? NotSubmitted(x.o.Id) : 0))
            .ToList();
    }

    private async Task<AnnualReportView> ComposeAsync(int organizationId, string organization, int year, AnnualReport? stored, CancellationToken cancellationToken)
    {
        // Table 2: 规章 and 行政规范性文件 of this organization in the catalog (published, not withdrawn).
        var ended = await db.Terms.AsNoTracking()
            .Where(t => t.Vocabulary == Vocabulary.EffectStatus && (t.Key == TermKeys.Repealed || t.Key == TermKeys.Expired))
            .Select(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var documents = await db.Records.AsNoTracking()
            .Where(r => r.PublisherId == organizationId && r.DocumentKind != DocumentKind.Other && r.State == RecordState.Published)
            .Select(r => new { r.DocumentKind, r.GeneratedOn, r.EffectStatusId, r.EffectStatusChangedOn, r.ValidUntil })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var catalog = documents.Select(d => new CatalogDocument(d.DocumentKind, d.GeneratedOn, ended.Contains(d.EffectStatusId), d.EffectStatusChangedOn, d.ValidUntil)).ToList();
        var entered = stored?.Figures ?? EnteredFigures.None;
        var table2 = new ProactiveTable(
            ProactiveTable.Count(catalog, DocumentKind.Regulation, year),
            ProactiveTable.Count(catalog, DocumentKind.NormativeDocument, year),
            entered.Licensing, entered.Penalties, entered.Enforcement, entered.FeesTenThousandYuan);

        // Table 3 and the request figures.
        var cases = await db.RequestCases.AsNoTracking().Where(c => c.OrganizationId == organizationId)
            .Select(c => new { c.ApplicantKind, c.ReceivedOn, c.AnsweredOn, c.Outcome, Inputs = c.DeadlineInputs, c.FeeAmount, c.FeePaidOn })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var table3 = RequestTable.Build(cases.Select(c => (c.ApplicantKind, c.ReceivedOn, c.AnsweredOn, c.Outcome)), year);
        var answered = cases.Where(c => c.AnsweredOn?.Year == year).ToList();
        var judged = answered.Select(c => Deadline.AnsweredOnTime(calendar, c.Inputs, c.AnsweredOn!.Value)).ToList();
        var fees = cases.Where(c => c.FeePaidOn?.Year == year && c.FeeAmount is not null).ToList();

        // Catalog records published in the year and the 条例 Art. 26 judgement made at their first publication.
        var start = ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1));
        var end = ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 1, 1));
        var published = await db.Records.AsNoTracking()
            .Where(r => r.PublisherId == organizationId && r.State != RecordState.Draft && r.Column == SectionColumn.Catalog && r.PublishedAtUtc >= start && r.PublishedAtUtc < end)
            .Select(r => r.PublishedLate).ToListAsync(cancellationToken).ConfigureAwait(false);
        // And the dated changes of its catalog records published in the year, timed at their publication.
        var changes = await db.Revisions.AsNoTracking()
            .Where(v => v.ChangeTimeliness != null && v.PublishedAtUtc >= start && v.PublishedAtUtc < end)
            .Join(db.Records.Where(r => r.PublisherId == organizationId && r.Column == SectionColumn.Catalog), v => v.RecordId, r => r.Id, (v, _) => v.ChangeTimeliness)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var figures = new YearFigures(published.Count, published.Count(l => l == true), published.Count(l => l is null),
            answered.Count, judged.Count(j => j == true), judged.Count(j => j is null), fees.Sum(c => c.FeeAmount!.Value), fees.Count,
            changes.Count, changes.Count(c => c == ChangeTimeliness.Late), changes.Count(c => c == ChangeTimeliness.Unjudged));

        var table4 = stored?.Table4 ?? ReviewAndLitigationTable.Empty;
        var drafts = ReportDrafts.Write(organization, year, table3, figures);
        var texts = new ReportTexts(stored?.Overview ?? drafts.Overview, stored?.Problems ?? drafts.Problems, stored?.OtherMatters ?? drafts.OtherMatters);
        var problems = table2.Check().Concat(table3.Check()).Concat(table4.Check()).ToList();
        string? url = null;
        if (stored?.RecordId is long recordId)
        {
            var r = await db.Records.AsNoTracking().Where(x => x.Id == recordId).Select(x => new { x.IndexPrefix, x.IndexYear, x.IndexSerial, x.State })
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            url = r is { IndexSerial: int serial, State: RecordState.Published } ? RecordUrls.Record(r.IndexPrefix!, r.IndexYear!.Value, serial) : null;
        }
        return new AnnualReportView(organizationId, organization, year, table2, table3, table4, texts, drafts, figures, problems,
            stored?.RecordId, url, stored?.PublishedAtUtc, stored?.HasUnpublishedChanges ?? false, stored?.Version ?? 0,
            await SupervisionAsync(organizationId, year, stored, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The organizations as a tree: each one's 主管部门 is the nearest people's government above it.</summary>
    private async Task<Dictionary<int, (string Name, OrganizationKind Kind, int? Supervisor)>> SupervisorsAsync(CancellationToken cancellationToken)
    {
        var all = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.FullName, o.Kind, o.ParentId })
            .ToDictionaryAsync(o => o.Id, cancellationToken).ConfigureAwait(false);
        int? Supervisor(int id)
        {
            var seen = new HashSet<int> { id };
            for (var parent = all[id].ParentId; parent is int p && all.ContainsKey(p) && seen.Add(p); parent = all[p].ParentId)
            {
                if (all[p].Kind == OrganizationKind.Government)
                {
                    return p;
                }
            }
            return null;
        }
        return all.Values.ToDictionary(o => o.Id, o => (o.FullName, o.Kind, o.Kind == OrganizationKind.Government ? (int?)null : Supervisor(o.Id)));
    }

    private async Task<ReportSupervision> SupervisionAsync(int organizationId, int year, AnnualReport? stored, CancellationToken cancellationToken)
    {
        var tree = await SupervisorsAsync(cancellationToken).ConfigureAwait(false);
        var departments = tree.Where(o => o.Value.Supervisor == organizationId).Select(o => o.Key).ToList();
        var reports = departments.Count == 0 ? []
            : await db.AnnualReports.AsNoTracking().Where(r => r.Year == year && departments.Contains(r.OrganizationId))
                .Select(r => new { r.OrganizationId, r.SubmittedAtUtc, r.PublishedAtUtc }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var statuses = departments.OrderBy(id => id).Select(id => reports.FirstOrDefault(r => r.OrganizationId == id) is { } r
                ? new DepartmentReportStatus(id, tree[id].Name, true, r.SubmittedAtUtc, r.PublishedAtUtc)
                : new DepartmentReportStatus(id, tree[id].Name, false, null, null))
            .ToList();
        var supervisor = tree.TryGetValue(organizationId, out var self) && self.Supervisor is int s ? tree[s].Name : null;
        return new ReportSupervision(supervisor, stored?.SubmittedAtUtc, stored?.HasUnsubmittedChanges ?? false, statuses);
    }

    /// <summary>
    /// 报送: a department submits its report, balanced and for a year that has ended, to its 主管部门
    /// (条例 Art. 49); again after a change. It is published on its own (by 31 January).
    /// </summary>
    public async Task<AnnualReportView> SubmitAsync(Actor actor, int organizationId, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.PublishReports, organizationId);
        CheckYear(year);
        var view = await BuildAsync(actor, organizationId, year, cancellationToken).ConfigureAwait(false);
        var supervisor = view.Supervision?.Supervisor
                         ?? throw new DomainException("本单位上级没有人民政府（政府信息公开工作主管部门），年度报告无需报送，直接发布即可。");
        if (!view.Balances)
        {
            throw new DomainException("年度报告不平衡，不能报送：" + string.Join("", view.Problems));
        }
        if (ChinaTime.DateOf(Now).Year <= year)
        {
            throw new DomainException($"{year}年度尚未结束，年度报告须在次年1月1日以后报送。");
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            var report = await LoadOrCreateAsync(organizationId, year, cancellationToken).ConfigureAwait(false);
            var before = report.Id == 0 ? null : Snapshot(report);
            if (report.Id == 0)
            {
                // Submitted as built: the drafts become the stored text.
                report.Enter(EnteredFigures.None, ReviewAndLitigationTable.Empty, view.Texts.Overview, view.Texts.Problems, view.Texts.OtherMatters, Now);
            }
            report.MarkSubmitted(actor.Name, Now);
            await audit.AppendAsync(actor, AuditActions.ReportSubmit, Subject(organizationId, year), report.RecordId, before, Snapshot(report),
                $"报送{supervisor}", null, cancellationToken).ConfigureAwait(false);
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return await BuildAsync(actor, organizationId, year, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RecordContent> ContentAsync(AnnualReportView view, DateOnly today, CancellationToken cancellationToken)
    {
        var t = await terms.GetAsync(cancellationToken).ConfigureAwait(false);
        int Key(Vocabulary vocabulary, string key) => t.ByKey(vocabulary, key)?.Id ?? throw new DomainException($"词表缺少必需的条目（{key}），请在“词表”中恢复。");
        var theme = t.Roots(Vocabulary.Theme).FirstOrDefault(x => x.Label == "综合政务") is { } root
            ? t.Children(root.Id).FirstOrDefault(x => x.Label == "政务公开")?.Id ?? root.Id
            : t.Roots(Vocabulary.Theme).First().Id;
        return new RecordContent
        {
            Title = view.Title,
            GeneratedOn = today,
            DisclosureTermId = Key(Vocabulary.DisclosureTerm, TermKeys.LongTerm),
            DisclosureFormIds = [t.Of(Vocabulary.DisclosureForm).First().Id],
            DisclosureMethodId = Key(Vocabulary.DisclosureMethod, TermKeys.Proactive),
            DisclosureScopeId = Key(Vocabulary.DisclosureScope, TermKeys.Public),
            Procedure = RecordInput.DefaultProcedure,
            GenreId = Key(Vocabulary.Genre, TermKeys.Report),
            ThemeId = theme,
            Keywords = ["政府信息公开", "年度报告", $"{view.Year}年"],
            EffectStatusId = Key(Vocabulary.EffectStatus, TermKeys.InForce),
            Summary = $"根据《中华人民共和国政府信息公开条例》第五十条的规定，{view.Organization}编制并公布{view.Year}年政府信息公开工作年度报告，"
                      + "包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。",
            BodyHtml = ReportDocument.Html(view),
            Column = SectionColumn.AnnualReport,
        };
    }

    private async Task<AnnualReport> LoadOrCreateAsync(int organizationId, int year, CancellationToken cancellationToken)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("该单位不存在。");
        }
        var report = await db.AnnualReports.SingleOrDefaultAsync(r => r.OrganizationId == organizationId && r.Year == year, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            report = new AnnualReport(organizationId, year, Now);
            db.AnnualReports.Add(report);
        }
        return report;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new DomainConflictException("这份年度报告已被他人修改，请刷新页面后重试。", e);
        }
    }

    private static void CheckYear(int year)
    {
        if (year is < 2008 or > 2100)
        {
            throw new DomainException("年份无效，请填写2008年至2100年之间的年份。");
        }
    }

    private static string Subject(int organizationId, int year) => $"report:{organizationId}/{year}";

    private static object Snapshot(AnnualReport r) => new { r.Figures, r.Table4, r.Overview, r.Problems, r.OtherMatters, r.RecordId, r.SubmittedAtUtc, r.Version };
}

using DocumentFormat.OpenXml.Packaging;
using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Application.Reports;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Core.Reports;
using Gongkai.Core.Requests;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Gongkai.Application.Tests.Reports;

/// <summary>
/// The annual report through the real database: a crafted year of cases and documents gives exactly
/// the expected tables; an unbalanced report is refused; publication makes a 报告 record in the 年报
/// column; the .docx and .xlsx exports parse back with the same numbers; the reminder runs until publication.
/// </summary>
public sealed class AnnualReportTests
{
    // 10 January 2026, a Saturday morning in China: the 2025 report is due by 31 January.
    private static readonly DateTimeOffset January = new(2026, 1, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly string[] EnteredItems = ["行政许可", "行政处罚", "行政强制", "行政事业性收费"];

    private sealed record People(Actor Editor, Actor Reviewer, Actor Handler, Actor Administrator);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static async Task<(ApplicationServices App, People People, int Gxq)> CraftedYearAsync()
    {
        var app = await ApplicationServices.CreateAsync(now: January);
        var people = await app.RunAsync(async s => new People(
            await TestUsers.CreateAsync(s, "editor", Role.Editor),
            await TestUsers.CreateAsync(s, "reviewer", Role.Reviewer),
            await TestUsers.CreateAsync(s, "handler", Role.RequestHandler),
            await TestUsers.CreateAsync(s, "admin", Role.Administrator, null)));
        var gxq = await app.RunAsync(s => TestUsers.OrganizationAsync(s, TestUsers.Gxq));
        await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var site = await TestUsers.SiteAsync(s, "gxq");
            var lgSite = await TestUsers.SiteAsync(s, "lg");
            var lg = await TestUsers.OrganizationAsync(s, TestUsers.Lg);
            var n = 0;
            RequestCase Case(ApplicantKind kind, DateOnly received, int siteId = 0, int organizationId = 0)
            {
                n++;
                var applicant = kind == ApplicantKind.NaturalPerson
                    ? new Applicant(kind, $"申请人{n}", $"1390000{n:0000}", "居民身份证", "320281199001011234", null, null, null, null, null)
                    : new Applicant(kind, $"单位{n}", $"1390000{n:0000}", null, null, "91320281MA00000000", "法定代表人", "联系人", null, null);
                var c = RequestCase.Submit(siteId == 0 ? site : siteId, organizationId == 0 ? gxq : organizationId, $"T-{n:000}", $"{n:x64}", applicant,
                    "某项政府信息", null, "纸质", "邮寄", null, RequestChannel.InPerson, ChinaTime.StartOfDayUtc(received).AddHours(2), received);
                db.RequestCases.Add(c);
                return c;
            }
            Case(ApplicantKind.NaturalPerson, D(2024, 12, 20)).Answer(RequestOutcome.Disclosed, ReplyType.Disclosed, "已公开", D(2025, 1, 10));   // carried in, answered on time
            Case(ApplicantKind.NaturalPerson, D(2024, 11, 1)).Answer(RequestOutcome.Disclosed, ReplyType.Disclosed, "已公开", D(2024, 11, 20));   // all in 2024
            Case(ApplicantKind.Commercial, D(2025, 3, 3)).Answer(RequestOutcome.WithheldThirdPartyRights, ReplyType.NotDisclosed, "不予公开", D(2025, 3, 20));
            Case(ApplicantKind.Research, D(2025, 12, 22));                                                                                         // open at year end
            Case(ApplicantKind.LegalService, D(2025, 12, 22)).Answer(RequestOutcome.Disclosed, ReplyType.Disclosed, "已公开", D(2026, 1, 5));      // answered next year
            Case(ApplicantKind.NaturalPerson, D(2025, 6, 2)).Answer(RequestOutcome.UnavailableNotHeld, ReplyType.DoesNotExist, "不掌握", D(2025, 6, 10));
            Case(ApplicantKind.OtherOrganization, D(2024, 12, 30));                                                                               // carried in and out
            Case(ApplicantKind.NaturalPerson, D(2025, 4, 1)).Answer(RequestOutcome.Disclosed, ReplyType.Disclosed, "已公开", D(2025, 6, 30));     // answered late
            Case(ApplicantKind.NaturalPerson, D(2025, 5, 6), lgSite, lg).Answer(RequestOutcome.Disclosed, ReplyType.Disclosed, "已公开", D(2025, 5, 8)); // another office
            await db.SaveChangesAsync();
        });

        // Table 2's documents, published through the workflow.
        var terms = await app.TermsAsync();
        var repealed = terms.ByKey(Vocabulary.EffectStatus, TermKeys.Repealed)!.Id;
        async Task DocumentAsync(string title, DocumentKind kind, DateOnly generatedOn, int? status = null, DateOnly? changedOn = null, DateOnly? validUntil = null) =>
            await app.RunAsync(async s =>
            {
                var workflow = s.GetRequiredService<RecordWorkflow>();
                var content = RecordContents.Valid(terms, title, generatedOn) with
                {
                    DocumentKind = kind, EffectStatusId = status ?? terms.ByKey(Vocabulary.EffectStatus, TermKeys.InForce)!.Id,
                    EffectStatusChangedOn = changedOn, ValidUntil = validUntil,
                };
                var id = (await workflow.CreateAsync(people.Editor, await TestUsers.SiteAsync(s, "gxq"), null, content)).RecordId;
                await workflow.SubmitAsync(people.Editor, id);
                await workflow.ApproveAsync(people.Reviewer, id, true, null);
            });
        await DocumentAsync("高新区关于规范科技项目管理的规定", DocumentKind.NormativeDocument, D(2025, 5, 1));                                // made 2025, in force
        await DocumentAsync("高新区关于企业扶持资金管理的办法", DocumentKind.NormativeDocument, D(2023, 2, 1), repealed, D(2025, 8, 1));      // repealed 2025
        await DocumentAsync("高新区关于人才公寓管理的办法", DocumentKind.NormativeDocument, D(2024, 3, 1), repealed, D(2026, 1, 5));          // repealed after the year: in force at its end
        await DocumentAsync("高新区临时管理规定", DocumentKind.Regulation, D(2024, 1, 2), validUntil: D(2025, 6, 30));                          // expired by its 有效期
        await DocumentAsync("高新区市容管理规定", DocumentKind.Regulation, D(2020, 1, 2));                                                      // in force
        await DocumentAsync("关于举办创新创业大赛的通知", DocumentKind.Other, D(2025, 9, 1));                                                   // neither
        return (app, people, gxq);
    }

    private static Task<T> ReportsAsync<T>(ApplicationServices app, Func<AnnualReports, Task<T>> use) =>
        app.RunAsync(s => use(s.GetRequiredService<AnnualReports>()));

    [Fact]
    public async Task A_crafted_year_gives_exactly_the_expected_tables_and_text_drafts()
    {
        var (app, people, gxq) = await CraftedYearAsync();
        await using var _ = app;
        var r = await ReportsAsync(app, x => x.BuildAsync(people.Reviewer, gxq, 2025));

        Assert.Equal(new DocumentCounts(Made: 1, Repealed: 1, InForce: 2), r.Table2.NormativeDocuments);
        Assert.Equal(new DocumentCounts(Made: 0, Repealed: 0, InForce: 1), r.Table2.Regulations);

        Assert.Equal([2, 1, 1, 0, 1, 0, 5], r.Table3.Row("new"));
        Assert.Equal([1, 0, 0, 0, 0, 1, 2], r.Table3.Row("carried-in"));
        Assert.Equal([2, 0, 0, 0, 0, 0, 2], r.Table3.Row("disclosed"));
        Assert.Equal([0, 1, 0, 0, 0, 0, 1], r.Table3.Row("w4"));
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], r.Table3.Row("u1"));
        Assert.Equal([1, 0, 0, 0, 0, 0, 1], r.Table3.Row("unavailable"));
        Assert.Equal([3, 1, 0, 0, 0, 0, 4], r.Table3.Row("total"));
        Assert.Equal([0, 0, 1, 0, 1, 1, 3], r.Table3.Row("carried-out"));
        Assert.True(r.Balances, string.Join("\n", r.Problems));

        Assert.Equal(4, r.Figures.RequestsAnswered);
        Assert.Equal(3, r.Figures.RequestsAnsweredOnTime); // the case received on 1 April and answered on 30 June was late
        Assert.Contains("新收政府信息公开申请5件，上年结转2件，办结4件，结转下年度继续办理3件", r.Texts.Overview, StringComparison.Ordinal);
        Assert.Contains("按期答复率75%", r.Texts.Overview, StringComparison.Ordinal);
        // 总体情况 in the five parts of the 2021 format, the last asking the office for what it alone knows;
        // Art. 26 timing claimed only for what is timed (the date a record was made).
        Assert.Equal(["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障"],
            System.Text.RegularExpressions.Regex.Matches(r.Texts.Overview, "（[一二三四五]）[^。]{2,6}?(?=。)").Select(m => m.Value));
        Assert.Contains("【请补充", r.Texts.Overview, StringComparison.Ordinal);
        Assert.DoesNotContain("变更之日", r.Texts.Overview, StringComparison.Ordinal);
        Assert.Contains("有1件政府信息公开申请未在法定期限内答复", r.Texts.Problems, StringComparison.Ordinal);
        Assert.Contains("未收取政府信息公开信息处理费", r.Texts.OtherMatters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unbalanced_report_is_refused_naming_the_row_and_column_and_nothing_is_published()
    {
        var (app, people, gxq) = await CraftedYearAsync();
        await using var _ = app;
        var table4 = new ReviewAndLitigationTable(new(2, 1, 1, 0, 5), new(0, 0, 0, 0, 0), new(0, 0, 0, 0, 0));
        var saved = await ReportsAsync(app, x => x.SaveAsync(people.Reviewer, gxq, 2025, new AnnualReportInput(new EnteredFigures(3, 2, 1, 0.5m), table4, null, null, null)));
        Assert.False(saved.Balances);

        var refused = await Assert.ThrowsAsync<DomainException>(() => ReportsAsync(app, x => x.PublishAsync(people.Reviewer, gxq, 2025)));
        Assert.Contains("表四“行政复议”的“总计”为5，结果维持、结果纠正、其他结果、尚未审结之和为4。", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.CountAsync(r => r.Column == SectionColumn.AnnualReport)));

        var negative = await ReportsAsync(app, x => x.SaveAsync(people.Reviewer, gxq, 2025,
            new AnnualReportInput(new EnteredFigures(-1, 0, 0, 0.00001m), ReviewAndLitigationTable.Empty, null, null, null)));
        Assert.Contains("表二“行政许可”行“本年处理决定数量”列：数量不能为负数（填写的是-1）。", negative.Problems);
        Assert.Contains(negative.Problems, p => p.StartsWith("表二“行政事业性收费”行：金额以万元为单位，最多保留四位小数", StringComparison.Ordinal));

        // Only the organization's reviewers (or administrators) enter figures and publish; its handler may read.
        await ReportsAsync(app, x => x.BuildAsync(people.Handler, gxq, 2025));
        await Assert.ThrowsAsync<DomainForbiddenException>(() => ReportsAsync(app, x => x.PublishAsync(people.Handler, gxq, 2025)));
        await Assert.ThrowsAsync<DomainForbiddenException>(() => ReportsAsync(app, x => x.BuildAsync(people.Editor, gxq, 2025)));
        // A year not yet over is not published.
        var early = await Assert.ThrowsAsync<DomainException>(() => ReportsAsync(app, x => x.PublishAsync(people.Administrator, gxq, 2026)));
        Assert.Contains("2026年度尚未结束", early.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publication_makes_a_report_record_in_the_annual_report_column_and_the_exports_parse_back()
    {
        var (app, people, gxq) = await CraftedYearAsync();
        await using var _ = app;
        var reminders = await ReportsAsync(app, x => x.RemindersAsync(people.Administrator));
        Assert.Contains(reminders, x => x.OrganizationId == gxq && x.Year == 2025 && !x.Overdue && x.Due == D(2026, 1, 31));
        Assert.Empty(await ReportsAsync(app, x => x.RemindersAsync(people.Editor))); // editors do not publish reports

        var table4 = new ReviewAndLitigationTable(new(2, 1, 1, 0, 4), new(1, 0, 0, 1, 2), new(0, 0, 0, 0, 0));
        await ReportsAsync(app, x => x.SaveAsync(people.Reviewer, gxq, 2025,
            new AnnualReportInput(new EnteredFigures(12, 7, 3, 3.25m), table4, "本机关全年依法公开。\n第二段。", null, null)));
        var published = await ReportsAsync(app, x => x.PublishAsync(people.Reviewer, gxq, 2025));
        Assert.NotNull(published.RecordId);
        Assert.NotNull(published.RecordUrl);
        Assert.DoesNotContain(await ReportsAsync(app, x => x.RemindersAsync(people.Administrator)), x => x.OrganizationId == gxq);

        var terms = await app.TermsAsync();
        var record = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.AsNoTracking().SingleAsync(r => r.Id == published.RecordId));
        Assert.Equal(SectionColumn.AnnualReport, record.Column);
        Assert.Equal("报告", terms.Label(record.GenreId));
        Assert.EndsWith("2025年政府信息公开工作年度报告", record.Title, StringComparison.Ordinal);
        Assert.True(record.IsPublicAt(app.Time.GetUtcNow().UtcDateTime.AddYears(1)));
        // The tables survive the body sanitiser as real tables with captions and header scopes.
        Assert.Contains("<caption>收到和处理政府信息公开申请情况</caption>", record.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"colgroup\" colspan=\"5\">法人或其他组织</th>", record.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">行政许可</th><td>12</td>", record.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<p>第二段。</p>", record.BodyHtml, StringComparison.Ordinal);
        // The Word and Excel versions are its 文件下载.
        Assert.Equal([$"{published.Title}.docx", $"{published.Title}.xlsx"], record.Attachments.Select(a => a.FileName).Order(StringComparer.Ordinal));
        var firstFiles = record.Attachments.Select(a => Path.Combine(app.DataPath, "attachments", a.StorageKey)).ToList();
        Assert.All(firstFiles, f => Assert.True(File.Exists(f), f));
        var listed = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.AsNoTracking()
            .Where(r => r.Column == SectionColumn.AnnualReport && r.State == RecordState.Published).Select(r => r.Id).ToListAsync());
        Assert.Equal([published.RecordId!.Value], listed);

        // .xlsx: every table's numbers come back as numbers.
        using (var xlsx = new MemoryStream(ReportDocument.Xlsx(published)))
        {
            var t2 = xlsx.Query(useHeaderRow: true, sheetName: ReportDocument.Table2Sheet).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(12d, Convert.ToDouble(t2.Single(x => (string)x["信息内容"] == "行政许可")["数值"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(3.25d, Convert.ToDouble(t2.Single(x => (string)x["信息内容"] == "行政事业性收费")["数值"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(2d, Convert.ToDouble(t2.Single(x => (string)x["信息内容"] == "行政规范性文件" && (string)x["指标"] == "现行有效件数")["数值"], System.Globalization.CultureInfo.InvariantCulture));
            xlsx.Position = 0;
            var t3 = xlsx.Query(useHeaderRow: true, sheetName: ReportDocument.Table3Sheet).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(RequestTable.Rows.Count, t3.Count);
            foreach (var (row, line) in RequestTable.Rows.Zip(t3))
            {
                Assert.Equal(row.Label, line["项目"]);
                Assert.Equal(row.Level == 0 ? row.Label : "三、本年度办理结果", line["大项"]); // the printed first column, kept
                Assert.Equal(published.Table3.Row(row.Key), RequestTable.Columns.Select(c => Convert.ToInt32(line[c], System.Globalization.CultureInfo.InvariantCulture)).ToList());
            }
            xlsx.Position = 0;
            var t4 = xlsx.Query(useHeaderRow: true, sheetName: ReportDocument.Table4Sheet).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(4d, Convert.ToDouble(t4.Single(x => (string)x["类别"] == "行政复议")["总计"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1d, Convert.ToDouble(t4.Single(x => (string)x["类别"] == "行政诉讼·未经复议直接起诉")["尚未审结"], System.Globalization.CultureInfo.InvariantCulture));
        }

        // .docx: the six section titles, the text, and table 3's total row read back cell by cell.
        using (var docx = WordprocessingDocument.Open(new MemoryStream(ReportDocument.Docx(published)), false))
        {
            var body = docx.MainDocumentPart!.Document!.Body!;
            var paragraphs = body.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
            Assert.All(ReportDocument.SectionTitles, t => Assert.Contains(t, paragraphs));
            Assert.Contains("第二段。", paragraphs);
            var tables = body.Elements<W.Table>().ToList();
            Assert.Equal(6, tables.Count); // four parts of table 2, table 3, table 4
            // (The total row's first cell continues “三、本年度办理结果”, merged down from the first outcome row.)
            var total = tables[4].Elements<W.TableRow>().Single(r => r.Elements<W.TableCell>().Any(c => c.InnerText == "（七）总计"));
            Assert.Equal(published.Table3.Row("total").Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                total.Elements<W.TableCell>().SkipWhile(c => c.InnerText != "（七）总计").Skip(1).Select(c => c.InnerText));
            var rows = tables[4].Elements<W.TableRow>().ToList();
            Assert.Equal(["本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", "申请人情况"], rows[0].Elements<W.TableCell>().Select(c => c.InnerText));
            Assert.Equal(["", "自然人", "法人或其他组织", "总计"], rows[1].Elements<W.TableCell>().Select(c => c.InnerText));
            Assert.Equal(["三、本年度办理结果", "（一）予以公开"], rows.Single(r => r.InnerText.Contains("（一）予以公开", StringComparison.Ordinal))
                .Elements<W.TableCell>().Take(2).Select(c => c.InnerText));
            var table4Cells = tables[5].Elements<W.TableRow>().Last().Elements<W.TableCell>().Select(c => c.InnerText).ToList();
            Assert.Equal(["2", "1", "1", "0", "4", "1", "0", "0", "1", "2", "0", "0", "0", "0", "0"], table4Cells);
            // Row spans are merged cells: every row of table 3 has 9 grid columns (two of labels, seven of numbers).
            Assert.All(tables[4].Elements<W.TableRow>(), r => Assert.Equal(9, r.Elements<W.TableCell>().Sum(c => c.TableCellProperties?.GridSpan?.Val?.Value ?? 1)));
        }

        // Corrected and published again: the same record, a new version.
        await ReportsAsync(app, x => x.SaveAsync(people.Reviewer, gxq, 2025,
            new AnnualReportInput(new EnteredFigures(13, 7, 3, 3.25m), table4, null, null, null)));
        var again = await ReportsAsync(app, x => x.PublishAsync(people.Reviewer, gxq, 2025));
        Assert.Equal(published.RecordId, again.RecordId);
        Assert.False(again.HasUnpublishedChanges);
        var versions = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Revisions.CountAsync(v => v.RecordId == again.RecordId && v.State == RevisionState.Published));
        Assert.Equal(2, versions);
        var republished = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.AsNoTracking().SingleAsync(r => r.Id == again.RecordId));
        Assert.Equal(2, republished.Attachments.Count); // replaced, not added
        Assert.All(firstFiles, f => Assert.False(File.Exists(f), f));
        Assert.All(republished.Attachments, a => Assert.True(File.Exists(Path.Combine(app.DataPath, "attachments", a.StorageKey))));
        var audit = await app.RunAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync());
        Assert.True(audit.Intact, audit.Problem);
    }

    [Fact]
    public async Task Entered_figures_are_imported_from_an_exported_xlsx_and_bad_files_get_a_Chinese_message()
    {
        var (app, people, gxq) = await CraftedYearAsync();
        await using var _ = app;
        var table4 = new ReviewAndLitigationTable(new(3, 1, 0, 1, 5), new(0, 1, 0, 0, 1), new(2, 0, 0, 0, 2));
        var saved = await ReportsAsync(app, x => x.SaveAsync(people.Reviewer, gxq, 2025,
            new AnnualReportInput(new EnteredFigures(42, 17, 5, 1.2345m), table4, "保留的文字", null, null)));

        // The 2025 export, filled in for 2024, imports the figures and leaves the 2024 text alone.
        using (var xlsx = new MemoryStream(ReportDocument.Xlsx(saved)))
        {
            var imported = await ReportsAsync(app, x => x.ImportAsync(people.Reviewer, gxq, 2024, xlsx));
            Assert.Equal(new EnteredFigures(42, 17, 5, 1.2345m), new EnteredFigures(imported.Table2.Licensing, imported.Table2.Penalties, imported.Table2.Enforcement, imported.Table2.FeesTenThousandYuan));
            Assert.Equal(table4, imported.Table4);
            Assert.Equal(imported.Drafts.Overview, imported.Texts.Overview);
        }

        async Task<string> RefusedAsync(byte[] file) =>
            (await Assert.ThrowsAsync<DomainException>(() => ReportsAsync(app, x => x.ImportAsync(people.Reviewer, gxq, 2025, new MemoryStream(file))))).Message;
        Assert.Contains("无法读取这个文件", await RefusedAsync([1, 2, 3, 4, 5, 6, 7, 8]), StringComparison.Ordinal);
        Assert.Contains("无法读取这个文件", await RefusedAsync(ReportDocument.Docx(saved)), StringComparison.Ordinal);
        using (var other = new MemoryStream())
        {
            other.SaveAs(new[] { new Dictionary<string, object> { ["甲"] = 1 } });
            Assert.Contains("文件中没有工作表“表二 主动公开”", await RefusedAsync(other.ToArray()), StringComparison.Ordinal);
        }
        using (var fractional = new MemoryStream())
        {
            fractional.SaveAs(new Dictionary<string, object>
            {
                [ReportDocument.Table2Sheet] = EnteredItems
                    .Select(c => new Dictionary<string, object> { ["信息内容"] = c, ["数值"] = c == "行政许可" ? 2.5 : 1 }).ToList(),
                [ReportDocument.Table4Sheet] = new List<Dictionary<string, object>>(),
            });
            Assert.Contains("表二“行政许可”的数值应为整数，文件中是“2.5”。", await RefusedAsync(fractional.ToArray()), StringComparison.Ordinal);
        }
        // Nothing was changed by the refused files.
        var after = await ReportsAsync(app, x => x.BuildAsync(people.Reviewer, gxq, 2025));
        Assert.Equal(42, after.Table2.Licensing);
        Assert.Equal("保留的文字", after.Texts.Overview);
    }

    [Fact]
    public async Task The_statistics_of_the_crafted_year_count_outcomes_on_time_answers_and_late_records()
    {
        var (app, _, gxq) = await CraftedYearAsync();
        await using var __ = app;
        var stats = await app.RunAsync(s => s.GetRequiredService<Statistics>().BuildAsync(2025, gxq));
        Assert.Equal([2, 0, 1, 1, 0, 0], stats["request-outcomes"]!.Series[0].Values.Select(v => (int)v!.Value));
        var onTime = stats["on-time-rate"]!.Series[0].Values;
        Assert.Equal(100d, onTime[0]);  // January: the case carried in from December, on time
        Assert.Equal(100d, onTime[2]);  // March
        Assert.Equal(50d, onTime[5]);   // June: one on time, one late
        Assert.Null(onTime[1]);         // no answer in February: nothing to measure, not 0 %
        Assert.Equal(4, stats["answer-days"]!.Series[1].Values.Sum(v => v ?? 0));

        // The six documents were published on 10 January 2026, all more than 20 working days after they were made.
        var records = await app.RunAsync(s => s.GetRequiredService<Statistics>().BuildAsync(2026, gxq));
        Assert.Equal(6d, records["records-by-month"]!.Series.Single().Values[0]);
        Assert.Equal(6d, records["records-by-theme-month"]!.Series.Sum(x => x.Values[0] ?? 0));
        Assert.Equal(100d, records["late-share"]!.Series[0].Values[0]);
        Assert.Equal(Enumerable.Repeat((double?)0, 11), records["records-by-month"]!.Series.Single().Values.Skip(1));

        // The CSV of a chart is its table.
        var csv = System.Text.Encoding.UTF8.GetString(Statistics.Csv(stats["request-outcomes"]!)).TrimStart('\uFEFF');
        Assert.StartsWith("办理结果,件数", csv, StringComparison.Ordinal);
        Assert.Contains("予以公开,2", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_section_saved_as_drafted_keeps_following_the_data_and_an_edited_one_is_kept()
    {
        var (app, people, gxq) = await CraftedYearAsync();
        await using var _ = app;
        var view = await ReportsAsync(app, x => x.BuildAsync(people.Reviewer, gxq, 2025));
        await ReportsAsync(app, x => x.SaveAsync(people.Reviewer, gxq, 2025,
            new AnnualReportInput(EnteredFigures.None, ReviewAndLitigationTable.Empty, view.Texts.Overview.Replace("\n", "\r\n", StringComparison.Ordinal), "办公室写的问题。", view.Texts.OtherMatters)));
        var stored = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().AnnualReports.AsNoTracking().SingleAsync(r => r.OrganizationId == gxq && r.Year == 2025));
        Assert.Null(stored.Overview);
        Assert.Equal("办公室写的问题。", stored.Problems);
        Assert.Null(stored.OtherMatters);

        // A case answered later in the data changes the drafted overview, not the edited section.
        await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var open = await db.RequestCases.SingleAsync(c => c.CaseNumber == "T-004");
            open.Answer(RequestOutcome.Disclosed, ReplyType.Disclosed, "已公开", D(2025, 12, 30));
            await db.SaveChangesAsync();
        });
        var after = await ReportsAsync(app, x => x.BuildAsync(people.Reviewer, gxq, 2025));
        Assert.Contains("办结5件，结转下年度继续办理2件", after.Texts.Overview, StringComparison.Ordinal);
        Assert.Equal("办公室写的问题。", after.Texts.Problems);
    }

    [Fact]
    public async Task The_reminder_turns_overdue_after_31_January()
    {
        var (app, people, _) = await CraftedYearAsync();
        await using var __ = app;
        app.Time.SetUtcNow(new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        var reminders = await ReportsAsync(app, x => x.RemindersAsync(people.Administrator));
        Assert.NotEmpty(reminders);
        // 条例 Art. 49: departments by 31 January; the people's government (published by its 主管部门) by 31 March.
        var government = Assert.Single(reminders, x => x.Organization == "江阴市人民政府");
        Assert.Equal((D(2026, 3, 31), false), (government.Due, government.Overdue));
        Assert.All(reminders.Where(x => x != government), x => Assert.Equal((D(2026, 1, 31), true), (x.Due, x.Overdue)));
        app.Time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.True(Assert.Single(await ReportsAsync(app, x => x.RemindersAsync(people.Administrator)), x => x.Organization == "江阴市人民政府").Overdue);
    }
}

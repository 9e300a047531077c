using Gongkai.Application.Reports;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Editorial;
using Gongkai.Core.Reports;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Reports;

/// <summary>
/// 条例 Art. 49 between a department and its 政府信息公开工作主管部门: the department (高新区, under
/// 江阴市人民政府 in the demo) submits its report to the 主管部门 and publishes it by 31 January; the
/// 主管部门 sees each department's status on its own report and in its reminder, and publishes the
/// government's report by 31 March.
/// </summary>
public sealed class ReportSubmissionTests
{
    /// <summary>Monday 11 January 2027: the 2026 reports are due.</summary>
    private static readonly DateTimeOffset January = new(2027, 1, 11, 10, 0, 0, ChinaTime.Offset);

    [Fact]
    public async Task A_department_submits_its_report_to_the_government_above_it_which_sees_it_on_its_report_and_reminder()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0, now: January);
        var (gxq, jy) = await app.RunAsync(async s => (await TestUsers.OrganizationAsync(s, TestUsers.Gxq), await TestUsers.OrganizationAsync(s, "014040011")));
        var gxqReviewer = await app.RunAsync(s => TestUsers.CreateAsync(s, "gxq-report-reviewer", Role.Reviewer, TestUsers.Gxq));
        var jyReviewer = await app.RunAsync(s => TestUsers.CreateAsync(s, "jy-report-reviewer", Role.Reviewer, "014040011"));
        Task<T> Reports<T>(Func<AnnualReports, Task<T>> use) => app.RunAsync(s => use(s.GetRequiredService<AnnualReports>()));

        var before = await Reports(r => r.BuildAsync(gxqReviewer, gxq, 2026));
        Assert.Equal("江阴市人民政府", before.Supervision!.Supervisor);
        Assert.Null(before.Supervision.SubmittedAtUtc);
        var reminder = Assert.Single(await Reports(r => r.RemindersAsync(gxqReviewer)));
        Assert.Equal(("江阴市人民政府", false, new DateOnly(2027, 1, 31)), (reminder.Supervisor, reminder.Submitted, reminder.Due));

        var submitted = await Reports(r => r.SubmitAsync(gxqReviewer, gxq, 2026));
        Assert.Equal(January.UtcDateTime, submitted.Supervision!.SubmittedAtUtc);
        Assert.False(submitted.Supervision.HasUnsubmittedChanges);
        Assert.Null(submitted.RecordId); // submitting is not publishing
        Assert.True(Assert.Single(await Reports(r => r.RemindersAsync(gxqReviewer))).Submitted);
        Assert.Equal("报送江阴市人民政府", await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents
            .Where(e => e.Action == AuditActions.ReportSubmit && e.Subject == $"report:{gxq}/2026").Select(e => e.Reason).SingleAsync()));

        // The 主管部门: its own report lists the departments that submit to it, and its reminder counts those that have not.
        var government = await Reports(r => r.BuildAsync(jyReviewer, jy, 2026));
        Assert.Null(government.Supervision!.Supervisor);
        Assert.Equal(4, government.Supervision.Departments.Count);
        Assert.Equal("已报送", government.Supervision.Departments.Single(d => d.OrganizationId == gxq).Status);
        Assert.All(government.Supervision.Departments.Where(d => d.OrganizationId != gxq), d => Assert.Equal("未开始", d.Status));
        var governmentReminder = Assert.Single(await Reports(r => r.RemindersAsync(jyReviewer)));
        Assert.Equal((new DateOnly(2027, 3, 31), 3), (governmentReminder.Due, governmentReminder.DepartmentsNotSubmitted));

        // Changed after submitting: the department is told it has not submitted the change.
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var changed = await Reports(r => r.SaveAsync(gxqReviewer, gxq, 2026, new AnnualReportInput(new EnteredFigures(5, 0, 0, 0m), ReviewAndLitigationTable.Empty, null, null, null)));
        Assert.True(changed.Supervision!.HasUnsubmittedChanges);

        // Published afterwards: the 主管部门 sees it published.
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await Reports(r => r.SubmitAsync(gxqReviewer, gxq, 2026));
        await Reports(r => r.PublishAsync(gxqReviewer, gxq, 2026));
        var after = await Reports(r => r.BuildAsync(jyReviewer, jy, 2026));
        Assert.Equal("已发布", after.Supervision!.Departments.Single(d => d.OrganizationId == gxq).Status);
        Assert.False((await Reports(r => r.BuildAsync(gxqReviewer, gxq, 2026))).Supervision!.HasUnsubmittedChanges);
    }

    [Fact]
    public async Task A_government_does_not_submit_and_a_year_not_yet_ended_is_not_submitted()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0, now: January);
        var jy = await app.RunAsync(s => TestUsers.OrganizationAsync(s, "014040011"));
        var gxq = await app.RunAsync(s => TestUsers.OrganizationAsync(s, TestUsers.Gxq));
        var jyReviewer = await app.RunAsync(s => TestUsers.CreateAsync(s, "jy-report-reviewer", Role.Reviewer, "014040011"));
        var gxqReviewer = await app.RunAsync(s => TestUsers.CreateAsync(s, "gxq-report-reviewer", Role.Reviewer, TestUsers.Gxq));
        var own = await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(s => s.GetRequiredService<AnnualReports>().SubmitAsync(jyReviewer, jy, 2026)));
        Assert.Contains("无需报送", own.Message, StringComparison.Ordinal);
        var early = await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(s => s.GetRequiredService<AnnualReports>().SubmitAsync(gxqReviewer, gxq, 2027)));
        Assert.Contains("尚未结束", early.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainForbiddenException>(() => app.RunAsync(s => s.GetRequiredService<AnnualReports>().SubmitAsync(jyReviewer, gxq, 2026)));
    }
}

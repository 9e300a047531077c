using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gongkai.Core.Editorial;
using Gongkai.Core.Reports;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Gongkai.Web.Tests.Areas.Admin;

/// <summary>An app with a year and more of demo requests (150 cases from January 2025), for the annual report and the statistics.</summary>
public sealed class ReportFixture : IAsyncLifetime
{
    public GongkaiAppFactory App { get; } = new(generatedRecords: 120) { GeneratedRequests = 150 };

    public int Gxq { get; private set; }

    public Application.Accounts.Actor Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Admin = await App.ScopedAsync(s => TestUsers.CreateAsync(s, "report-admin", Role.Administrator, null));
        await App.ScopedAsync(s => TestUsers.CreateAsync(s, "report-handler", Role.RequestHandler));
        Gxq = await App.ScopedAsync(s => TestUsers.OrganizationAsync(s, TestUsers.Gxq));
    }

    public async Task<HttpClient> SignedInAsync(string person)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var response = await ConsoleFixture.LoginAsync(client, person, TestUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The done-when through the console's own forms: the administrator builds 高新区's report for
/// 2025 from the demo cases, sees every table balance, is refused while table 4 does not balance, edits
/// the text, publishes it, finds it under 年报 on the portal and opens the .docx and .xlsx exports.
/// </summary>
public sealed partial class AnnualReportConsoleTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static List<int> RowOf(string html, string rowLabel)
    {
        // (Rows 一、二、四 span both label columns; an outcome row may follow the 三、本年度办理结果 cell.)
        var row = Regex.Match(html, "<th scope=\"row\"(?: colspan=\"2\")?>[　]*" + Regex.Escape(rowLabel) + "</th>(.*?)</tr>").Groups[1].Value;
        return CellPattern().Matches(row).Select(m => Int(m.Groups[1].Value)).ToList();
    }

    private async Task<HttpResponseMessage> PostReportAsync(HttpClient client, string handler, int[] table4, string overview, int year = 2025)
    {
        var form = await client.GetStringAsync(new Uri($"/admin/reports?org={fixture.Gxq}&year={year}", UriKind.Relative));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ConsoleFixture.TokenIn(form)!,
            ["Form.Version"] = Regex.Match(form, "name=\"Form.Version\" value=\"(\\d+)\"").Groups[1].Value,
            ["Form.Licensing"] = "128", ["Form.Penalties"] = "37", ["Form.Enforcement"] = "4", ["Form.Fees"] = "12.5",
            ["Form.Overview"] = overview, ["Form.Problems"] = "", ["Form.OtherMatters"] = "",
        };
        for (var i = 0; i < table4.Length; i++)
        {
            fields[$"Form.Table4[{i}]"] = table4[i].ToString(CultureInfo.InvariantCulture);
        }
        return await client.PostAsync(new Uri($"/admin/reports?handler={handler}&org={fixture.Gxq}&year={year}", UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_department_submits_its_report_to_the_government_whose_report_page_lists_it()
    {
        // 2024, so that the 2025 report of the other tests is left alone.
        var admin = await fixture.SignedInAsync("report-admin");
        var form = await admin.GetStringAsync(new Uri($"/admin/reports?org={fixture.Gxq}&year=2024", UriKind.Relative));
        Assert.Contains("保存并报送江阴市人民政府", form, StringComparison.Ordinal);
        Assert.Contains("data-submitted=\"no\"", form, StringComparison.Ordinal);
        using (var submitted = await PostReportAsync(admin, "Submit", new int[15], "", year: 2024))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri($"/admin/reports?org={fixture.Gxq}&year=2024", UriKind.Relative)));
        Assert.Contains("data-submitted=\"yes\"", page, StringComparison.Ordinal);
        Assert.Contains("报送江阴市人民政府", page, StringComparison.Ordinal);

        var jy = await fixture.App.ScopedAsync(s => TestUsers.OrganizationAsync(s, "014040011"));
        var government = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri($"/admin/reports?org={jy}&year=2024", UriKind.Relative)));
        Assert.Contains("data-departments=\"4\"", government, StringComparison.Ordinal);
        Assert.Matches("<tr data-status=\"已报送\"><th scope=\"row\"><a href=\"[^\"]+\">江阴高新技术开发区管理委员会</a>", government);
        Assert.DoesNotContain("保存并报送", government, StringComparison.Ordinal); // a government publishes; it does not submit
    }

    [Fact]
    public async Task The_administrator_builds_checks_edits_publishes_and_exports_the_report()
    {
        var admin = await fixture.SignedInAsync("report-admin");

        // The reminder: last year's report is not published yet (31 January has passed: overdue).
        var home = await admin.GetStringAsync(new Uri("/admin", UriKind.Relative));
        Assert.Contains("年度报告提醒", home, StringComparison.Ordinal);
        Assert.Matches($"<a href=\"/admin/reports\\?org={fixture.Gxq}&year=2025\">[^<]*高新[^<]*</a>", home);

        // Built from the data, every table balances; table 3 is the aggregation of the cases in the database.
        var page = await admin.GetStringAsync(new Uri($"/admin/reports?org={fixture.Gxq}&year=2025", UriKind.Relative));
        Assert.Contains("data-balanced=\"true\"", page, StringComparison.Ordinal);
        var cases = await fixture.App.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().RequestCases.AsNoTracking()
            .Where(c => c.OrganizationId == fixture.Gxq).Select(c => new { c.ApplicantKind, c.ReceivedOn, c.AnsweredOn, c.Outcome }).ToListAsync());
        var expected = RequestTable.Build(cases.Select(c => (c.ApplicantKind, c.ReceivedOn, c.AnsweredOn, c.Outcome)), 2025);
        Assert.True(expected["new", 6] > 5, "the demo gives 高新区 a year of cases");
        Assert.Equal(expected.Row("new"), RowOf(page, "一、本年新收政府信息公开申请数量"));
        Assert.Equal(expected.Row("total"), RowOf(page, "（七）总计"));
        Assert.Equal(expected.Row("carried-out"), RowOf(page, "四、结转下年度继续办理"));
        Assert.Contains("本年度", page, StringComparison.Ordinal);

        // Table 4 entered wrong: saved as a draft, publication refused naming the row and column.
        using (var refused = await PostReportAsync(admin, "Publish", [1, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "草稿"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("年度报告不平衡，不能发布：表四“行政复议”的“总计”为3，结果维持、结果纠正、其他结果、尚未审结之和为2。", html, StringComparison.Ordinal);
        }
        Assert.Equal(0, await fixture.App.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.CountAsync(r => r.Column == Core.Catalog.SectionColumn.AnnualReport)));

        // Corrected, the text edited, published.
        const string overview = "2025年，高新区政府信息公开工作稳步推进。\n本段由办公室修改。";
        using (var published = await PostReportAsync(admin, "Publish", [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0], overview))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }
        page = await admin.GetStringAsync(new Uri($"/admin/reports?org={fixture.Gxq}&year=2025", UriKind.Relative));
        Assert.Contains("data-report-state=\"published\"", page, StringComparison.Ordinal);
        var url = Regex.Match(page, "<a href=\"(/xxgk/[^\"]+)\" target=\"_blank\"").Groups[1].Value;
        Assert.NotEmpty(url);
        Assert.DoesNotContain($"/admin/reports?org={fixture.Gxq}&year=2025", await admin.GetStringAsync(new Uri("/admin", UriKind.Relative)), StringComparison.Ordinal);

        // On the portal: listed under 年报, the record page with real tables and the edited text.
        var anonymous = fixture.App.CreateClient();
        var column = await anonymous.GetStringAsync(new Uri("/gxq/xxgk/nb", UriKind.Relative));
        Assert.Contains("2025年政府信息公开工作年度报告", column, StringComparison.Ordinal);
        Assert.Contains(url, column, StringComparison.Ordinal);
        var record = await anonymous.GetStringAsync(new Uri(url, UriKind.Relative));
        Assert.Contains("<caption>收到和处理政府信息公开申请情况</caption>", record, StringComparison.Ordinal);
        Assert.Contains("<p>本段由办公室修改。</p>", record, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">行政许可</th><td>128</td>", record, StringComparison.Ordinal);
        Assert.Equal(expected.Row("total"), RowOf(record, "（七）总计"));
        Assert.Contains(">报告<", record, StringComparison.Ordinal); // 体裁
        // The Word and Excel versions are offered for download on the record page.
        Assert.Contains("2025年政府信息公开工作年度报告.docx", record, StringComparison.Ordinal);
        var files = Regex.Matches(record, $"href=\"({Regex.Escape(url)}/files/\\d+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(2, files.Count);
        foreach (var file in files)
        {
            using var download = await anonymous.GetAsync(new Uri(file, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal((byte)'P', (await download.Content.ReadAsByteArrayAsync())[0]); // both are zip packages
        }

        // Exports.
        using (var docx = await admin.GetAsync(new Uri($"/admin/reports?handler=Docx&org={fixture.Gxq}&year=2025", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
            using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
            Assert.Contains("本段由办公室修改。", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        }
        using (var xlsx = await admin.GetAsync(new Uri($"/admin/reports?handler=Xlsx&org={fixture.Gxq}&year=2025", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
            var rows = stream.Query(useHeaderRow: true, sheetName: Application.Reports.ReportDocument.Table3Sheet).Cast<IDictionary<string, object>>().ToList();
            var total = rows.Single(r => (string)r["项目"] == "（七）总计");
            Assert.Equal(expected.Row("total"), RequestTable.Columns.Select(c => Convert.ToInt32(total[c], CultureInfo.InvariantCulture)).ToList());
        }
    }

    [Fact]
    public async Task A_request_handler_may_read_and_export_but_not_publish()
    {
        var handler = await fixture.SignedInAsync("report-handler");
        var page = await handler.GetStringAsync(new Uri($"/admin/reports?org={fixture.Gxq}&year=2025", UriKind.Relative));
        Assert.Contains("填写和发布需要本单位审核员或管理员", page, StringComparison.Ordinal);
        using var refused = await PostReportAsync(handler, "Publish", new int[15], "x");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var bad = await handler.GetAsync(new Uri($"/admin/reports?org={fixture.Gxq}&year=99999", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("年份无效", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // An administrator asking for an organization that does not exist gets a message, not a 500.
        var admin = await fixture.SignedInAsync("report-admin");
        foreach (var url in new[] { "/admin/reports?org=99999&year=2025", "/admin/statistics?org=99999&year=2025", "/admin/reports?handler=Xlsx&org=99999&year=2025", "/admin/statistics?year=1" })
        {
            using var missing = await admin.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Matches("该单位不存在|年份无效", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task The_exported_xlsx_imports_back_through_the_form_and_a_broken_file_gets_a_message()
    {
        var admin = await fixture.SignedInAsync("report-admin");
        var lg = await fixture.App.ScopedAsync(s => TestUsers.OrganizationAsync(s, TestUsers.Lg));
        async Task<HttpResponseMessage> UploadAsync(byte[] file)
        {
            var form = await admin.GetStringAsync(new Uri($"/admin/reports?org={lg}&year=2024", UriKind.Relative));
            using var content = new MultipartFormDataContent
            {
                { new StringContent(ConsoleFixture.TokenIn(form)!), "__RequestVerificationToken" },
                { new ByteArrayContent(file), "file", "年报.xlsx" },
            };
            return await admin.PostAsync(new Uri($"/admin/reports?handler=Import&org={lg}&year=2024", UriKind.Relative), content);
        }
        using (var broken = await UploadAsync([0x50, 0x4B, 3, 4, 0, 0]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            Assert.Contains("无法读取这个文件", WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        var source = await fixture.App.ScopedAsync(async s =>
        {
            var reports = s.GetRequiredService<Application.Reports.AnnualReports>();
            return await reports.SaveAsync(fixture.Admin, lg, 2023, new Application.Reports.AnnualReportInput(new EnteredFigures(9, 8, 7, 0.5m),
                new ReviewAndLitigationTable(new(1, 0, 0, 0, 1), new(0, 0, 0, 0, 0), new(0, 0, 0, 0, 0)), null, null, null));
        });
        using (var imported = await UploadAsync(Application.Reports.ReportDocument.Xlsx(source)))
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        }
        var page = await admin.GetStringAsync(new Uri($"/admin/reports?org={lg}&year=2024", UriKind.Relative));
        Assert.Contains("name=\"Form.Licensing\" value=\"9\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Table4[0]\" value=\"1\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_figure_that_is_not_a_number_is_refused_in_Chinese_and_nothing_is_saved()
    {
        var admin = await fixture.SignedInAsync("report-admin");
        var form = await admin.GetStringAsync(new Uri($"/admin/reports?org={fixture.Gxq}&year=2022", UriKind.Relative));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ConsoleFixture.TokenIn(form)!,
            ["Form.Licensing"] = "一百", ["Form.Fees"] = "1e400",
        };
        for (var i = 0; i < 15; i++)
        {
            fields[$"Form.Table4[{i}]"] = i == 6 ? "x" : "0";
        }
        using var response = await admin.PostAsync(new Uri($"/admin/reports?handler=Save&org={fixture.Gxq}&year=2022", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("以下数字无效", html, StringComparison.Ordinal);
        Assert.Contains("行政许可", html, StringComparison.Ordinal);
        Assert.Contains("表四行政诉讼·未经复议直接起诉“结果纠正”", html, StringComparison.Ordinal);
        Assert.False(await fixture.App.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().AnnualReports.AnyAsync(r => r.OrganizationId == fixture.Gxq && r.Year == 2022)));
    }

    [Fact]
    public async Task The_statistics_page_shows_every_chart_with_its_data_table_and_CSV_and_nothing_of_the_applicants()
    {
        var anonymous = fixture.App.CreateClient();
        var page = await anonymous.GetStringAsync(new Uri($"/statistics?year=2025&org={fixture.Gxq}", UriKind.Relative));
        string[] keys = ["records-by-month", "records-by-theme-month", "records-by-theme", "late-share", "request-outcomes", "on-time-rate", "answer-days"];
        foreach (var key in keys)
        {
            Assert.Contains($"data-chart-key=\"{key}\"", page, StringComparison.Ordinal);
            Assert.Contains($"id=\"table-{key}\"", page, StringComparison.Ordinal);
        }
        Assert.Contains("/lib/echarts/echarts.min.js", page, StringComparison.Ordinal);
        Assert.DoesNotContain("演示申请人", page, StringComparison.Ordinal);

        // The outcome table equals the database, and the CSV equals the table.
        var answered = await fixture.App.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().RequestCases.AsNoTracking()
            .Where(c => c.OrganizationId == fixture.Gxq && c.AnsweredOn != null && c.AnsweredOn.Value.Year == 2025).Select(c => c.Outcome!.Value).ToListAsync());
        var table = Regex.Match(page, "id=\"table-request-outcomes\"[\\s\\S]*?</table>").Value;
        foreach (var (key, label) in Application.Reports.Statistics.OutcomeGroups)
        {
            var count = answered.Count(o => Application.Reports.Statistics.GroupOf(o) == key);
            Assert.Matches($"<th scope=\"row\">{label}</th>\\s*<td>{count}</td>", table);
        }
        using var csv = await anonymous.GetAsync(new Uri($"/statistics/request-outcomes.csv?year=2025&org={fixture.Gxq}", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("办理结果,件数", lines[0]);
        Assert.Equal(Application.Reports.Statistics.OutcomeGroups.Select(g => $"{g.Label},{answered.Count(o => Application.Reports.Statistics.GroupOf(o) == g.Key)}"), lines.Skip(1));

        // The same as JSON; bad input gets a Chinese problem, never a 500.
        var json = await anonymous.GetStringAsync(new Uri($"/api/v1/statistics?year=2025&org={fixture.Gxq}", UriKind.Relative));
        Assert.Contains("\"key\":\"on-time-rate\"", json, StringComparison.Ordinal);
        foreach (var (url, status) in new[]
                 {
                     ("/statistics?year=abc", HttpStatusCode.BadRequest), ("/statistics?org=999", HttpStatusCode.BadRequest),
                     ("/api/v1/statistics?year=-1", HttpStatusCode.BadRequest), ("/api/v1/statistics?org=999", HttpStatusCode.BadRequest),
                     ("/statistics/none.csv", HttpStatusCode.NotFound), ("/statistics/late-share.csv?year=1900", HttpStatusCode.BadRequest),
                 })
        {
            using var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(status, response.StatusCode);
            Assert.Matches("[\u4e00-\u9fff]", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_console_statistics_add_departments_and_late_records()
    {
        var admin = await fixture.SignedInAsync("report-admin");
        var page = await admin.GetStringAsync(new Uri($"/admin/statistics?org={fixture.Gxq}&year=2025", UriKind.Relative));
        Assert.Contains("data-departments=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("各承办部门办理情况", page, StringComparison.Ordinal);
        Assert.Contains("data-chart-key=\"records-by-month\"", page, StringComparison.Ordinal);
        var whole = await admin.GetStringAsync(new Uri("/admin/statistics?year=2025", UriKind.Relative));
        Assert.Contains("统计范围：全部单位", whole, StringComparison.Ordinal);
        var handler = await fixture.SignedInAsync("report-handler");
        var lg = await fixture.App.ScopedAsync(s => TestUsers.OrganizationAsync(s, TestUsers.Lg));
        using var other = await handler.GetAsync(new Uri($"/admin/statistics?org={lg}&year=2025", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [GeneratedRegex("<td>(\\d+)</td>")]
    private static partial Regex CellPattern();
}

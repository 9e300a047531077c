using Gongkai.Core.Editorial;
using Gongkai.Testing;
using Microsoft.Playwright;

namespace Gongkai.Browser.Tests;

/// <summary>The annual report and the statistics in real Chromium: publish, read on the portal, charts drawn by ECharts.</summary>
[Collection(BrowserTests.Name)]
public sealed class ReportBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_administrator_publishes_the_report_and_it_reads_as_tables_on_the_portal()
    {
        await browser.App.ScopedAsync(s => TestUsers.CreateAsync(s, "browser-report-admin", Role.Administrator, null));
        var gxq = await browser.App.ScopedAsync(s => TestUsers.OrganizationAsync(s, TestUsers.Gxq));
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("用户名").FillAsync("browser-report-admin");
        await page.GetByLabel("密码").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.reminder[data-reminders]")).ToContainTextAsync("年度报告提醒");
        // 27 November 2026 on the test clock, and the test app has no 2027 notice: the administrator is told where to import it.
        var holidays = page.Locator(".notice.reminder[data-holiday-reminder]");
        await Assertions.Expect(holidays).ToContainTextAsync("2027年的节假日安排尚未录入");
        await Assertions.Expect(holidays.GetByRole(AriaRole.Link, new() { Name = "节假日安排" })).ToHaveAttributeAsync("href", "/admin/holidays");
        await page.GetByRole(AriaRole.Link, new() { Name = "年度报告", Exact = true }).ClickAsync();
        await page.Locator("select[name=org]").SelectOptionAsync(gxq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("年度").FillAsync("2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "生成" }).ClickAsync();
        await Assertions.Expect(page.Locator("dd[data-balanced]")).ToHaveTextAsync("各表勾稽关系均平衡，可以发布。");
        await page.GetByLabel("行政许可").FillAsync("128");
        await page.GetByLabel("行政复议：结果维持").FillAsync("1");
        await page.GetByLabel("行政复议：总计").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并发布" }).ClickAsync();
        // “未发布” also contains 发布: the state attribute is what tells.
        await Assertions.Expect(page.Locator("dd[data-report-state]")).ToHaveAttributeAsync("data-report-state", "published");
        foreach (var path in BrowserFixture.ScreenshotPaths("annual-report-console.png"))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }

        // On the portal, under 年报, the report with its tables.
        await page.GotoAsync("/gxq/xxgk/nb");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("2025年政府信息公开工作年度报告") }).ClickAsync();
        var table3 = page.GetByRole(AriaRole.Table, new() { Name = "收到和处理政府信息公开申请情况" });
        await Assertions.Expect(table3).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "第二十条第（五）项" }).GetByRole(AriaRole.Cell, new() { Name = "128" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "二、主动公开政府信息情况" }).EvaluateAsync("e => e.scrollIntoView()");
        foreach (var path in BrowserFixture.ScreenshotPaths("annual-report-portal.png"))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_statistics_page_draws_every_chart_and_shows_its_table_on_request()
    {
        var page = await browser.NewPageAsync(1280, 1400);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                errors.Add($"{r.Status} {r.Url}");
            }
        };
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        await page.GotoAsync("/statistics?year=2025");
        await Assertions.Expect(page.Locator(".chart[data-drawn=true] canvas")).ToHaveCountAsync(await page.Locator("figure.chart-figure").CountAsync());
        Assert.Equal(7, await page.Locator("figure.chart-figure").CountAsync());
        Assert.True(errors.Count == 0, "errors in the page: " + string.Join("\n", errors));
        var table = page.Locator("#table-request-outcomes");
        Assert.Equal("1px", await table.EvaluateAsync<string>("e => getComputedStyle(e).width")); // hidden visually, there for screen readers
        await page.Locator("[data-toggle-table=table-request-outcomes]").ClickAsync();
        await Assertions.Expect(table.GetByRole(AriaRole.Rowheader, new() { Name = "予以公开" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-toggle-table=table-request-outcomes]")).ToHaveAttributeAsync("aria-expanded", "true");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        foreach (var path in BrowserFixture.ScreenshotPaths("statistics.png"))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }
        await page.Context.CloseAsync();
    }
}

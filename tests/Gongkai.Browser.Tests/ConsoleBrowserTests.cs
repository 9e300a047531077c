using System.Text.RegularExpressions;
using Gongkai.Application.Accounts;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gongkai.Browser.Tests;

/// <summary>The console as its users meet it, in real Chromium: set up people, import Word, submit, approve, publish.</summary>
[Collection(BrowserTests.Name)]
public sealed class ConsoleBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        // Web-first assertions poll the page itself; WaitForURLAsync also waits for a load event,
        // and once timed out in CI with the page already at /admin (waiting for a load event).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/login"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "登录" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        foreach (var path in BrowserFixture.ScreenshotPaths(name))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        }
    }

    [Fact]
    public async Task An_administrator_sets_up_an_editor_and_a_reviewer_who_import_submit_approve_and_publish_a_word_document()
    {
        await browser.App.ScopedAsync(s => s.GetRequiredService<UserAdministration>()
            .AddAdministratorAsync("admin-browser", "站群管理员", TestUsers.Password, evenIfOneExists: true));
        var page = await browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, d) => { dialogs++; await d.DismissAsync(); };

        // 管理员: two accounts, two roles for 高新区.
        await SignInAsync(page, "admin-browser");
        await page.GotoAsync("/admin/users");
        foreach (var (user, name, role) in new[] { ("zhang.bianji", "张编辑", "编辑"), ("zhao.shenhe", "赵审核", "审核员") })
        {
            await page.GetByLabel("用户名").FillAsync(user);
            await page.GetByLabel("姓名").FillAsync(name);
            await page.GetByLabel("初始密码").FillAsync(TestUsers.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "创建" }).ClickAsync();
            await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync($"已创建用户 {user}");
            var row = page.Locator($"tr[data-user='{user}']");
            await row.GetByLabel("角色").SelectOptionAsync(new SelectOptionValue { Label = role });
            await row.GetByLabel("单位").SelectOptionAsync(new SelectOptionValue { Label = "江阴高新技术开发区管理委员会" });
            await row.GetByRole(AriaRole.Button, new() { Name = "分配" }).ClickAsync();
            await Assertions.Expect(page.Locator($"tr[data-user='{user}']")).ToContainTextAsync(role);
        }
        await SignOutAsync(page);

        // 编辑: import the Word file, check the suggestions, choose the genre, save, submit.
        await SignInAsync(page, "zhang.bianji");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建信息" }).ClickAsync();
        var generated = browser.App.UtcNow.AddHours(8).AddDays(-3);
        await page.GetByLabel("导入 Word 文件（.docx）").SetInputFilesAsync(new FilePayload
        {
            Name = "实施意见.docx",
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = WordDocuments.OfficialDocument(date: $"{generated.Year}年{generated.Month}月{generated.Day}日"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("标题 *")).ToHaveValueAsync(WordDocuments.Title);
        await Assertions.Expect(page.GetByLabel("文件编号（文号）")).ToHaveValueAsync(WordDocuments.DocumentNumber);
        await Assertions.Expect(page.GetByLabel("生成日期 *")).ToHaveValueAsync(generated.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator(".rich-editor h2")).ToHaveTextAsync("一、总体要求");
        await Assertions.Expect(page.Locator(".rich-editor table td").First).ToHaveTextAsync("项目");
        await page.GetByLabel("体裁 *").SelectOptionAsync(new SelectOptionValue { Label = "意见" });
        await ScreenshotAsync(page, "console-import.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("已保存");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
        await Assertions.Expect(page.Locator("dd[data-state]")).ToHaveTextAsync("待审核");
        var recordUrl = page.Url;
        await SignOutAsync(page);

        // 审核员: 保密审查, approve, publish now; the public page has the next index number.
        await SignInAsync(page, "zhao.shenhe");
        await page.GotoAsync(recordUrl);
        await page.GetByLabel("已完成保密审查，确认不含国家秘密、工作秘密、商业秘密和个人隐私").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Assertions.Expect(page.Locator("dd[data-state]")).ToHaveTextAsync("已发布");
        await ScreenshotAsync(page, "console-record.png");
        var publicUrl = await page.Locator("a[href^='/xxgk/01404053X/']").First.GetAttributeAsync("href");
        Assert.NotNull(publicUrl);
        await page.GotoAsync(publicUrl);
        await Assertions.Expect(page.Locator("h1.record-title")).ToHaveTextAsync(WordDocuments.Title);
        await Assertions.Expect(page.Locator(".record-meta")).ToContainTextAsync(WordDocuments.DocumentNumber);
        await Assertions.Expect(page.Locator(".record-body h2")).ToHaveTextAsync("一、总体要求");
        await Assertions.Expect(page.Locator("section.versions")).ToContainTextAsync("首次发布");
        Assert.Equal(0, dialogs);
        await page.Context.CloseAsync();
    }
}

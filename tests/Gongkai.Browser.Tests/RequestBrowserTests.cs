using Gongkai.Core.Editorial;
using Gongkai.Testing;
using Microsoft.Playwright;

namespace Gongkai.Browser.Tests;

/// <summary>依申请公开 in real Chromium: apply → track → a handler answers → the applicant sees the answer.</summary>
[Collection(BrowserTests.Name)]
public sealed class RequestBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    [Fact]
    public async Task A_citizen_applies_tracks_and_reads_the_answer_a_handler_gave()
    {
        await browser.App.ScopedAsync(s => TestUsers.CreateAsync(s, "browser-handler", Role.RequestHandler));
        var page = await browser.NewPageAsync();

        // The citizen, from the 依申请公开 column to the form.
        await page.GotoAsync("/gxq/xxgk/ysqgk");
        await page.GetByRole(AriaRole.Link, new() { Name = "网上提交申请" }).ClickAsync();
        await page.GetByLabel("姓名或名称 *").FillAsync("浏览器测试申请人");
        await page.GetByLabel("证件号码（自然人）").FillAsync("32028119900101123X");
        await page.GetByLabel("联系电话 *").FillAsync("13912345678");
        await page.GetByLabel("所需政府信息的名称或特征性描述 *").FillAsync("2025年高新区科技创新券发放名单");
        var question = await page.Locator("label[for=answer]").TextContentAsync();
        var sum = Array.IndexOf(Numerals, question![0].ToString()) + Array.IndexOf(Numerals, question[2].ToString());
        await page.GetByLabel(question).FillAsync(sum.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.WaitForTimeoutAsync(2100); // the check refuses forms filled faster than a person can
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("政府信息公开申请回执");
        var code = (await page.Locator(".query-code").TextContentAsync())!;
        var number = (await page.Locator(".case-number").TextContentAsync())!;
        foreach (var path in BrowserFixture.ScreenshotPaths("request-receipt.png"))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }

        async Task TrackAsync()
        {
            await page.GotoAsync("/gxq/ysqgk/track");
            await page.GetByLabel("查询码").FillAsync(code);
            await page.GetByLabel("联系电话后四位").FillAsync("5678");
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        }
        await TrackAsync();
        await Assertions.Expect(page.Locator(".track-state")).ToHaveTextAsync("待确认");

        // The handler confirms and answers.
        var handler = await browser.NewPageAsync();
        await handler.GotoAsync("/admin/login");
        await handler.GetByLabel("用户名").FillAsync("browser-handler");
        await handler.GetByLabel("密码").FillAsync(TestUsers.Password);
        await handler.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await handler.GetByRole(AriaRole.Link, new() { Name = "依申请公开", Exact = true }).First.ClickAsync();
        await handler.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await handler.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Assertions.Expect(handler.Locator("dd[data-state]")).ToHaveTextAsync("办理中");
        await Assertions.Expect(handler.Locator("ol.deadline-steps")).ToContainTextAsync("条例第三十三条");
        await handler.Locator("select[name=outcome]").SelectOptionAsync(new SelectOptionValue { Label = "予以公开" });
        await handler.Locator("select[name=replyType]").SelectOptionAsync(new SelectOptionValue { Value = "Disclosed" });
        await handler.Locator("textarea[name=text]").FillAsync("予以公开：名单见所附文件，已发送至您预留的联系方式。");
        await handler.GetByRole(AriaRole.Button, new() { Name = "答复", Exact = true }).ClickAsync();
        await Assertions.Expect(handler.Locator("dd[data-state]")).ToHaveTextAsync("已答复");
        foreach (var path in BrowserFixture.ScreenshotPaths("request-case.png"))
        {
            await handler.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        }

        // The applicant sees the answer.
        await TrackAsync();
        await Assertions.Expect(page.Locator(".track-state")).ToHaveTextAsync("已答复");
        await Assertions.Expect(page.Locator(".track-answer")).ToHaveTextAsync("予以公开：名单见所附文件，已发送至您预留的联系方式。");
        await page.Context.CloseAsync();
        await handler.Context.CloseAsync();
    }
}

using Gongkai.Testing;
using Microsoft.Playwright;

namespace Gongkai.Browser.Tests;

[Collection(BrowserTests.Name)]
public sealed class RecordPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Kestrel_does_not_name_itself_in_a_server_header()
    {
        using var client = new HttpClient { BaseAddress = browser.BaseAddress };
        foreach (var url in new[] { "/", "/xxgk/01404053X/2020-00390", "/api/v1/records", "/no/such/page" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Empty(response.Headers.Server);
        }
    }

    [Fact]
    public async Task The_record_page_renders_in_chromium_with_its_chinese_text_and_a_screenshot_is_saved()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync(SeedPage.Url);
        Assert.Equal(200, response!.Status);
        Assert.Equal(SeedPage.Title, (await page.Locator("h1.record-title").InnerTextAsync()).Trim());
        Assert.Equal("01404053X/2020-00390", (await page.Locator("table.record-meta td").First.InnerTextAsync()).Trim());

        // Chinese glyphs come from a CJK font: a CJK string is wider than the same number of
        // narrow Latin letters, which would not hold for missing-glyph boxes of equal width.
        var widths = await page.EvaluateAsync<double[]>(
            "() => { const c = document.createElement('canvas').getContext('2d'); c.font = '16px sans-serif'; " +
            "return [c.measureText('政府信息公开').width, c.measureText('iiiiii').width]; }");
        Assert.True(widths[0] > widths[1] * 2, $"CJK text width {widths[0]} vs Latin {widths[1]}");

        foreach (var path in BrowserFixture.ScreenshotPaths("record-page.png"))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
            Assert.True(new FileInfo(path).Length > 10_000);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_record_added_to_favourites_is_listed_on_my_favourites()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(SeedPage.Url);
        var favourite = page.GetByRole(AriaRole.Button, new() { Name = "收藏" });
        await favourite.ClickAsync();
        await Assertions.Expect(page.Locator("[data-action=favorite]")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator("[data-action=favorite]")).ToHaveTextAsync("已收藏");

        await page.GotoAsync("/favorites");
        var link = page.Locator("#favorites a", new() { HasText = SeedPage.Title });
        await Assertions.Expect(link).ToBeVisibleAsync();
        Assert.Equal(SeedPage.Url, await link.GetAttributeAsync("href"));

        // And it can be removed again.
        await page.GetByRole(AriaRole.Button, new() { Name = "取消收藏" }).ClickAsync();
        await Assertions.Expect(page.Locator("#favorites .empty-note")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Printing_hides_the_navigation_and_keeps_the_record()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(SeedPage.Url);
        Assert.True(await page.Locator("header.site-header").IsVisibleAsync());

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        Assert.False(await page.Locator("header.site-header").IsVisibleAsync());
        Assert.False(await page.Locator("nav.breadcrumb").IsVisibleAsync());
        Assert.False(await page.Locator("footer.site-footer").IsVisibleAsync());
        Assert.False(await page.Locator(".record-actions").IsVisibleAsync());
        Assert.True(await page.Locator("h1.record-title").IsVisibleAsync());
        Assert.True(await page.Locator("table.record-meta").IsVisibleAsync());
        var pdf = await page.PdfAsync();
        Assert.True(pdf.Length > 10_000);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_record_page_fits_the_screen_without_sideways_scrolling()
    {
        var page = await browser.NewPageAsync(width: 375, height: 800);
        await page.GotoAsync(SeedPage.Url);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the screen");
        foreach (var path in BrowserFixture.ScreenshotPaths("record-page-mobile.png"))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_catalog_can_be_browsed_by_keyboard_without_javascript()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/gxq/xxgk/ml");
        var theme = page.Locator("ul.facet-tree > li > a").First;
        await theme.FocusAsync();
        await Assertions.Expect(theme).ToBeFocusedAsync();
        // The wait is set up before the key is pressed, so a quick navigation cannot slip past it
        // (a full CI run on two busy cores once timed out waiting after the fact).
        var navigated = page.WaitForURLAsync(url => url.Contains("theme=", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await navigated;
        Assert.True(await page.Locator(".active-filters").IsVisibleAsync());
        await context.CloseAsync();
    }
}

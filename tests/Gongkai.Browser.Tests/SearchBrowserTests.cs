using Gongkai.Testing;
using Microsoft.Playwright;

namespace Gongkai.Browser.Tests;

[Collection(BrowserTests.Name)]
public sealed class SearchBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Typing_the_slogan_into_the_header_search_box_finds_the_reference_record_first_highlighted()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var first = page.Locator("ol.hits li.hit").First;
        // The background indexer fills the index after start; search until it has (bounded).
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await page.GetByRole(AriaRole.Searchbox, new() { Name = "站内检索" }).FillAsync("争当创新先行军");
            await page.GetByRole(AriaRole.Searchbox, new() { Name = "站内检索" }).PressAsync("Enter");
            await page.WaitForURLAsync(url => url.Contains("/search?q=", StringComparison.Ordinal));
            if (await first.CountAsync() > 0)
            {
                break;
            }
            await page.WaitForTimeoutAsync(200);
            await page.GotoAsync("/");
        }
        Assert.Equal(SeedPage.Url, await first.Locator("h3 a").GetAttributeAsync("href"));
        await Assertions.Expect(first.Locator("h3 em")).ToHaveTextAsync("争当创新先行军");
        // Highlights are visibly marked (not only in the markup).
        var color = await first.Locator("h3 em").EvaluateAsync<string>("e => getComputedStyle(e).color");
        var linkColor = await first.Locator("h3 a").EvaluateAsync<string>("e => getComputedStyle(e).color");
        Assert.NotEqual(linkColor, color);
        foreach (var path in BrowserFixture.ScreenshotPaths("search.png"))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        }
        await page.Context.CloseAsync();
    }
}

using System.Diagnostics;
using Gongkai.Testing;
using Microsoft.Playwright;

namespace Gongkai.Browser.Tests;

/// <summary>
/// The app on Kestrel at a loopback port and one headless Chromium. Missing prerequisites fail
/// the tests with what to install; they are never skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public GongkaiAppFactory App { get; } = new(generatedRecords: 60) { GeneratedRequests = 150, HolidaysThrough = 2026 }; // 2027: a year without a notice

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: run ./scripts/test (it installs it) or `apt-get install -y chromium`.");
        }
        if (!HasCjkFont())
        {
            throw new InvalidOperationException("No CJK font is installed, so Chinese would render as boxes: `apt-get install -y fonts-wqy-microhei` (./scripts/test does it).");
        }
        BaseAddress = App.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No sandbox as root in CI; no background traffic on a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <param name="bypassCsp">ignore the pages' Content-Security-Policy (to prove the sanitiser holds on its own)</param>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Where screenshots go: test output, and docs/screenshots when GONGKAI_UPDATE_SCREENSHOTS=1.</summary>
    public static IEnumerable<string> ScreenshotPaths(string name)
    {
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(output);
        yield return Path.Combine(output, name);
        if (Environment.GetEnvironmentVariable("GONGKAI_UPDATE_SCREENSHOTS") == "1")
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gongkai.slnx")))
            {
                dir = dir.Parent;
            }
            if (dir is not null)
            {
                var docs = Path.Combine(dir.FullName, "docs", "screenshots");
                Directory.CreateDirectory(docs);
                yield return Path.Combine(docs, name);
            }
        }
    }

    private static bool HasCjkFont()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("fc-list", ":lang=zh family") { RedirectStandardOutput = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTests
{
    public const string Name = "browser";
}

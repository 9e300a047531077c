using AngleSharp;
using AngleSharp.Dom;
using Gongkai.Testing;

namespace Gongkai.Web.Tests;

/// <summary>One app for the web tests: Program.cs on a real SQLite file with the demo site group.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public GongkaiAppFactory App { get; } = new(generatedRecords: 300) { HolidaysThrough = 2026 }; // 2027: a year without a notice

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public async Task<IDocument> PageAsync(string url, int expectedStatus = 200)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expectedStatus == (int)response.StatusCode, $"GET {url}: expected {expectedStatus}, got {(int)response.StatusCode}");
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(req => req.Content(html));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalTests : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}

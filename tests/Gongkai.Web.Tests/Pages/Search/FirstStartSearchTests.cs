using System.Text.Json;
using Gongkai.Testing;

namespace Gongkai.Web.Tests.Pages.Search;

public sealed class FirstStartSearchTests
{
    [Fact]
    public async Task On_a_first_start_the_demo_is_searchable_as_soon_as_the_portal_answers()
    {
        // A fresh data folder: the app loads the demo site group at start. A new user's first search,
        // sent the moment the portal answers, must find the reference record (no waiting for the
        // background indexer).
        await using var app = new GongkaiAppFactory(generatedRecords: 20);
        using var client = app.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/search?q=" + Uri.EscapeDataString("争当创新先行军"), UriKind.Relative)));
        Assert.Equal(1, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal("01404053X/2020-00390", json.RootElement.GetProperty("hits")[0].GetProperty("indexNumber").GetString());
    }
}

using System.Net;
using System.Text.Json;

namespace Gongkai.Web.Tests.Api;

[Collection(PortalTests.Name)]
public sealed class CalendarApiTests(PortalFixture portal)
{
    [Fact]
    public async Task The_calculator_gives_the_due_date_and_the_days_skipped_with_their_reasons()
    {
        using var json = JsonDocument.Parse(await portal.Client.GetStringAsync(new Uri("/api/v1/calendar/add-working-days?from=2026-09-30&days=1", UriKind.Relative)));
        var root = json.RootElement;
        Assert.Equal("2026-09-30", root.GetProperty("from").GetString());
        Assert.Equal(1, root.GetProperty("days").GetInt32());
        Assert.Equal("2026-10-08", root.GetProperty("due").GetString());
        var skipped = root.GetProperty("skipped").EnumerateArray().Select(s => $"{s.GetProperty("date").GetString()} {s.GetProperty("reason").GetString()}").ToList();
        Assert.Equal("2026-10-01 国庆节", skipped[0]);
        Assert.Contains("2026-10-03 周末", skipped);
        Assert.Equal(7, skipped.Count);
    }

    [Theory]
    [InlineData("from=2026-12-25&days=5", "2027年的节假日安排尚未录入")]
    [InlineData("from=2026/12/25&days=5", "年-月-日")]
    [InlineData("from=2026-02-30&days=5", "年-月-日")]
    [InlineData("from=2026-03-02&days=-1", "days")]
    [InlineData("from=2026-03-02&days=x", "days")]
    [InlineData("from=2026-03-02", "days")]
    [InlineData("from=2026-03-02&days=100000", "不能超过")]
    [InlineData("from=9999-12-31&days=5", "1949年至2100年")] // was a 500: the count ran past the last date .NET has
    [InlineData("from=0001-01-01&days=5", "1949年至2100年")]
    public async Task Bad_input_and_unknown_years_get_a_chinese_400(string query, string fragment)
    {
        using var response = await portal.Client.GetAsync(new Uri("/api/v1/calendar/add-working-days?" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(fragment, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

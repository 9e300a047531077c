using System.Net;
using System.Text.Json;

namespace Gongkai.Web.Tests.Areas.Admin;

public sealed class HolidayAdministrationTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Notice2027 = """
        {"year": 2027, "source": "测试用2027年节假日安排",
         "days": [{"date": "2027-01-01", "name": "元旦", "off": true},
                  {"date": "2027-02-05", "name": "春节", "off": true},
                  {"date": "2027-02-08", "name": "春节", "off": true},
                  {"date": "2027-02-20", "name": "春节", "off": false}]}
        """;

    [Fact]
    public async Task An_administrator_imports_a_new_years_notice_and_deadlines_into_that_year_can_be_computed()
    {
        var client = fixture.NewClient();
        var before = await client.GetAsync(new Uri("/api/v1/calendar/add-working-days?from=2026-12-20&days=20", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Contains("2027年的节假日安排尚未录入", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using (var bad = await fixture.PostFormAsync("admin", "/admin/holidays", new() { ["json"] = Notice2027.Replace("\"2027-02-20\", \"name\": \"春节\", \"off\": false", "\"2027-02-20\", \"name\": \"春节\", \"off\": true", StringComparison.Ordinal) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("2027-02-20 是周末，本来就不上班", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var refused = await fixture.PostFormAsync("gxq-reviewer", "/admin/holidays", new() { ["json"] = Notice2027 }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var imported = await fixture.PostFormAsync("admin", "/admin/holidays", new() { ["json"] = Notice2027 }))
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        }
        using var after = await client.GetAsync(new Uri("/api/v1/calendar/add-working-days?from=2026-12-20&days=20", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var json = JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement;
        // 21 Dec 2026 … : 9 working days in 2026 (21–25, 28–31), 1 January off, then 11 more: 18 January 2027.
        Assert.Equal("2027-01-18", json.GetProperty("due").GetString());
        Assert.Contains(json.GetProperty("skipped").EnumerateArray(), d => d.GetProperty("date").GetString() == "2027-01-01" && d.GetProperty("reason").GetString() == "元旦");
        var page = await (await fixture.ClientAsync("admin")).GetStringAsync(new Uri("/admin/holidays", UriKind.Relative));
        Assert.Contains("测试用2027年节假日安排", page, StringComparison.Ordinal);
    }
}

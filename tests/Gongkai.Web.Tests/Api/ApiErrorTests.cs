using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gongkai.Web.Tests.Api;

/// <summary>
/// Every error under /api is a ProblemDetails in Chinese, whatever raised it: a body of the wrong
/// JSON types, a bad date, a truncated or non-JSON body, a wrong content type, a wrong method, an
/// unknown route (probe finding F8). The body size limit needs Kestrel: UploadLimitTests.
/// </summary>
public sealed class ApiErrorTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Records = "/api/v1/editorial/records";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        var client = fixture.NewClient();
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens["gxq-editor"]);
        return await client.SendAsync(request);
    }

    internal static async Task AssertChineseProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        foreach (var field in new[] { "title", "detail" })
        {
            Assert.Matches("[\\u4e00-\\u9fff]", json.RootElement.GetProperty(field).GetString());
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static TheoryData<string, string> BadBodies => new()
    {
        { Records, "{" },
        { Records, "not json at all" },
        { Records, "{\"site\": 42, \"record\": {}}" },
        { Records, "{\"site\": \"gxq\", \"record\": \"a string\"}" },
        { Records, "{\"site\": \"gxq\", \"record\": {\"title\": [1, 2]}}" },
        { Records, "[1, 2, 3]" },
        { Records + "/1/approve", "{\"secrecyConfirmed\": \"yes\"}" },
        { Records + "/1/approve", "{\"secrecyConfirmed\": true, \"publishAt\": \"2026-13-45\"}" },
        { Records + "/1/approve", "{\"secrecyConfirmed\": true, \"publishAt\": \"tomorrow\"}" },
        { Records + "/1/return", "{\"comment\": {\"a\": 1}}" },
        { Records + "/1/withdraw", "{\"reason\": " },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_body_that_is_not_the_json_asked_for_gets_a_chinese_400(string url, string body)
    {
        using var response = await SendAsync(HttpMethod.Post, url, Json(body));
        await AssertChineseProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_wrong_content_type_method_or_route_gets_a_chinese_problem()
    {
        using (var text = await SendAsync(HttpMethod.Post, Records, new StringContent("title=x", Encoding.UTF8, "text/plain")))
        {
            await AssertChineseProblemAsync(text, HttpStatusCode.UnsupportedMediaType);
        }
        using (var method = await SendAsync(HttpMethod.Patch, Records + "/1/submit", Json("{}")))
        {
            await AssertChineseProblemAsync(method, HttpStatusCode.MethodNotAllowed);
        }
        using (var route = await SendAsync(HttpMethod.Get, "/api/v1/no-such-route"))
        {
            await AssertChineseProblemAsync(route, HttpStatusCode.NotFound);
        }
    }
}

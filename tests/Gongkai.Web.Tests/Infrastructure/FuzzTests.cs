using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Gongkai.Web.Tests.Infrastructure;

/// <summary>
/// The probe's fuzz pass as a standing test (issue 20): every query parameter of every public GET
/// route gets each hostile value of a fixed list (bounded: routes × parameters × values, no
/// randomness, so a failure reproduces), alone; and the editorial API gets malformed bodies. No
/// answer may be a 5xx, and every 4xx must say in Chinese what is wrong.
/// </summary>
[Collection(PortalTests.Name)]
public sealed partial class FuzzTests(PortalFixture portal)
{
    /// <summary>Public GET routes and their query parameters.</summary>
    private static readonly (string Path, string[] Parameters)[] Routes =
    [
        ("/search", ["q", "scope", "sort", "site", "theme", "genre", "year", "status", "organization", "from", "to", "agency", "docYear", "docNo", "page"]),
        ("/api/v1/search", ["q", "site", "theme", "genre", "year", "status", "organization", "scope", "sort", "page"]),
        ("/gxq/xxgk/ml", ["theme", "genre", "organization", "year", "page"]),
        ("/jy/xxgk/ml", ["theme", "genre", "organization", "year", "page"]),
        ("/api/v1/records", ["site", "theme", "genre", "organization", "year", "page", "pageSize"]),
        ("/statistics", ["year", "org"]),
        ("/api/v1/statistics", ["year", "org"]),
        ("/statistics/published.csv", ["year", "org"]),
        ("/api/v1/calendar/add-working-days", ["from", "days"]),
        ("/gxq/xxgk/", ["page"]),
        ("/xxgk/01404053X/2020-00390", ["page"]),
    ];

    private static readonly string[] Values =
    [
        "", " ", "0", "-1", "1.5", "2147483648", "-2147483649", "99999999999999999999", "1e9", "0x10", "NaN",
        "9999-12-31", "0001-01-01", "2026-02-30", "2026-13-01", "20260101", "1949-01-01", "yesterday",
        new string('长', 5000), new string('a', 20000), "%", "%%", "%00", "\u0000", "\u001b[31m", "\uFFFE", "\uFFFD",
        "' OR 1=1 --", "\"; DROP TABLE Records; --", "../../etc/passwd", "..\\..\\windows", "<script>alert(1)</script>",
        "{{7*7}}", "${7*7}", "*", "?", "[", "(", "\"", "\\", "AND OR NOT", "title:x", "x~2", "a*b?c", "/regex/",
        "‮abc", "🙂🙂🙂", "全角１２３", "江阴高新区", "其他/其他", "/", "//", "null", "undefined", "true", "[]", "{}",
    ];

    [Fact]
    public async Task No_public_query_parameter_value_gets_a_server_error_and_every_refusal_is_in_chinese()
    {
        var tried = 0;
        var failures = new List<string>();
        foreach (var (path, parameters) in Routes)
        {
            foreach (var parameter in parameters)
            {
                foreach (var value in Values)
                {
                    var url = $"{path}?{parameter}={Uri.EscapeDataString(value)}";
                    using var response = await portal.Client.GetAsync(new Uri(url, UriKind.Relative));
                    tried++;
                    var problem = await CheckAsync(response);
                    if (problem is not null)
                    {
                        failures.Add($"{url[..Math.Min(url.Length, 120)]}: {problem}");
                    }
                }
            }
        }
        var summary = $"fuzz pass, public GET: {tried} requests over {Routes.Length} routes; {failures.Count} violations";
        Console.WriteLine(summary);
        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n", failures.Take(40)));
        Assert.True(tried > 2500, summary);
    }

    /// <summary>What is wrong with an answer, or null: a 5xx, or a 4xx without a word of Chinese.</summary>
    internal static async Task<string?> CheckAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"{status}";
        }
        if (status >= 400)
        {
            var text = await response.Content.ReadAsStringAsync();
            // JSON may carry Chinese as \uXXXX escapes.
            var decoded = JsonEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
            if (!Chinese().IsMatch(decoded))
            {
                return $"{status} without Chinese: {text[..Math.Min(text.Length, 200)]}";
            }
        }
        return null;
    }

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial Regex JsonEscape();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}

/// <summary>The editorial API's half of the fuzz pass: malformed bodies, with a real token.</summary>
public sealed class ApiBodyFuzzTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    /// <summary>Malformed bodies for the editorial API: each must get a Chinese 4xx.</summary>
    private static readonly string[] Bodies =
    [
        "", " ", "null", "[]", "{}", "\"text\"", "42", "{", "{\"title\":", "{\"title\":\"x\"", "{'title':'x'}",
        "{\"title\":123}", "{\"title\":null}", "{\"title\":[\"x\"]}", "{\"title\":{\"a\":1}}", "{\"generatedOn\":\"2026-02-30\"}",
        "{\"generatedOn\":\"tomorrow\"}", "{\"generatedOn\":20260101}", "{\"keywords\":\"x\"}", "{\"keywords\":[1,2]}",
        "{\"genre\":\"不存在的体裁\"}", "{\"themePrimary\":true}", "{\"title\":\"" + new string('长', 20000) + "\"}",
        "{\"record\":{\"title\":\"x\"},\"site\":123}", "{\"site\":\"../gxq\",\"record\":{}}", "{\"site\":\"gxq\",\"record\":null}",
        "{\"site\":\"gxq\",\"record\":[]}", "{\"site\":\"gxq\",\"publisher\":\"000000000\",\"record\":{}}",
        "{\"secrecyConfirmed\":\"yes\"}", "{\"reason\":12}", "{\"comment\":null}", "\u0000\u0001", "<xml/>",
        "{\"a\":" + string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)) + "}",
    ];

    private static readonly (string Method, string Path)[] BodyRoutes =
    [
        ("POST", "/api/v1/editorial/records"),
        ("PUT", "/api/v1/editorial/records/999999"),
        ("POST", "/api/v1/editorial/records/999999/submit"),
        ("POST", "/api/v1/editorial/records/999999/approve"),
        ("POST", "/api/v1/editorial/records/999999/return"),
        ("POST", "/api/v1/editorial/records/999999/withdraw"),
    ];

    [Fact]
    public async Task No_malformed_api_body_gets_a_server_error_and_every_refusal_is_in_chinese()
    {
        // With the 高新区 editor's real token, so the bodies are read; three content types each.
        using var client = fixture.NewClient();
        var tried = 0;
        var failures = new List<string>();
        foreach (var (method, path) in BodyRoutes)
        {
            foreach (var body in Bodies)
            {
                foreach (var contentType in new[] { "application/json", "text/plain", "application/x-www-form-urlencoded" })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
                    {
                        Content = new StringContent(body, Encoding.UTF8, contentType),
                    };
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.Tokens["gxq-editor"]);
                    using var response = await client.SendAsync(request);
                    tried++;
                    if (await FuzzTests.CheckAsync(response) is { } problem)
                    {
                        failures.Add($"{method} {path} ({contentType}) {body[..Math.Min(body.Length, 40)]}: {problem}");
                    }
                }
            }
        }
        var summary = $"fuzz pass, editorial API bodies: {tried} requests over {BodyRoutes.Length} routes; {failures.Count} violations";
        Console.WriteLine(summary);
        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n", failures.Take(40)));
    }

}

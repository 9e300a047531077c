using System.Net;
using System.Text.RegularExpressions;
using Gongkai.Core.Editorial;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gongkai.Testing;

/// <summary>HTTP clients of the console: over HTTPS (so the secure cookies are kept), signed in through the login form.</summary>
public static partial class ConsoleClients
{
    /// <summary>A client of the app that does not follow redirects, over HTTPS.</summary>
    public static HttpClient NewClient(this GongkaiAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
    }

    /// <summary>
    /// A new client signed in as <paramref name="userName"/>; with a <paramref name="role"/>, the
    /// person is made first (for the organization with <paramref name="prefix"/>).
    /// </summary>
    public static async Task<HttpClient> SignedInAsync(this GongkaiAppFactory app, string userName, Role? role = null, string? prefix = TestUsers.Gxq)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (role is not null)
        {
            await app.ScopedAsync(s => TestUsers.CreateAsync(s, userName, role, prefix));
        }
        var client = app.NewClient();
        using var response = await LoginAsync(client, userName, TestUsers.Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"{userName} could not sign in: {(int)response.StatusCode}.");
        }
        return client;
    }

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = await TokenAsync(client, "/admin/login");
        return await client.PostAsync(new Uri("/admin/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName, ["password"] = password, ["__RequestVerificationToken"] = token!,
        }));
    }

    /// <summary>The antiforgery token of the first form on <paramref name="page"/>.</summary>
    public static async Task<string?> TokenAsync(HttpClient client, string page)
    {
        ArgumentNullException.ThrowIfNull(client);
        return TokenIn(await client.GetStringAsync(new Uri(page, UriKind.Relative)));
    }

    /// <summary>The antiforgery token of the first form in <paramref name="html"/>.</summary>
    public static string? TokenIn(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

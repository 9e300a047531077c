using System.Net;
using Gongkai.Testing;

namespace Gongkai.Web.Tests.Infrastructure;

/// <summary>The console over a real Kestrel socket: plain HTTP only from this machine.</summary>
public sealed class ConsoleTransportTests : IAsyncLifetime, IDisposable
{
    private readonly GongkaiAppFactory _app = new(generatedRecords: 0);
    private Uri _address = null!;

    public Task InitializeAsync()
    {
        _address = _app.StartKestrel();
        return Task.CompletedTask;
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? forwardedFor, string? forwardedProto)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _address };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Https_through_the_trusted_proxy_gets_hsts_and_plain_http_does_not()
    {
        using (var viaProxy = await GetAsync("/", "203.0.113.9", "https"))
        {
            Assert.Equal(HttpStatusCode.OK, viaProxy.StatusCode);
            Assert.Equal("max-age=31536000", string.Join(",", viaProxy.Headers.GetValues("Strict-Transport-Security")));
        }
        using var plain = await GetAsync("/", null, null);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.False(plain.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Plain_http_from_this_machine_reaches_the_sign_in_page()
    {
        using var response = await GetAsync("/admin/login", null, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Plain_http_from_another_machine_through_a_local_proxy_is_refused_in_chinese()
    {
        using var response = await GetAsync("/admin/login", "203.0.113.9", "http");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("HTTPS", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var api = await GetAsync("/api/v1/editorial/records/1", "203.0.113.9", null);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        // The public portal is not affected.
        using var portal = await GetAsync("/healthz", "203.0.113.9", null);
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
    }

    [Fact]
    public async Task Https_terminated_at_the_proxy_is_accepted_and_its_cookies_are_secure()
    {
        using var response = await GetAsync("/admin/login", "203.0.113.9", "https");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gongkai.af=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();
}

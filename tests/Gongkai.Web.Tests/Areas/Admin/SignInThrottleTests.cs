using System.Net;
using Gongkai.Testing;

namespace Gongkai.Web.Tests.Areas.Admin;

public sealed class SignInThrottleTests
{
    [Fact]
    public async Task One_address_may_try_to_sign_in_only_so_often_whatever_the_account()
    {
        // Probe finding F11: no per-address throttle; guesses spread over accounts were never slowed.
        await using var app = new GongkaiAppFactory(generatedRecords: 0) { Settings = { ["Gongkai:Accounts:SignInsPerTenMinutesPerIp"] = "3" } };
        using var client = app.NewClient();
        for (var i = 0; i < 3; i++)
        {
            using var attempt = await ConsoleClients.LoginAsync(client, $"guess-{i}", "wrong-password-1");
            Assert.Equal(HttpStatusCode.BadRequest, attempt.StatusCode);
        }
        using var refused = await ConsoleClients.LoginAsync(client, "another-guess", "wrong-password-1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("登录尝试过于频繁，请十分钟后再试。", await refused.Content.ReadAsStringAsync());
        // Reading the form is not limited.
        using var form = await client.GetAsync(new Uri("/admin/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}

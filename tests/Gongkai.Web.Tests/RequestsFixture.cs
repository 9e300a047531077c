using Gongkai.Core.Editorial;
using Gongkai.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Gongkai.Web.Tests;

/// <summary>An app whose clock the test moves: 1 July 2026, 10:00 in China.</summary>
public sealed class RequestsFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.FromHours(8)));

    public GongkaiAppFactory App { get; }

    public RequestsFixture() => App = new GongkaiAppFactory(generatedRecords: 0) { Time = Clock };

    public async Task InitializeAsync() =>
        await App.ScopedAsync(s => TestUsers.CreateAsync(s, "handler", Role.RequestHandler));

    public HttpClient NewClient() => App.NewClient();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

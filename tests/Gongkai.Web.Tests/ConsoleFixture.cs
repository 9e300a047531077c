using System.Net;
using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core.Editorial;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests;

/// <summary>
/// An app of its own for the console and the editorial API, with five people: an editor and a
/// reviewer for 高新区, an administrator, and an editor and a reviewer for 临港开发区 (the "other
/// organization"). Each has a signed-in client (HTTPS, so the secure cookies are kept) and an API token.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public static readonly string[] People = ["gxq-editor", "gxq-reviewer", "admin", "lg-editor", "lg-reviewer", "gxq-handler"];

    public GongkaiAppFactory App { get; } = new(generatedRecords: 20) { HolidaysThrough = 2026 }; // 2027: a year without a notice

    public Dictionary<string, Actor> Actors { get; } = [];

    public Dictionary<string, string> Tokens { get; } = [];

    private readonly Dictionary<string, HttpClient> _clients = [];

    public async Task InitializeAsync()
    {
        App.Settings["Gongkai:Editorial:SchedulerIntervalSeconds"] = "1";
        App.Settings["Gongkai:Accounts:LockoutWindowSeconds"] = "60";
        foreach (var (name, role, prefix) in new (string, Role, string?)[]
                 {
                     ("gxq-editor", Role.Editor, TestUsers.Gxq), ("gxq-reviewer", Role.Reviewer, TestUsers.Gxq),
                     ("admin", Role.Administrator, null), ("lg-editor", Role.Editor, TestUsers.Lg), ("lg-reviewer", Role.Reviewer, TestUsers.Lg),
                     ("gxq-handler", Role.RequestHandler, TestUsers.Gxq),
                 })
        {
            var actor = await App.ScopedAsync(s => TestUsers.CreateAsync(s, name, role, prefix));
            Actors[name] = actor;
            Tokens[name] = (await App.ScopedAsync(s => s.GetRequiredService<ApiTokens>().IssueAsync(actor, "测试"))).Token;
        }
    }

    public HttpClient NewClient() => App.NewClient();

    /// <summary>A client signed in as <paramref name="person"/>, or an anonymous one for null.</summary>
    public async Task<HttpClient> ClientAsync(string? person)
    {
        var key = person ?? "";
        if (_clients.TryGetValue(key, out var client))
        {
            return client;
        }
        client = NewClient();
        if (person is not null)
        {
            using var response = await LoginAsync(client, person, TestUsers.Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        _clients[key] = client;
        return client;
    }

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password) => ConsoleClients.LoginAsync(client, userName, password);

    public static Task<string?> TokenAsync(HttpClient client, string page) => ConsoleClients.TokenAsync(client, page);

    public static string? TokenIn(string html) => ConsoleClients.TokenIn(html);

    /// <summary>Posts a console form with the person's antiforgery token (taken from the API令牌 page, which everyone signed in may open).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string? person, string url, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var client = await ClientAsync(person);
        var token = await TokenAsync(client, person is null ? "/admin/login" : "/admin/tokens");
        fields["__RequestVerificationToken"] = token ?? string.Empty;
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a console form with a file (multipart, the file as <c>file</c>) and the person's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string? person, string url, Dictionary<string, string> fields, string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var client = await ClientAsync(person);
        var token = await TokenAsync(client, person is null ? "/admin/login" : "/admin/tokens");
        using var form = new MultipartFormDataContent { { new StringContent(token ?? string.Empty), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        form.Add(new ByteArrayContent(content), "file", fileName);
        return await client.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    /// <summary>A 高新区 record brought to <paramref name="state"/> through the operation layer.</summary>
    public async Task<long> RecordInAsync(string state, string title = "矩阵测试信息")
    {
        var editor = Actors["gxq-editor"];
        var reviewer = Actors["gxq-reviewer"];
        return await App.ScopedAsync(async s =>
        {
            var workflow = s.GetRequiredService<RecordWorkflow>();
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            var content = RecordContents.Valid(terms, title, App.Today.AddDays(-1));
            var id = (await workflow.CreateAsync(editor, await TestUsers.SiteAsync(s, "gxq"), null, content)).RecordId;
            if (state == "editing")
            {
                return id;
            }
            await workflow.SubmitAsync(editor, id);
            if (state == "submitted")
            {
                return id;
            }
            await workflow.ApproveAsync(reviewer, id, true, state == "approved" ? App.UtcNow.AddDays(30) : null);
            return id;
        });
    }

    /// <summary>An online application to 高新区, as the public form makes it.</summary>
    public Task<Application.Requests.SubmittedApplication> ApplicationAsync(string name = "张三", string phone = "13800001234") =>
        App.ScopedAsync(s => s.GetRequiredService<Application.Requests.RequestService>().SubmitOnlineAsync("gxq", new Application.Requests.ApplicationForm
        {
            Kind = Core.Requests.ApplicantKind.NaturalPerson, Name = name, IdType = "居民身份证", IdNumber = "320281199001011234",
            Phone = phone, Description = "2025年高新区科技创新券发放名单", FormWanted = "电子邮件", DeliveryMethod = "电子邮件",
        }));

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        await App.DisposeAsync();
    }
}

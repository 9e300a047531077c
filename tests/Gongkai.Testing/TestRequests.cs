using Gongkai.Application.Accounts;
using Gongkai.Application.Requests;
using Gongkai.Core.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Testing;

/// <summary>Requests for disclosure as a handler registers them, for tests of what follows.</summary>
public static class TestRequests
{
    /// <summary>A natural person's application with a passport, asking for <paramref name="description"/> by e-mail.</summary>
    public static ApplicationForm Citizen(string name, string phone, string description, string idNumber = "E1") => new()
    {
        Kind = ApplicantKind.NaturalPerson, Name = name, IdType = "护照", IdNumber = idNumber, Phone = phone,
        Description = description, FormWanted = "电子邮件", DeliveryMethod = "电子邮件",
    };

    /// <summary>Registered in person at <paramref name="site"/> and received on the app's today.</summary>
    public static Task<SubmittedApplication> RegisterAsync(GongkaiAppFactory app, Actor handler, ApplicationForm form, string site = "gxq")
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ScopedAsync(async s => await s.GetRequiredService<RequestService>().RegisterAsync(handler, await TestUsers.SiteAsync(s, site), form, RequestChannel.InPerson, app.Today));
    }
}

using Gongkai.Application.Accounts;
using Gongkai.Application.Requests;
using Gongkai.Core;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests.Pages.Requests;

/// <summary>条例 Art. 29: a name, proof of identity and a way to be reached — nothing more is required of an organization.</summary>
public sealed class ApplicantIdentityTests : IAsyncLifetime, IDisposable
{
    private readonly GongkaiAppFactory _app = new(generatedRecords: 0);
    private Actor _handler = null!;

    public async Task InitializeAsync() => _handler = await _app.ScopedAsync(s => TestUsers.CreateAsync(s, "identity-handler", Role.RequestHandler));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    private Task<SubmittedApplication> RegisterAsync(ApplicationForm form) => TestRequests.RegisterAsync(_app, _handler, form);

    private static ApplicationForm Organization(ApplicantKind kind) => new()
    {
        Kind = kind, Name = "江阴市某读书会", Phone = "0510-86000000", Description = "2026年全民阅读活动经费安排", FormWanted = "电子邮件", DeliveryMethod = "电子邮件",
    };

    [Fact]
    public async Task An_organization_needs_no_legal_representative_and_an_other_organization_may_prove_itself_by_its_heads_id()
    {
        // A company with its credit code, no 法定代表人 and no 联系人 given.
        var org = "MA123456" + Core.Catalog.OrganizationCode.Gb11714CheckCharacter("MA123456");
        var body = "91320281" + org;
        var code = body + Core.Catalog.OrganizationCode.Gb32100CheckCharacter(body);
        var company = await RegisterAsync(Organization(ApplicantKind.Commercial) with { Name = "江阴某科技有限公司", CreditCode = code });
        Assert.StartsWith("01404053X-", company.CaseNumber, StringComparison.Ordinal);

        // A company without its credit code is refused, in Chinese.
        var refused = await Assert.ThrowsAsync<DomainException>(() => RegisterAsync(Organization(ApplicantKind.Commercial)));
        Assert.Equal("请填写统一社会信用代码。", refused.Message);

        // An 其他组织 without a credit code: refused without any proof, accepted with its head's ID.
        refused = await Assert.ThrowsAsync<DomainException>(() => RegisterAsync(Organization(ApplicantKind.OtherOrganization)));
        Assert.Contains("负责人的证件类型和号码", refused.Message, StringComparison.Ordinal);
        var club = await RegisterAsync(Organization(ApplicantKind.OtherOrganization) with { IdType = "居民身份证", IdNumber = "32028119900101123x", LegalRepresentative = "李四" });
        var view = await _app.ScopedAsync(s => s.GetRequiredService<RequestService>().GetAsync(_handler, club.Id));
        Assert.Equal(("居民身份证", "32028119900101123X", null, "李四"), (view.Case.IdType, view.Case.IdNumber, view.Case.CreditCode, view.Case.LegalRepresentative));
    }
}

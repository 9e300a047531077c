using Gongkai.Application.Accounts;
using Gongkai.Application.Admin;
using Gongkai.Application.Editorial;
using Gongkai.Application.Requests;
using Gongkai.Application.Setup;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Setup;

/// <summary>
/// Every text a person types has a length its column keeps, and one character more is refused in
/// Chinese before the database sees it — the same on SQLite (which would keep it) and on PostgreSQL
/// (whose varchar would fail the statement with a 500). Found when the administrators' forms first
/// ran on PostgreSQL.
/// </summary>
public sealed class LengthLimitTests
{
    private static string Long(int length) => new('长', length);

    public static TheoryData<string> Operations => new()
    {
        "organization full name", "organization short name", "organization rename", "site name", "term label", "term rename",
        "withdrawal reason", "return comment", "token name", "letter template", "holiday notice source", "fee payment method", "publication period basis",
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_text_one_character_over_its_limit_is_refused_in_chinese_and_at_the_limit_kept(string operation)
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        var codes = 0;
        string Code()
        {
            var body = "0150" + (1000 + codes++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return body + OrganizationCode.Gb11714CheckCharacter(body);
        }
        Func<IServiceProvider, Actor, int, Task> run = operation switch
        {
            "organization full name" => (s, a, n) => s.GetRequiredService<SiteGroupAdministration>().CreateOrganizationAsync(a, Long(n), "简称", Code(), null),
            "organization short name" => (s, a, n) => s.GetRequiredService<SiteGroupAdministration>().CreateOrganizationAsync(a, "全称", Long(n), Code(), null),
            "organization rename" => async (s, a, n) => await s.GetRequiredService<SiteGroupAdministration>().RenameOrganizationAsync(a,
                await TestUsers.OrganizationAsync(s, TestUsers.Lg), Long(n), "临港"),
            "site name" => async (s, a, n) => await s.GetRequiredService<SiteGroupAdministration>().CreateSiteAsync(a, $"len{codes++}", Long(n),
                await TestUsers.OrganizationAsync(s, TestUsers.Lg), null, null),
            "term label" => (s, a, n) => s.GetRequiredService<SiteGroupAdministration>().AddTermAsync(a, Vocabulary.Genre, Long(n - 1) + codes++, null),
            "term rename" => (s, a, n) => s.GetRequiredService<SiteGroupAdministration>().RenameTermAsync(a,
                terms.Of(Vocabulary.Genre).First().Id, Long(n)),
            "withdrawal reason" => async (s, _, n) =>
            {
                var published = await TestRecords.PublishAsync(s, RecordContents.Valid(terms, "撤回理由长度测试"));
                await TestRecords.WithdrawAsync(s, published.RecordId, Long(n));
            },
            "return comment" => async (s, _, n) =>
            {
                var (editor, reviewer) = await TestRecords.DeskAsync(s);
                var id = await TestRecords.DraftAsync(s, RecordContents.Valid(terms, "退回意见长度测试"));
                await s.GetRequiredService<RecordWorkflow>().SubmitAsync(editor, id);
                await s.GetRequiredService<RecordWorkflow>().ReturnAsync(reviewer, id, Long(n));
            },
            "token name" => (s, a, n) => s.GetRequiredService<ApiTokens>().IssueAsync(a, Long(n)),
            // The built-in text (its placeholders are required) and a postscript up to the length.
            "letter template" => (s, a, n) => s.GetRequiredService<RequestLetters>().SaveTemplateAsync(a, LetterKind.Acknowledgement,
                Letters.DefaultBody(LetterKind.Acknowledgement) + Long(n - Letters.DefaultBody(LetterKind.Acknowledgement).Length)),
            // No message of its own: the net under the operations (GongkaiDbContext) says it.
            "holiday notice source" => (s, a, n) => s.GetRequiredService<HolidayAdministration>().ImportAsync(a,
                $$"""{"year": 2035, "source": "{{Long(n)}}", "days": [{"date": "2035-01-01", "name": "元旦", "off": true}]}"""),
            "fee payment method" => async (s, _, n) =>
            {
                var handler = await TestUsers.CreateAsync(s, $"len-h-{Guid.NewGuid():N}"[..20], Role.RequestHandler, TestUsers.Lg);
                var requests = s.GetRequiredService<RequestService>();
                var registered = await requests.RegisterAsync(handler, await TestUsers.SiteAsync(s, "lg"), new ApplicationForm
                {
                    Kind = ApplicantKind.NaturalPerson, Name = "缴纳方式长度测试", IdType = "护照", IdNumber = $"L{codes++}", Phone = "13600002222",
                    Description = "大量档案", FormWanted = "纸质", DeliveryMethod = "邮寄",
                }, RequestChannel.InPerson, ChinaTime.DateOf(app.Time.GetUtcNow().UtcDateTime));
                await requests.NoticeFeeAsync(handler, registered.Id, FeeMode.PerPage, 50, Long(n), null);
            },
            "publication period basis" => (s, _, n) => TestRecords.DraftAsync(s,
                RecordContents.Valid(terms, "公开期限依据长度测试") with { PublicationPeriod = new PublicationPeriod(7, true, Long(n)) }),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        var limit = operation switch
        {
            "organization full name" or "organization rename" => Organization.FullNameMaxLength,
            "organization short name" => Organization.ShortNameMaxLength,
            "site name" => Site.NameMaxLength,
            "term label" or "term rename" => Term.LabelMaxLength,
            "withdrawal reason" => Core.Catalog.Record.WithdrawalReasonMaxLength,
            "return comment" => Revision.ReviewCommentMaxLength,
            "token name" => 100,
            "letter template" => RequestLetters.TemplateMaxLength,
            "fee payment method" => RequestCase.FeePaymentMethodMaxLength,
            "publication period basis" => PublicationPeriod.BasisMaxLength,
            _ => 300,
        };

        var error = await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(async s =>
            await run(s, await TestUsers.CreateAsync(s, $"len-admin-{Guid.NewGuid():N}"[..20], Role.Administrator, null), limit + 1)));
        Assert.Contains($"最多{limit}个字符", error.Message, StringComparison.Ordinal);
        await app.RunAsync(async s => await run(s, await TestUsers.CreateAsync(s, $"len-admin-{Guid.NewGuid():N}"[..20], Role.Administrator, null), limit));
    }
}

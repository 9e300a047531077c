using Gongkai.Application.Accounts;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Editorial;

public sealed class RecordImportTests
{
    [Fact]
    public async Task The_demo_loads_through_the_import_audited_as_the_platform_one_entry_per_batch()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 2500);

        var imports = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.RecordImport).OrderBy(e => e.Sequence).ToListAsync());
        // The reference record, then 1,000 + 1,000 + 500 generated records.
        Assert.Equal(4, imports.Count);
        Assert.All(imports, e => Assert.Equal((null, Actor.DemoLoader.Name), (e.ActorId, e.ActorName)));
        Assert.Contains("\"first\":\"01404053X/2020-00390\"", imports[0].After, StringComparison.Ordinal);
        Assert.Contains("\"count\":500", imports[^1].After, StringComparison.Ordinal);
        Assert.Equal("导入已发布信息", AuditActions.Label(AuditActions.RecordImport));
        var audit = await app.RunAsync(s => s.GetRequiredService<AuditLog>().VerifyAsync());
        Assert.True(audit.Intact, audit.Problem);
    }

    [Fact]
    public async Task Only_an_administrator_or_the_platform_imports_and_a_kept_number_moves_the_counter_past_it()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        var content = RecordContents.Valid(terms, "从原门户导入的信息", new DateOnly(2025, 3, 3));
        await app.RunAsync(async s =>
        {
            var (editor, reviewer) = await TestRecords.DeskAsync(s);
            var admin = await TestUsers.CreateAsync(s, "import-admin", Role.Administrator);
            var site = await TestUsers.SiteAsync(s, "gxq");
            var organization = await TestUsers.OrganizationAsync(s, TestUsers.Gxq);
            var kept = IndexNumber.Create(TestUsers.Gxq, 2025, 120);
            ImportedRecord[] batch = [new(site, organization, content, new DateOnly(2025, 3, 5), new DateTime(2025, 3, 5, 2, 0, 0, DateTimeKind.Utc), kept)];
            var import = s.GetRequiredService<RecordImport>();
            foreach (var refused in new[] { editor, reviewer })
            {
                var error = await Assert.ThrowsAsync<DomainForbiddenException>(() => import.ImportAsync(refused, batch));
                Assert.Equal("只有管理员可以导入信息。", error.Message);
            }
            Assert.Equal(1, await import.ImportAsync(admin, batch));
            // One without a number, published the same year, continues after the kept one.
            Assert.Equal(1, await import.ImportAsync(admin, [new(site, organization, content with { Title = "另一条导入信息" }, new DateOnly(2025, 6, 2), new DateTime(2025, 6, 2, 2, 0, 0, DateTimeKind.Utc))]));
        });
        var serials = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.AsNoTracking()
            .Where(r => r.IndexPrefix == TestUsers.Gxq && r.IndexYear == 2025).OrderBy(r => r.IndexSerial).Select(r => new { r.Title, r.IndexSerial, r.State }).ToListAsync());
        Assert.Equal([("从原门户导入的信息", 120), ("另一条导入信息", 121)], serials.Select(r => (r.Title, r.IndexSerial!.Value)));
        Assert.All(serials, r => Assert.Equal(RecordState.Published, r.State));
    }
}

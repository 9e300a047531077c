using Gongkai.Application.Catalog;
using Gongkai.Application.Demo;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Demo;

public sealed class DemoSiteGroupTests
{
    [Fact]
    public async Task The_first_start_loads_jiangyin_with_gxq_and_three_more_sub_sites()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var sites = await db.Sites.AsNoTracking().ToListAsync();
            var root = Assert.Single(sites, x => x.ParentId is null);
            Assert.Equal("江阴市", root.Name);
            var gxq = Assert.Single(sites, x => x.Slug == "gxq");
            Assert.Equal(root.Id, gxq.ParentId);
            var gxqOrg = await db.Organizations.SingleAsync(o => o.Id == gxq.OrganizationId);
            Assert.Equal(("江阴高新技术开发区管理委员会", "01404053X"), (gxqOrg.FullName, gxqOrg.IndexPrefix));
            Assert.True(sites.Count(x => x.ParentId == root.Id) >= 4);
            // Every organization's prefix passes its check character (some are credit codes).
            var orgs = await db.Organizations.AsNoTracking().ToListAsync();
            Assert.All(orgs, o => Assert.True(Core.Catalog.OrganizationCode.IsValid(o.IndexPrefix)));
            Assert.Contains(orgs, o => o.PrefixKind == OrganizationCodeKind.CreditCode);
        });
    }

    [Fact]
    public async Task The_reference_site_carries_its_local_theme_name()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        var primary = terms.Roots(Vocabulary.Theme).Single(t => t.Label == "国民经济管理、国有资产监管");
        Assert.Contains(terms.Children(primary.Id), t => t.Label == "宏观经济运行");
        Assert.DoesNotContain(terms.Children(primary.Id), t => t.Label == "宏观经济");
    }

    [Fact]
    public async Task Generated_records_spread_over_organizations_themes_genres_statuses_and_years_and_one_command_removes_them()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 320);
        await app.RunAsync(async s =>
        {
            var db = s.GetRequiredService<GongkaiDbContext>();
            var demo = await db.Records.AsNoTracking().Where(r => r.IsDemo).ToListAsync();
            Assert.Equal(320, demo.Count);
            Assert.Equal(5, demo.Select(r => r.PublisherId).Distinct().Count());
            Assert.True(demo.Select(r => r.ThemeId).Distinct().Count() > 60);
            Assert.True(demo.Select(r => r.GenreId).Distinct().Count() > 20);
            Assert.Equal(4, demo.Select(r => r.EffectStatusId).Distinct().Count());
            Assert.Equal(Enumerable.Range(2018, 9), demo.Select(r => r.PublishedOn!.Value.Year).Distinct().Order());
            Assert.All(demo, r => Assert.True(r.HasIndexNumber && r.State == RecordState.Published));

            var removed = await s.GetRequiredService<DemoSiteGroup>().RemoveAsync();
            Assert.Equal(320, removed);
            var left = await db.Records.AsNoTracking().ToListAsync();
            var reference = Assert.Single(left);
            Assert.Equal("01404053X/2020-00390", reference.IndexNumber.ToString());
            Assert.Equal(5, await db.Sites.CountAsync());
        });
    }

    [Fact]
    public async Task Generated_serials_of_the_reference_series_continue_after_the_reference_record()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 600);
        var serials = await app.RunAsync(s => s.GetRequiredService<GongkaiDbContext>().Records
            .Where(r => r.IsDemo && r.IndexPrefix == "01404053X" && r.IndexYear == 2020).Select(r => r.IndexSerial!.Value).ToListAsync());
        Assert.NotEmpty(serials);
        Assert.Equal(Enumerable.Range(391, serials.Count), serials.Order());
    }

    [Fact]
    public async Task The_generator_gives_the_same_records_for_the_same_seed()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 0);
        var terms = await app.TermsAsync();
        var sites = new[] { new DemoSite(1, 1, "高新区管委会", "澄高管发"), new DemoSite(2, 2, "市教育局", "澄教发") };
        var paragraphs = DemoSiteGroup.ReferenceRecord().Paragraphs;
        string Fingerprint(int seed) => string.Join("|", new DemoRecordGenerator(sites, terms, paragraphs).Generate(50, seed)
            .Select(g => $"{g.Site.SiteId}:{g.Content.Title}:{g.PublishedAtUtc:O}:{g.Content.BodyHtml.Length}"));

        Assert.Equal(Fingerprint(7), Fingerprint(7));
        Assert.NotEqual(Fingerprint(7), Fingerprint(8));
        var sample = new DemoRecordGenerator(sites, terms, paragraphs).Generate(200, 7).ToList();
        Assert.All(sample, g => Assert.InRange(g.PublishedOn, DemoRecordGenerator.FirstDay, DemoRecordGenerator.LastDay));
        Assert.All(sample, g => Assert.True(g.Content.GeneratedOn <= g.PublishedOn));
        // Bodies of about 1,000–1,600 characters of real Chinese text.
        Assert.InRange(sample.Average(g => g.Content.BodyHtml.Length), 1000, 1800);
    }
}

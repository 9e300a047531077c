using System.Net;
using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Demo;

/// <summary>Result of loading the demo site group.</summary>
public sealed record DemoLoadResult(int Organizations, int Sites, int Records, int Requests = 0);

/// <summary>
/// The demo site group: 江阴市 with 高新区 and three more sub-sites (data/demo/site-group.json), the
/// reference record of the 高新区 catalog with its own index number, and generated records marked
/// as demo data. <c>gongkai demo load</c>, <c>gongkai demo remove</c> and the first start call this.
/// </summary>
public sealed class DemoSiteGroup(GongkaiDbContext db, RecordImport import, TermDirectory termDirectory, TimeProvider time, Setup.CalendarSource calendars)
{
    internal sealed record OrganizationSeed(string Key, string FullName, string ShortName, string IndexPrefix, string? Parent, string DocumentCode, string? ReconsiderationBody = null,
        string? Kind = null);

    internal sealed record SiteSeed(string Slug, string Name, string Organization, string? Parent, string? SiteIdCode);

    internal sealed record ThemeRename(string From, string To, string Parent);

    internal sealed record SiteGroupSeed(List<OrganizationSeed> Organizations, List<SiteSeed> Sites, List<ThemeRename> ThemeRenames);

    /// <summary>The reference record of ../shared/reference/seed-record.txt, field for field.</summary>
    public sealed record ReferenceRecordSeed(
        string Site, string IndexNumber, DateOnly GeneratedOn, DateOnly PublishedOn, string? DocumentNumber,
        string DisclosureTerm, string Publisher, List<string> DisclosureForms, string DisclosureMethod,
        string DisclosureScope, string Validity, string Procedure, string Genre, string ThemePrimary,
        string ThemeSecondary, List<string> Keywords, string EffectStatus, string Summary, string Title,
        List<string> Paragraphs);

    public static ReferenceRecordSeed ReferenceRecord() => DataFiles.Read<ReferenceRecordSeed>("demo/reference-record.json");

    /// <summary>Loads the site group into a database that has none, then adds generated records.</summary>
    public async Task<DemoLoadResult> LoadAsync(int generatedRecords, int seed, IProgress<int>? progress = null, int generatedRequests = 0, CancellationToken cancellationToken = default)
    {
        var group = await DataFiles.ReadAsync<SiteGroupSeed>("demo/site-group.json", cancellationToken).ConfigureAwait(false);
        var reference = await DataFiles.ReadAsync<ReferenceRecordSeed>("demo/reference-record.json", cancellationToken).ConfigureAwait(false);

        var organizations = new Dictionary<string, Organization>(StringComparer.Ordinal);
        var sites = new Dictionary<string, Site>(StringComparer.Ordinal);
        var created = (Organizations: 0, Sites: 0);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var o in group.Organizations)
            {
                var existing = await db.Organizations.SingleOrDefaultAsync(x => x.IndexPrefix == o.IndexPrefix, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    existing = new Organization(o.FullName, o.ShortName, o.IndexPrefix, o.Parent is null ? null : organizations[o.Parent].Id);
                    existing.SetReconsiderationBody(o.ReconsiderationBody);
                    existing.SetKind(o.Kind is null ? OrganizationKind.Department : Enum.Parse<OrganizationKind>(o.Kind));
                    db.Organizations.Add(existing);
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    created.Organizations++;
                }
                organizations[o.Key] = existing;
            }
            var order = 0;
            foreach (var s in group.Sites)
            {
                var existing = await db.Sites.SingleOrDefaultAsync(x => x.Slug == s.Slug, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    existing = new Site(s.Slug, s.Name, organizations[s.Organization].Id, s.Parent is null ? null : sites[s.Parent].Id, ++order * 10, s.SiteIdCode);
                    db.Sites.Add(existing);
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    created.Sites++;
                }
                sites[s.Slug] = existing;
            }
            // The reference site's local theme names (vocab.md: 宏观经济 is 宏观经济运行 there).
            foreach (var rename in group.ThemeRenames)
            {
                var parent = await db.Terms.SingleOrDefaultAsync(t => t.Vocabulary == Vocabulary.Theme && t.ParentId == null && t.Label == rename.Parent, cancellationToken).ConfigureAwait(false);
                var term = parent is null ? null : await db.Terms.SingleOrDefaultAsync(t => t.ParentId == parent.Id && t.Label == rename.From, cancellationToken).ConfigureAwait(false);
                term?.Rename(rename.To);
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            termDirectory.Invalidate();
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var terms = await termDirectory.GetAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        if (await ImportReferenceAsync(reference, sites[reference.Site], terms, cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        var demoSites = group.Sites.Select(s =>
        {
            var org = group.Organizations.Single(o => o.Key == s.Organization);
            return new DemoSite(sites[s.Slug].Id, organizations[org.Key].Id, org.ShortName, org.DocumentCode);
        }).ToList();
        var generator = new DemoRecordGenerator(demoSites, terms, reference.Paragraphs);
        count += await AddGeneratedAsync(generator.Generate(generatedRecords, seed), progress, cancellationToken).ConfigureAwait(false);
        var requests = generatedRequests > 0 ? await AddRequestsAsync(generatedRequests, seed, organizations.Values.ToList(), sites, group, cancellationToken).ConfigureAwait(false) : 0;
        return new DemoLoadResult(created.Organizations, created.Sites, count, requests);
    }

    private async Task<int> AddRequestsAsync(int count, int seed, List<Organization> organizations, Dictionary<string, Site> sites, SiteGroupSeed group, CancellationToken cancellationToken)
    {
        var demoSites = group.Sites.Select(s => (sites[s.Slug].Id, sites[s.Slug].OrganizationId,
            organizations.Single(o => o.Id == sites[s.Slug].OrganizationId).IndexPrefix)).ToList();
        var serials = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var number in await db.RequestCases.Select(c => c.CaseNumber).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var cut = number.LastIndexOf('-');
            var key = number[..cut];
            serials[key] = Math.Max(serials.GetValueOrDefault(key), int.Parse(number[(cut + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
        // Demo dates only need to look plausible: through a year without a holiday notice (loading the demo
        // late in a year, or years after the last notice shipped) they are shaped on a Monday–Friday week.
        var generator = new DemoRequestGenerator(demoSites, calendars.Current.AssumingWeekendsOnlyWhereUnknown());
        var cases = generator.Generate(count, seed, ChinaTime.Today(time), serials).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.RequestCases.AddRange(cases);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return cases.Count;
    }

    /// <summary>Removes every generated (demo) record; organizations, sites and imported records stay.</summary>
    public async Task<int> RemoveAsync(CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // A bulk delete bypasses SaveChanges, so it announces itself to the search change log here,
        // under the change-log lock (GongkaiDbContext.LockChangeLogAsync) like every other entry.
        var now = time.GetUtcNow().UtcDateTime;
        await db.LockChangeLogAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "SearchChanges" ("RecordId", "CreatedAtUtc") SELECT "Id", {now} FROM "Records" WHERE "IsDemo" """,
            cancellationToken).ConfigureAwait(false);
        var removed = await db.Records.Where(r => r.IsDemo).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.RequestCases.Where(c => c.IsDemo).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    private async Task<bool> ImportReferenceAsync(ReferenceRecordSeed seed, Site site, TermSnapshot terms, CancellationToken cancellationToken)
    {
        var number = IndexNumber.Parse(seed.IndexNumber);
        if (await db.Records.AnyAsync(r => r.IndexPrefix == number.Prefix && r.IndexYear == number.Year && r.IndexSerial == number.Serial, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        var publisher = await db.Organizations.SingleAsync(o => o.FullName == seed.Publisher, cancellationToken).ConfigureAwait(false);
        var primary = terms.Roots(Vocabulary.Theme).Single(t => t.Label == seed.ThemePrimary);
        var secondary = terms.Children(primary.Id).Single(t => t.Label == seed.ThemeSecondary);
        var content = new RecordContent
        {
            Title = seed.Title,
            GeneratedOn = seed.GeneratedOn,
            DocumentNumber = seed.DocumentNumber,
            DisclosureTermId = Label(terms, Vocabulary.DisclosureTerm, seed.DisclosureTerm),
            DisclosureFormIds = seed.DisclosureForms.Select(f => Label(terms, Vocabulary.DisclosureForm, f)).ToList(),
            DisclosureMethodId = Label(terms, Vocabulary.DisclosureMethod, seed.DisclosureMethod),
            DisclosureScopeId = Label(terms, Vocabulary.DisclosureScope, seed.DisclosureScope),
            ValidUntil = seed.Validity == "长期" ? null : DateOnly.Parse(seed.Validity, System.Globalization.CultureInfo.InvariantCulture),
            Procedure = seed.Procedure,
            GenreId = Label(terms, Vocabulary.Genre, seed.Genre),
            ThemeId = secondary.Id,
            Keywords = seed.Keywords,
            EffectStatusId = Label(terms, Vocabulary.EffectStatus, seed.EffectStatus),
            Summary = seed.Summary,
            BodyHtml = string.Concat(seed.Paragraphs.Select(p => "<p>" + WebUtility.HtmlEncode(p) + "</p>")),
        };
        // Later serials of 01404053X/2020 continue after 00390.
        await import.ImportAsync(Actor.DemoLoader, [new ImportedRecord(site.Id, publisher.Id, content, seed.PublishedOn, ChinaTime.StartOfDayUtc(seed.PublishedOn), number)],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Adds generated records as published demo data, through the import, in batches of 1,000 per transaction.</summary>
    private async Task<int> AddGeneratedAsync(IEnumerable<GeneratedRecord> records, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        const int BatchSize = 1000;
        var added = 0;
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var batch in records.Chunk(BatchSize))
            {
                added += await import.ImportAsync(Actor.DemoLoader,
                    batch.Select(g => new ImportedRecord(g.Site.SiteId, g.Site.OrganizationId, g.Content, g.PublishedOn, g.PublishedAtUtc)).ToList(),
                    isDemo: true, cancellationToken).ConfigureAwait(false);
                progress?.Report(added);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        return added;
    }

    private static int Label(TermSnapshot terms, Vocabulary vocabulary, string label) =>
        (terms.ByLabel(vocabulary, label) ?? throw new DomainException($"词表中没有“{label}”。")).Id;
}

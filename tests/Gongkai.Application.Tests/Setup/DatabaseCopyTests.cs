using Gongkai.Application.Search;
using Gongkai.Application.Setup;
using Gongkai.Core;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Setup;

/// <summary>
/// <c>gongkai db copy</c>: an embedded installation copied to PostgreSQL with every id kept and
/// verified, again after an interruption, and never over a database holding something else. Runs
/// in both test runs, on the server ./scripts/test starts.
/// </summary>
public sealed class DatabaseCopyTests : IAsyncLifetime, IDisposable
{
    private readonly TempDataFolder _target = new();
    private ApplicationServices _source = null!;

    public async Task InitializeAsync()
    {
        _source = await ApplicationServices.CreateAsync(demo: true, generatedRecords: 1500, provider: "sqlite");
        // Something in most tables: a person, a record in review with a revision, the operation log.
        var terms = await _source.TermsAsync();
        // Events timed to the tick (100 ns), finer than PostgreSQL's timestamps: the chain must still verify.
        _source.Time.Advance(TimeSpan.FromTicks(1_234_567));
        await _source.RunAsync(s => TestRecords.PublishAsync(s, RecordContents.Valid(terms, "复制测试：已发布的信息")));
        await _source.RunAsync(s => TestRecords.DraftAsync(s, RecordContents.Valid(terms, "复制测试：草稿")));
        await _source.RunAsync(s => s.GetRequiredService<IndexUpdater>().CatchUpAsync());
    }

    private Task<DatabaseCopyResult> CopyAsync(IProgress<CopyProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _source.RunAsync(s => s.GetRequiredService<DatabaseCopy>().ToPostgresAsync(TestDatabase.ConnectionString(_target.Path), progress, cancellationToken));

    [Fact]
    public async Task The_copy_keeps_every_row_and_id_and_verifies_and_the_new_database_goes_on_from_there()
    {
        var result = await CopyAsync();

        Assert.True(result.Verified, string.Join("; ", result.Tables.Where(t => !t.Equal).Select(t => $"{t.Table} {t.Source}/{t.Target}")));
        Assert.Contains(result.Tables, t => t.Table == "Records" && t.Target == 1503);
        Assert.Contains(result.Tables, t => t.Table == "Revisions" && t.Target > 0);
        Assert.Contains(result.Tables, t => t.Table == "AspNetUsers" && t.Target > 0);
        Assert.True(result.Audit.Intact && result.Audit.Checked > 0);
        Assert.True(result.Search.InAgreement);

        await using var copy = await ApplicationServices.CreateAsync(demo: false, provider: "postgres", dataPath: _target.Path);
        var original = await _source.RunAsync(s => Snapshot(s.GetRequiredService<GongkaiDbContext>()));
        var copied = await copy.RunAsync(s => Snapshot(s.GetRequiredService<GongkaiDbContext>()));
        Assert.Equal(original, copied);

        // New rows take ids after the copied ones.
        var terms = await copy.TermsAsync();
        var draft = await copy.RunAsync(s => TestRecords.DraftAsync(s, RecordContents.Valid(terms, "复制后新建的信息")));
        Assert.True(draft > original.MaxRecordId);
    }

    [Fact]
    public async Task An_interrupted_copy_is_made_anew_when_run_again()
    {
        using var stop = new CancellationTokenSource();
        var progress = new Stop(p =>
        {
            if (p.Table == "Records" && p.Done >= DatabaseCopy.BatchSize)
            {
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CopyAsync(progress, stop.Token));

        var result = await CopyAsync();
        Assert.True(result.Verified);
        Assert.Contains(result.Tables, t => t.Table == "Records" && t.Target == 1503);
    }

    [Fact]
    public async Task A_database_holding_anything_else_is_refused_and_left_as_it_was()
    {
        await using (var other = await ApplicationServices.CreateAsync(demo: false, provider: "postgres", dataPath: _target.Path))
        {
            // A database that is not a copy: migrated and seeded by an installation of its own.
        }
        var error = await Assert.ThrowsAsync<DomainException>(() => CopyAsync());
        Assert.Contains("目标数据库已有数据", error.Message, StringComparison.Ordinal);
        await using var again = await ApplicationServices.CreateAsync(demo: false, provider: "postgres", dataPath: _target.Path);
        Assert.True((await again.TermsAsync()).Of(Core.Catalog.Vocabulary.Theme).Any());
    }

    private sealed record Content(long MaxRecordId, string Titles, string Bodies, string Cases, string Terms, string Audit);

    /// <summary>What the pages show, read the same way from either database (formatted here, not in SQL).</summary>
    private static async Task<Content> Snapshot(GongkaiDbContext db)
    {
        var records = await db.Records.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Title, r.State, r.PublishedAtUtc, r.BodyHtml, r.InterpretsRecordId }).ToListAsync();
        var cases = await db.RequestCases.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.CaseNumber, c.State, c.SubmittedAtUtc }).ToListAsync();
        var terms = await db.Terms.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.Label, t.ParentId }).ToListAsync();
        var audit = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.Hash).ToListAsync();
        return new Content(
            records[^1].Id,
            // (PostgreSQL keeps times to the microsecond, SQLite to the tick: compared to the second.)
            string.Join("|", records.Select(r => $"{r.Id}:{r.Title}:{r.State}:{r.PublishedAtUtc:yyyy-MM-ddTHH:mm:ss}:{r.InterpretsRecordId}")),
            string.Join("|", records.Select(r => r.BodyHtml.GetHashCode(StringComparison.Ordinal))),
            string.Join("|", cases.Select(c => $"{c.Id}:{c.CaseNumber}:{c.State}:{c.SubmittedAtUtc:yyyy-MM-ddTHH:mm:ss}")),
            string.Join("|", terms.Select(t => $"{t.Id}:{t.Label}:{t.ParentId}")),
            string.Join("|", audit));
    }

    /// <summary>Reports synchronously, so that the copy stops right after the batch that asked.</summary>
    private sealed class Stop(Action<CopyProgress> report) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value) => report(value);
    }

    public async Task DisposeAsync() => await _source.DisposeAsync();

    public void Dispose() => _target.Dispose();
}

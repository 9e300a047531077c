using Gongkai.Core.Catalog;
using Record = Gongkai.Core.Catalog.Record;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Data.Tests;

/// <summary>The schema on this run's database (<see cref="TestDatabase"/>), and what is particular to each provider.</summary>
public sealed class SchemaTests
{
    /// <summary>Both providers' migrations, in every run (PostgreSQL's need the server ./scripts/test starts).</summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Each_providers_migrations_match_the_model(string provider)
    {
        await using var app = await ApplicationServices.CreateAsync(demo: false, provider: provider);
        await app.RunAsync(async services =>
        {
            var db = services.GetRequiredService<GongkaiDbContext>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            // A model change without a migration fails here: run `dotnet ef migrations add` for it in
            // src/Gongkai.Data.Sqlite and in src/Gongkai.Data.Postgres (docs/architecture.md).
            Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes that no {provider} migration covers.");
        });
    }

    [Fact]
    public async Task The_SQLite_file_lives_in_the_data_folder_and_uses_write_ahead_logging()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: false, provider: "sqlite");
        Assert.True(File.Exists(Path.Combine(app.DataPath, "gongkai.db")));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataPath, "gongkai.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_index_number_cannot_be_stored_twice()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: true);
        var terms = await app.TermsAsync();
        await app.RunAsync(async services =>
        {
            var db = services.GetRequiredService<GongkaiDbContext>();
            var site = await db.Sites.SingleAsync(s => s.Slug == "gxq");
            var duplicate = Record.Imported(site.Id, site.OrganizationId, RecordContents.Valid(terms, generatedOn: new DateOnly(2020, 1, 1)),
                IndexNumber.Parse("01404053X/2020-00390"), new DateOnly(2020, 1, 3), new DateTime(2020, 1, 3, 0, 0, 0, DateTimeKind.Utc), new DateTime(2020, 1, 3, 0, 0, 0, DateTimeKind.Utc));
            db.Records.Add(duplicate);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
    }

    [Fact]
    public async Task Vocabularies_are_seeded_from_the_national_lists()
    {
        await using var app = await ApplicationServices.CreateAsync(demo: false);
        var terms = await app.TermsAsync();
        Assert.Equal(22, terms.Roots(Vocabulary.Theme).Count());
        Assert.Equal(27, terms.Of(Vocabulary.Genre).Count());
        Assert.Equal(["有效", "失效", "废止", "已修改"], terms.Of(Vocabulary.EffectStatus).Select(t => t.Label));
        Assert.Equal(9, terms.Of(Vocabulary.DisclosureForm).Count());
        Assert.Contains(terms.Of(Vocabulary.Theme), t => t.Label == "宏观经济");
    }
}

using System.Text.Json;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Setup;

/// <summary>Loads the national controlled lists (data/vocabularies.json, from vocab.md) into an empty database.</summary>
public sealed class VocabularySeeder(GongkaiDbContext db)
{
    internal sealed record SeedTerm(string Label, string? Key, List<string>? Children);

    public async Task<int> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Terms.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }
        var file = await DataFiles.ReadAsync<Dictionary<string, System.Text.Json.JsonElement>>("vocabularies.json", cancellationToken).ConfigureAwait(false);
        var added = 0;
        foreach (var vocabulary in Enum.GetValues<Vocabulary>())
        {
            var entries = file[vocabulary.ToString()].Deserialize<List<SeedTerm>>(DataFiles.Json)
                          ?? throw new InvalidDataException($"vocabularies.json has no {vocabulary}.");
            var order = 0;
            foreach (var entry in entries)
            {
                var term = new Term(vocabulary, entry.Label, ++order * 10, key: entry.Key);
                db.Terms.Add(term);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                added++;
                var childOrder = 0;
                foreach (var child in entry.Children ?? [])
                {
                    db.Terms.Add(new Term(vocabulary, child, ++childOrder * 10, term.Id));
                    added++;
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }
}

using Gongkai.Core.Catalog;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gongkai.Application.Catalog;

/// <summary>An immutable snapshot of every controlled list, for turning term ids into labels.</summary>
public sealed class TermSnapshot
{
    private readonly Dictionary<int, Term> _byId;
    private readonly ILookup<int?, Term> _byParent;

    public TermSnapshot(IEnumerable<Term> terms)
    {
        var all = terms.OrderBy(t => t.SortOrder).ThenBy(t => t.Id).ToList();
        _byId = all.ToDictionary(t => t.Id);
        _byParent = all.ToLookup(t => t.ParentId);
        All = all;
    }

    public IReadOnlyList<Term> All { get; }

    public Term this[int id] => _byId[id];

    public bool TryGet(int id, out Term term) => _byId.TryGetValue(id, out term!);

    public string Label(int id) => _byId.TryGetValue(id, out var t) ? t.Label : string.Empty;

    public IEnumerable<Term> Of(Vocabulary vocabulary) => All.Where(t => t.Vocabulary == vocabulary);

    public IEnumerable<Term> Roots(Vocabulary vocabulary) => _byParent[null].Where(t => t.Vocabulary == vocabulary);

    public IEnumerable<Term> Children(int id) => _byParent[id];

    public Term? ByKey(Vocabulary vocabulary, string key) =>
        All.FirstOrDefault(t => t.Vocabulary == vocabulary && t.Key == key);

    /// <summary>Finds a term by its label; for themes either level matches.</summary>
    public Term? ByLabel(Vocabulary vocabulary, string label) =>
        All.FirstOrDefault(t => t.Vocabulary == vocabulary && t.Label == label);

    /// <summary>(一级, 二级) of a theme id; the second is null for a first-level theme.</summary>
    public (Term Primary, Term? Secondary) ThemeLevels(int themeId)
    {
        var theme = _byId[themeId];
        return theme.ParentId is int parent ? (_byId[parent], theme) : (theme, null);
    }

    /// <summary>The theme and all its descendants: filtering by a first-level theme includes its second level.</summary>
    public IReadOnlyList<int> ThemeAndDescendants(int themeId) =>
        [themeId, .. Children(themeId).Select(c => c.Id)];
}

/// <summary>Serves the term snapshot from memory; changes to vocabularies call <see cref="Invalidate"/>.</summary>
public sealed class TermDirectory(GongkaiDbContext db, IMemoryCache cache)
{
    private static readonly object CacheKey = new();

    public async Task<TermSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out TermSnapshot? snapshot) && snapshot is not null)
        {
            return snapshot;
        }
        var terms = await db.Terms.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        snapshot = new TermSnapshot(terms);
        cache.Set(CacheKey, snapshot, TimeSpan.FromMinutes(10));
        return snapshot;
    }

    public void Invalidate() => cache.Remove(CacheKey);
}

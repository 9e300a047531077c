using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Gongkai.Application.Search;

/// <summary>
/// A clause of the match cache, as it can be saved and read back: a term (one entry in
/// <see cref="Terms"/>) or an exact phrase of one field, with each term's position. A portal saves
/// the clauses its queries used (<see cref="QueryRunner.HotClauses"/>) and, after a restart, walks
/// them again before it serves (<see cref="QueryRunner.Warm"/>), so that the first queries find the
/// caches as the last ones left them.
/// </summary>
public sealed record WarmClause(string Field, IReadOnlyList<string> Terms, IReadOnlyList<int> Positions)
{
    /// <summary>The clause's identity: field, terms and positions (the record's own equality compares the lists by reference).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => Field + "\n" + string.Join('\t', Terms) + "\n" + string.Join('\t', Positions);

    /// <summary>The term or phrase query, or null when the clause is malformed (as a file edited by hand may be).</summary>
    internal Query? ToQuery()
    {
        if (string.IsNullOrEmpty(Field) || Terms is not { Count: > 0 } || Positions?.Count != Terms.Count
            || Terms.Any(string.IsNullOrEmpty) || Positions.Any(p => p < 0))
        {
            return null;
        }
        if (Terms.Count == 1)
        {
            return new TermQuery(new Term(Field, Terms[0]));
        }
        var phrase = new PhraseQuery();
        for (var i = 0; i < Terms.Count; i++)
        {
            phrase.Add(new Term(Field, Terms[i]), Positions[i]);
        }
        return phrase;
    }

    internal static WarmClause? From(Query query) => query switch
    {
        TermQuery t => new WarmClause(t.Term.Field, [t.Term.Text], [0]),
        PhraseQuery p when p.GetTerms() is { Length: > 0 } terms =>
            new WarmClause(terms[0].Field, terms.Select(t => t.Text).ToList(), p.GetPositions().ToList()),
        _ => null,
    };
}

/// <summary>What <see cref="QueryRunner.Warm"/> did: clauses whose matches it kept, in how many segments, and their size.</summary>
public sealed record WarmResult(int Clauses, int Segments, long Bytes);

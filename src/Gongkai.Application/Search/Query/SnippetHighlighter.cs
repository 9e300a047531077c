using System.Net;
using System.Text;

namespace Gongkai.Application.Search;

/// <summary>
/// Highlights the search terms in stored text. A hit matched every term as a phrase of its
/// tokens, which is the term as a substring of the folded text, so the highlighter finds matches by
/// string search on the text the index already stores: no re-analysis and no term vectors (see
/// docs/decisions/0002-search-analysis-and-highlighting.md). Output is HTML: the text encoded, the
/// matches in &lt;em&gt;.
/// </summary>
public static class SnippetHighlighter
{
    public const int SnippetLength = 140;

    /// <summary>The whole (short) text with every match highlighted.</summary>
    public static string Whole(string text, IReadOnlyList<string> terms) => Render(text, 0, text.Length, Matches(TextNormalizer.Fold(text), terms));

    /// <summary>
    /// The window of about <see cref="SnippetLength"/> characters with the most distinct terms,
    /// starting a little before its first match; the start of the text when nothing matches.
    /// </summary>
    public static string Snippet(string text, IReadOnlyList<string> terms, int length = SnippetLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = Matches(TextNormalizer.Fold(text), terms);
        if (matches.Count == 0)
        {
            var end = Math.Min(text.Length, length);
            return WebUtility.HtmlEncode(text[..end]) + (end < text.Length ? "…" : string.Empty);
        }
        // Sliding window over the matches (sorted by start): linear however many matches there are.
        var best = 0;
        var bestDistinct = -1;
        var inWindow = new Dictionary<string, int>(StringComparer.Ordinal);
        var windowEnd = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            while (windowEnd < matches.Count && matches[windowEnd].Start < matches[i].Start + length)
            {
                inWindow[matches[windowEnd].Term] = inWindow.GetValueOrDefault(matches[windowEnd].Term) + 1;
                windowEnd++;
            }
            if (inWindow.Count > bestDistinct)
            {
                (best, bestDistinct) = (i, inWindow.Count);
            }
            if (--inWindow[matches[i].Term] == 0)
            {
                inWindow.Remove(matches[i].Term);
            }
        }
        var start = Math.Max(0, matches[best].Start - (length / 6));
        // Prefer to start at a sentence boundary just before the window.
        var sentence = text.LastIndexOfAny(['。', '；', '\n', '！', '？'], Math.Max(0, matches[best].Start - 1), Math.Min(matches[best].Start, length / 3));
        if (sentence >= 0 && sentence + 1 <= matches[best].Start)
        {
            start = sentence + 1;
        }
        var stop = Math.Min(text.Length, start + length);
        var html = Render(text, start, stop, matches);
        return (start > 0 ? "…" : string.Empty) + html.Trim() + (stop < text.Length ? "…" : string.Empty);
    }

    private sealed record Match(int Start, int End, string Term);

    private static List<Match> Matches(string folded, IReadOnlyList<string> terms)
    {
        var matches = new List<Match>();
        foreach (var term in terms.Where(t => t.Length > 0))
        {
            var at = folded.IndexOf(term, StringComparison.Ordinal);
            while (at >= 0)
            {
                matches.Add(new Match(at, at + term.Length, term));
                at = folded.IndexOf(term, at + term.Length, StringComparison.Ordinal);
            }
        }
        matches.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        // Merge overlapping matches into one highlighted span.
        var merged = new List<Match>();
        foreach (var m in matches)
        {
            if (merged.Count > 0 && m.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = last with { End = Math.Max(last.End, m.End) };
            }
            else
            {
                merged.Add(m);
            }
        }
        return merged;
    }

    private static string Render(string text, int start, int stop, List<Match> matches)
    {
        var html = new StringBuilder();
        var at = start;
        foreach (var m in matches.Where(m => m.End > start && m.Start < stop))
        {
            var s = Math.Max(m.Start, start);
            var e = Math.Min(m.End, stop);
            html.Append(WebUtility.HtmlEncode(text[at..s])).Append("<em>").Append(WebUtility.HtmlEncode(text[s..e])).Append("</em>");
            at = e;
        }
        html.Append(WebUtility.HtmlEncode(text[at..stop]));
        return html.ToString();
    }
}

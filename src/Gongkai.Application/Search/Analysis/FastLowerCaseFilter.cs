using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace Gongkai.Application.Search.Analysis;

/// <summary>
/// Lower-cases tokens exactly as Lucene's <c>LowerCaseFilter</c> does, without asking the runtime's
/// case tables about characters that have no case. <c>LowerCaseFilter</c> sends every token through
/// <see cref="CharacterUtils.ToLower"/>, which goes through the globalization tables even for a
/// single Han character, the commonest token here. ASCII is folded directly, Han, kana, CJK
/// punctuation and the rest of U+3000–U+9FFF (no character there has a lower-case form) are left
/// as they are, and a token with any other character is handed from that character on to
/// <see cref="CharacterUtils.ToLower"/>, so the terms are the same as before (AnalyzerTests compares
/// the two). Raw tokenization of the demo bodies went from 6.1–6.6 to 7.9–9.8 M characters/s
/// (docs/benchmarks.md, "Rebuild throughput").
/// </summary>
public sealed class FastLowerCaseFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly CharacterUtils _characters = CharacterUtils.GetInstance(SearchIndex.Version);

    public FastLowerCaseFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }
        var buffer = _term.Buffer;
        var length = _term.Length;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (c < '\u0080')
            {
                if (c is >= 'A' and <= 'Z')
                {
                    buffer[i] = (char)(c + 32);
                }
            }
            else if (c is < '\u3000' or > '\u9FFF')
            {
                _characters.ToLower(buffer, i, length - i);
                break;
            }
        }
        return true;
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Gongkai.Application.Search.Analysis;

/// <summary>
/// A lean tokenizer for Chinese government text: every Han, kana or Hangul character is a token
/// typed for <c>CJKBigramFilter</c>; every run of other letters and digits is one token, folded to
/// half width and lower case on the way; everything else separates tokens.
/// </summary>
public sealed class CjkRunTokenizer : Tokenizer
{
    private const int BufferSize = 4096;

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly ITypeAttribute _type;
    private readonly char[] _buffer = new char[BufferSize];
    private int _length;
    private int _index;
    private int _consumed;
    private int _finalOffset;

    public CjkRunTokenizer(TextReader input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        var word = false;
        var start = 0;
        while (true)
        {
            if (_index >= _length)
            {
                _consumed += _length;
                _length = m_input.Read(_buffer, 0, BufferSize);
                _index = 0;
                if (_length <= 0)
                {
                    _length = 0;
                    _finalOffset = CorrectOffset(_consumed);
                    if (word)
                    {
                        _offset.SetOffset(CorrectOffset(start), _finalOffset);
                        return true;
                    }
                    return false;
                }
            }
            var c = _buffer[_index];
            var position = _consumed + _index;
            var cjkType = CjkType(c);
            if (cjkType is not null)
            {
                if (word)
                {
                    // End the word here; the CJK character is read on the next call.
                    _offset.SetOffset(CorrectOffset(start), CorrectOffset(position));
                    return true;
                }
                _index++;
                _term.SetEmpty().Append(c);
                _type.Type = cjkType;
                _offset.SetOffset(CorrectOffset(position), CorrectOffset(position + 1));
                return true;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (!word)
                {
                    word = true;
                    start = position;
                    _term.SetEmpty();
                    _type.Type = "<ALPHANUM>";
                }
                if (c is >= '\uFF01' and <= '\uFF5E')
                {
                    c = (char)(c - 0xFEE0);
                }
                _term.Append(char.ToLowerInvariant(c));
                _index++;
                continue;
            }
            _index++;
            if (word)
            {
                _offset.SetOffset(CorrectOffset(start), CorrectOffset(position));
                return true;
            }
        }
    }

    private static string? CjkType(char c) => c switch
    {
        >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or '\u3007' => "<IDEOGRAPHIC>",
        >= '\u3040' and <= '\u309F' => "<HIRAGANA>",
        >= '\u30A0' and <= '\u30FF' => "<KATAKANA>",
        >= '\uAC00' and <= '\uD7AF' => "<HANGUL>",
        _ => null,
    };

    public override void End()
    {
        base.End();
        _offset.SetOffset(_finalOffset, _finalOffset);
    }

    public override void Reset()
    {
        base.Reset();
        _length = _index = _consumed = _finalOffset = 0;
    }
}

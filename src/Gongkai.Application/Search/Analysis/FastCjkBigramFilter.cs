using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace Gongkai.Application.Search.Analysis;

/// <summary>
/// Forms the bigrams of Lucene's <c>CJKBigramFilter</c> (its defaults: Han, Hiragana, Katakana and
/// Hangul, unigrams only for a lone character) with the same terms, positions, offsets and types,
/// doing less per token. <c>CJKBigramFilter</c> peeks at the token after a lone CJK character (年 in
/// 2020年3月, 的 between two commas) and keeps it with <c>CaptureState</c>, which clones every
/// attribute of the stream; Chinese text has so many of those that the clones took about an eighth of
/// a rebuild's CPU (docs/benchmarks.md, "Rebuild: fewer copies, no dictionary at index time"). When the stream carries only the
/// attributes this filter sets (term, offsets, position increment and length, type: the chains of
/// <see cref="CjkBigramAnalyzer"/> and <see cref="CjkRunBigramAnalyzer"/>), it keeps the peeked token
/// in fields of its own and sets each token it makes field by field instead of clearing every
/// attribute first; with any other attribute (a payload, flags) it captures and clears as Lucene does.
/// AnalyzerTests compares it with <c>CJKBigramFilter</c> on random mixed text, with and without a
/// payload.
/// </summary>
public sealed class FastCjkBigramFilter : TokenFilter
{
    public const string DoubleType = "<DOUBLE>";
    public const string SingleType = "<SINGLE>";

    private static readonly string HanType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.IDEOGRAPHIC];
    private static readonly string HiraganaType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.HIRAGANA];
    private static readonly string KatakanaType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.KATAKANA];
    private static readonly string HangulType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.HANGUL];

    private readonly ICharTermAttribute _term;
    private readonly ITypeAttribute _type;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _positionIncrement;
    private readonly IPositionLengthAttribute _positionLength;

    // The code points of the current CJK run with their offsets.
    private int[] _codePoints = new int[64];
    private int[] _starts = new int[64];
    private int[] _ends = new int[64];
    private int _length;
    private int _next;
    private int _lastEnd;
    private bool _exhausted;

    // The stream carries only the five attributes this filter sets, so a token it makes can be set
    // field by field instead of clearing every attribute first (checked at each reset).
    private bool _onlyOwnAttributes;

    // The token read after a lone CJK character, given out on the next call.
    private bool _hasPeeked;
    private char[] _peekedTerm = new char[16];
    private int _peekedLength;
    private int _peekedStart;
    private int _peekedEnd;
    private int _peekedIncrement;
    private int _peekedPositionLength;
    private string _peekedType = "";
    private State? _peekedState;

    public FastCjkBigramFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _type = AddAttribute<ITypeAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _positionIncrement = AddAttribute<IPositionIncrementAttribute>();
        _positionLength = AddAttribute<IPositionLengthAttribute>();
    }

    /// <summary>One code point buffered that may yet be a unigram: the run so far is a single character.</summary>
    private bool LoneCharacter => _length == 1 && _next == 0;

    public override bool IncrementToken()
    {
        while (true)
        {
            if (_length - _next > 1)
            {
                EmitBigram();
                return true;
            }
            if (!Read())
            {
                if (LoneCharacter)
                {
                    EmitUnigram();
                    return true;
                }
                return false;
            }
            var type = _type.Type;
            var cjk = type == HanType || type == HiraganaType || type == KatakanaType || type == HangulType;
            if (cjk && _offset.StartOffset == _lastEnd)
            {
                Append();
                continue;
            }
            if (LoneCharacter)
            {
                // The character has no neighbour to pair with: keep what was read for the next call.
                Peek();
                EmitUnigram();
                return true;
            }
            if (!cjk)
            {
                return true;
            }
            // A CJK token that does not touch the run before it starts a new run.
            _next = 0;
            _length = 0;
            Append();
        }
    }

    private bool Read()
    {
        if (_peekedState is { } state)
        {
            _peekedState = null;
            RestoreState(state);
            return true;
        }
        if (_hasPeeked)
        {
            _hasPeeked = false;
            ClearAttributes();
            _term.CopyBuffer(_peekedTerm, 0, _peekedLength);
            _offset.SetOffset(_peekedStart, _peekedEnd);
            _positionIncrement.PositionIncrement = _peekedIncrement;
            _positionLength.PositionLength = _peekedPositionLength;
            _type.Type = _peekedType;
            return true;
        }
        if (_exhausted)
        {
            return false;
        }
        if (m_input.IncrementToken())
        {
            return true;
        }
        _exhausted = true;
        return false;
    }

    private void Peek()
    {
        if (!_onlyOwnAttributes)
        {
            _peekedState = CaptureState();
            return;
        }
        _hasPeeked = true;
        _peekedLength = _term.Length;
        if (_peekedTerm.Length < _peekedLength)
        {
            _peekedTerm = new char[Math.Max(_peekedLength, _peekedTerm.Length * 2)];
        }
        Array.Copy(_term.Buffer, _peekedTerm, _peekedLength);
        _peekedStart = _offset.StartOffset;
        _peekedEnd = _offset.EndOffset;
        _peekedIncrement = _positionIncrement.PositionIncrement;
        _peekedPositionLength = _positionLength.PositionLength;
        _peekedType = _type.Type;
    }

    /// <summary>Adds the current token's code points to the run.</summary>
    private void Append()
    {
        if (_length > 64)
        {
            // Only the last code point can still pair with what comes next.
            var last = _length - 1;
            _codePoints[0] = _codePoints[last];
            _starts[0] = _starts[last];
            _ends[0] = _ends[last];
            _length = 1;
            _next -= last;
        }
        var buffer = _term.Buffer;
        var length = _term.Length;
        var start = _offset.StartOffset;
        var end = _offset.EndOffset;
        if (_codePoints.Length < _length + length)
        {
            var size = Math.Max(_length + length, _codePoints.Length * 2);
            Array.Resize(ref _codePoints, size);
            Array.Resize(ref _starts, size);
            Array.Resize(ref _ends, size);
        }
        _lastEnd = end;
        // When the term's length differs from its offsets (a filter folded two characters into one),
        // every code point gets the whole token's offsets.
        var exact = end - start == length;
        for (var i = 0; i < length;)
        {
            var c = buffer[i];
            var width = 1;
            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(buffer[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, buffer[i + 1]);
                width = 2;
            }
            _codePoints[_length] = codePoint;
            _starts[_length] = exact ? start + i : start;
            _ends[_length] = exact ? start + i + width : end;
            _length++;
            i += width;
        }
    }

    /// <summary>What <c>ClearAttributes</c> does before a token is made, for the attributes it does not set itself.</summary>
    private void Clear()
    {
        if (_onlyOwnAttributes)
        {
            _positionIncrement.PositionIncrement = 1;
            _positionLength.PositionLength = 1;
        }
        else
        {
            ClearAttributes();
        }
    }

    private void EmitBigram()
    {
        Clear();
        var buffer = _term.ResizeBuffer(4);
        var length = Write(_codePoints[_next], buffer, 0);
        length += Write(_codePoints[_next + 1], buffer, length);
        _term.Length = length;
        _offset.SetOffset(_starts[_next], _ends[_next + 1]);
        _type.Type = DoubleType;
        _next++;
    }

    private void EmitUnigram()
    {
        Clear();
        var buffer = _term.ResizeBuffer(2);
        _term.Length = Write(_codePoints[_next], buffer, 0);
        _offset.SetOffset(_starts[_next], _ends[_next]);
        _type.Type = SingleType;
        _next++;
    }

    private static int Write(int codePoint, char[] buffer, int at)
    {
        if (codePoint < 0x10000)
        {
            buffer[at] = (char)codePoint;
            return 1;
        }
        codePoint -= 0x10000;
        buffer[at] = (char)(0xD800 + (codePoint >> 10));
        buffer[at + 1] = (char)(0xDC00 + (codePoint & 0x3FF));
        return 2;
    }

    public override void Reset()
    {
        base.Reset();
        _length = 0;
        _next = 0;
        _lastEnd = 0;
        _exhausted = false;
        _hasPeeked = false;
        _peekedState = null;
        var attributes = 0;
        using (var e = GetAttributeClassesEnumerator())
        {
            while (e.MoveNext())
            {
                attributes++;
            }
        }
        // Term (with its bytes view), offsets, position increment and length, and type.
        _onlyOwnAttributes = attributes == 6;
    }
}

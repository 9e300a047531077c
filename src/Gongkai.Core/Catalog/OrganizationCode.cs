namespace Gongkai.Core.Catalog;

/// <summary>The kind of code an organization's index-number prefix (前段码) is.</summary>
public enum OrganizationCodeKind
{
    /// <summary>组织机构代码, GB 11714: 8 characters and a check character, written without the dash.</summary>
    OrganizationCode,

    /// <summary>统一社会信用代码, GB 32100: 17 characters and a check character.</summary>
    CreditCode,
}

/// <summary>
/// Check characters of the two codes an index number may start with (国办秘函〔2009〕6号 uses the
/// GB 11714 organization code; many sites now use the GB 32100 unified social credit code).
/// </summary>
public static class OrganizationCode
{
    private static readonly int[] Gb11714Weights = [3, 7, 9, 10, 5, 8, 4, 2];

    // GB 32100 leaves out I, O, S, V and Z so that they are not mistaken for digits.
    private const string Gb32100Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Gb32100Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>
    /// Validates <paramref name="code"/> as a 9-character organization code or an 18-character
    /// credit code and returns it in canonical form (upper case, no dash, no spaces).
    /// </summary>
    /// <exception cref="DomainException">with a Chinese message naming what is wrong.</exception>
    public static (string Code, OrganizationCodeKind Kind) Validate(string? code)
    {
        if (TryValidate(code, out var canonical, out var kind, out var error))
        {
            return (canonical, kind);
        }
        throw new DomainException(error);
    }

    public static bool TryValidate(string? code, out string canonical, out OrganizationCodeKind kind, out string error)
    {
        canonical = (code ?? string.Empty).Trim().Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        kind = OrganizationCodeKind.OrganizationCode;
        switch (canonical.Length)
        {
            case 0:
                error = "请填写组织机构代码（9位）或统一社会信用代码（18位）。";
                return false;
            case 9:
                return TryValidateGb11714(canonical, out error);
            case 18:
                kind = OrganizationCodeKind.CreditCode;
                return TryValidateGb32100(canonical, out error);
            default:
                error = $"“{canonical}”的长度为{canonical.Length}位：组织机构代码应为9位，统一社会信用代码应为18位。";
                return false;
        }
    }

    public static bool IsValid(string? code) => TryValidate(code, out _, out _, out _);

    /// <summary>GB 11714 check character of the first 8 characters: 0–9, or X for 10.</summary>
    public static char Gb11714CheckCharacter(ReadOnlySpan<char> body)
    {
        if (body.Length != 8)
        {
            throw new ArgumentException("GB 11714 body must be 8 characters.", nameof(body));
        }
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += Gb11714Value(body[i]) * Gb11714Weights[i];
        }
        var c9 = 11 - (sum % 11);
        return c9 switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + c9),
        };
    }

    /// <summary>GB 32100 check character of the first 17 characters.</summary>
    public static char Gb32100CheckCharacter(ReadOnlySpan<char> body)
    {
        if (body.Length != 17)
        {
            throw new ArgumentException("GB 32100 body must be 17 characters.", nameof(body));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Gb32100Alphabet.IndexOf(body[i], StringComparison.Ordinal) * Gb32100Weights[i];
        }
        return Gb32100Alphabet[(31 - (sum % 31)) % 31];
    }

    private static bool TryValidateGb11714(string code, out string error)
    {
        for (var i = 0; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]) && !char.IsAsciiLetterUpper(code[i]))
            {
                error = $"组织机构代码“{code}”的第{i + 1}位“{code[i]}”无效：前8位只能是数字或大写字母。";
                return false;
            }
        }
        var expected = Gb11714CheckCharacter(code.AsSpan(0, 8));
        if (code[8] != expected)
        {
            error = $"组织机构代码“{code}”的校验码错误：按GB 11714计算，第9位应为“{expected}”。";
            return false;
        }
        error = string.Empty;
        return true;
    }

    private static bool TryValidateGb32100(string code, out string error)
    {
        for (var i = 0; i < 18; i++)
        {
            if (!Gb32100Alphabet.Contains(code[i], StringComparison.Ordinal))
            {
                error = $"统一社会信用代码“{code}”的第{i + 1}位“{code[i]}”无效：不能含有I、O、S、V、Z或其他符号。";
                return false;
            }
        }
        var expected = Gb32100CheckCharacter(code.AsSpan(0, 17));
        if (code[17] != expected)
        {
            error = $"统一社会信用代码“{code}”的校验码错误：按GB 32100计算，第18位应为“{expected}”。";
            return false;
        }
        // Positions 9–17 carry the organization code, whose own check character must hold too.
        var embedded = code.Substring(8, 9);
        if (!TryValidateGb11714(embedded, out _))
        {
            error = $"统一社会信用代码“{code}”中的组织机构代码“{embedded}”校验码错误。";
            return false;
        }
        error = string.Empty;
        return true;
    }

    private static int Gb11714Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => throw new ArgumentException($"Invalid GB 11714 character '{c}'."),
    };
}

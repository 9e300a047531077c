namespace Gongkai.Core;

/// <summary>
/// A rule of the domain was broken. <see cref="Exception.Message"/> is a Chinese sentence meant
/// for the person who caused it; the web edge turns it into a 4xx ProblemDetails.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string message) : base(message) { }

    public DomainException(string message, Exception innerException) : base(message, innerException) { }

    public DomainException() { }
}

/// <summary>The operation conflicts with the current state of the thing (HTTP 409 at the edge).</summary>
public sealed class DomainConflictException : DomainException
{
    public DomainConflictException(string message) : base(message) { }

    public DomainConflictException(string message, Exception innerException) : base(message, innerException) { }

    public DomainConflictException() { }
}

/// <summary>The person lacks the role for the operation (HTTP 403 at the edge).</summary>
public sealed class DomainForbiddenException : DomainException
{
    public DomainForbiddenException(string message) : base(message) { }

    public DomainForbiddenException(string message, Exception innerException) : base(message, innerException) { }

    public DomainForbiddenException() { }
}

/// <summary>Checks for what a person must fill in.</summary>
public static class Require
{
    /// <summary>The trimmed value; a blank one is a <see cref="DomainException"/> asking for <paramref name="label"/>.</summary>
    public static string Text(string? value, string label)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? throw new DomainException($"请填写{label}。") : trimmed;
    }

    /// <summary>As <see cref="Text(string?, string)"/>, and at most <paramref name="maxLength"/> characters.</summary>
    public static string Text(string? value, string label, int maxLength)
    {
        var trimmed = Text(value, label);
        return trimmed.Length > maxLength ? throw new DomainException($"{label}最多{maxLength}个字符。") : trimmed;
    }
}

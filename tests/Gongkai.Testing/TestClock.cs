using System.Diagnostics;

namespace Gongkai.Testing;

/// <summary>
/// The date the tests live on. Every flow runs on a clock that starts here, never on the machine's
/// date, so that the suite passes on any day of any year (a request made in December of the last
/// year with a holiday notice would otherwise be due in a year without one).
/// </summary>
public static class TestClock
{
    /// <summary>Friday 27 November 2026, 09:00 in China: 2026's notice is shipped, and 20 working days later is still in 2026.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The China date of <see cref="Start"/>.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(Start.DateTime);

    /// <summary>A clock that starts at <see cref="Start"/> and runs at real speed (see <see cref="RunningClock"/>).</summary>
    public static RunningClock Running() => new(Start);
}

/// <summary>
/// A <see cref="TimeProvider"/> that starts at a fixed instant and then runs at the speed of real
/// time. For a whole app under test (Kestrel, Chromium, background jobs): the date is fixed, while
/// what waits on time — a scheduled publication a few seconds ahead, the application form's "filled
/// in too fast" check, timers — still sees time pass. Timers and timestamps are the system's.
/// </summary>
public sealed class RunningClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    public DateTimeOffset Start { get; } = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => Start + Stopwatch.GetElapsedTime(_startedAt);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

using Gongkai.Core.Calendar;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Setup;

/// <summary>
/// The current <see cref="WorkingDayCalendar"/>: the shipped notices merged with those an
/// administrator entered (stored in the database, so every node sees them). Rebuilt when a notice
/// changes here, and at most a minute late for changes made on another node.
/// </summary>
public sealed class CalendarSource(IServiceScopeFactory scopes, TimeProvider time, Microsoft.Extensions.Options.IOptions<GongkaiOptions> options)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly Lazy<IReadOnlyDictionary<int, HolidayCalendarLoader.Notice>> _shipped = new(() =>
        HolidayCalendarLoader.Shipped(string.IsNullOrWhiteSpace(options.Value.HolidaysPath) ? null : Path.GetFullPath(options.Value.HolidaysPath)));
    private readonly Lock _lock = new();
    private (WorkingDayCalendar Calendar, DateTimeOffset BuiltAt)? _current;

    public WorkingDayCalendar Current
    {
        get
        {
            lock (_lock)
            {
                if (_current is { } c && time.GetUtcNow() - c.BuiltAt < MaxAge)
                {
                    return c.Calendar;
                }
            }
            var built = Build();
            lock (_lock)
            {
                _current = (built, time.GetUtcNow());
            }
            return built;
        }
    }

    public void Invalidate()
    {
        lock (_lock)
        {
            _current = null;
        }
    }

    public IReadOnlyDictionary<int, HolidayCalendarLoader.Notice> ShippedNotices => _shipped.Value;

    private WorkingDayCalendar Build()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GongkaiDbContext>();
        List<HolidayNotice> entered;
        try
        {
            entered = db.HolidayNotices.AsNoTracking().ToList();
        }
        catch (System.Data.Common.DbException)
        {
            entered = []; // before the first migration
        }
        return HolidayCalendarLoader.Build(_shipped.Value, entered.Select(n => HolidayCalendarLoader.Parse(n.Json)));
    }
}

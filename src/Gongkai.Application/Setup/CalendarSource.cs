using Gongkai.Application.Accounts;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Calendar;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Setup;

/// <summary>
/// The current <see cref="WorkingDayCalendar"/>: the shipped notices merged with those an
/// administrator entered (stored in the database, so every node sees them). Rebuilt when a notice
/// changes here, and at most a minute late for changes made on another node.
/// </summary>
public sealed class CalendarSource(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly Lazy<IReadOnlyDictionary<int, HolidayCalendarLoader.Notice>> _shipped = new(() => HolidayCalendarLoader.Shipped());
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

/// <summary>节假日安排 (管理员): add or correct a year's notice, or import one in the shipped JSON format.</summary>
public sealed class HolidayAdministration(GongkaiDbContext db, CalendarSource source, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<(int Year, string Source, bool Entered)>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        var entered = await db.HolidayNotices.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var years = source.ShippedNotices.Keys.Union(entered.Select(n => n.Year)).Order().ToList();
        return years.Select(y => entered.FirstOrDefault(n => n.Year == y) is { } n
            ? (y, n.Source, true)
            : (y, source.ShippedNotices[y].Source, false)).ToList();
    }

    public async Task<int> ImportAsync(Actor actor, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Operation.ManageSiteGroup, null);
        var notice = HolidayCalendarLoader.Parse(json ?? string.Empty);
        var canonical = System.Text.Json.JsonSerializer.Serialize(notice, DataFiles.Json);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.HolidayNotices.SingleOrDefaultAsync(n => n.Year == notice.Year, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        if (existing is null)
        {
            db.HolidayNotices.Add(new HolidayNotice(notice.Year, notice.Source, canonical, now, actor.Name));
        }
        else
        {
            existing.Replace(notice.Source, canonical, now, actor.Name);
        }
        await audit.AppendAsync(actor, "calendar.notice", $"holidays:{notice.Year}", null, null,
            new { notice.Year, notice.Source, days = notice.Days.Count }, null, AuditLog.HashOf(canonical), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        source.Invalidate();
        return notice.Year;
    }
}

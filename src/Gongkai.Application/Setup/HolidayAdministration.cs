using Gongkai.Application.Accounts;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Auditing;
using Gongkai.Core.Calendar;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Setup;

/// <summary>
/// The years an administrator should import a notice for: the current year when it has none (the
/// platform is counting it provisionally now), and from 1 November next year's, which the State
/// Council usually publishes between October and December.
/// </summary>
public sealed record HolidayNoticeReminder(IReadOnlyList<int> MissingYears, bool CurrentYearMissing);

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
        await audit.AppendAsync(actor, AuditActions.CalendarNotice, $"holidays:{notice.Year}", null, null,
            new { notice.Year, notice.Source, days = notice.Days.Count }, null, AuditLog.HashOf(canonical), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        source.Invalidate();
        return notice.Year;
    }

    /// <summary>The month from which next year's missing notice is a reminder on the console home.</summary>
    public const int RemindFromMonth = 11;

    /// <summary>
    /// For administrators (who can import a notice): the years whose notice is missing and needed
    /// soon, or null when there is nothing to do.
    /// </summary>
    public HolidayNoticeReminder? Reminder(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Can(Operation.ManageSiteGroup, null))
        {
            return null;
        }
        var today = ChinaTime.Today(time);
        var years = source.Current.Years;
        var missing = new List<int>();
        var currentMissing = !years.Contains(today.Year);
        if (currentMissing)
        {
            missing.Add(today.Year);
        }
        if (today.Month >= RemindFromMonth && !years.Contains(today.Year + 1))
        {
            missing.Add(today.Year + 1);
        }
        return missing.Count == 0 ? null : new HolidayNoticeReminder(missing, currentMissing);
    }
}

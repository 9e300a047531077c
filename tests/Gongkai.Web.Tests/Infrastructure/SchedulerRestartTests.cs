using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests.Infrastructure;

public sealed class SchedulerRestartTests
{
    /// <summary>The app is stopped before the publication time and started again after it: nobody signs in, the record appears.</summary>
    [Fact]
    public async Task A_scheduled_publication_survives_a_restart_of_the_app()
    {
        using var folder = new TempDataFolder();
        var clock = TestClock.Running(); // one clock across both runs: the time passes while the app is down
        long id;
        DateTime at;
        await using (var first = new GongkaiAppFactory(0, folder.Path) { Time = clock })
        {
            first.Settings["Gongkai:Editorial:SchedulerIntervalSeconds"] = "1";
            (id, at) = await first.ScopedAsync(async s =>
            {
                var editor = await TestUsers.CreateAsync(s, "restart-editor", Role.Editor);
                var reviewer = await TestUsers.CreateAsync(s, "restart-reviewer", Role.Reviewer);
                var workflow = s.GetRequiredService<RecordWorkflow>();
                var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
                var recordId = (await workflow.CreateAsync(editor, await TestUsers.SiteAsync(s, "gxq"), null,
                    RecordContents.Valid(terms, "重启后定时发布的信息", first.Today.AddDays(-1)))).RecordId;
                await workflow.SubmitAsync(editor, recordId);
                var publishAt = first.UtcNow.AddSeconds(8);
                await workflow.ApproveAsync(reviewer, recordId, true, publishAt);
                return (recordId, publishAt);
            });
            Assert.Equal(RecordState.Draft, await first.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.Where(r => r.Id == id).Select(r => r.State).SingleAsync()));
        }
        // The time passes while the app is down.
        var wait = at - clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        await using var second = new GongkaiAppFactory(0, folder.Path) { Time = clock };
        second.Settings["Gongkai:Editorial:SchedulerIntervalSeconds"] = "1";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        RecordState state;
        do
        {
            await Task.Delay(250);
            state = await second.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().Records.Where(r => r.Id == id).Select(r => r.State).SingleAsync());
        }
        while (state != RecordState.Published && waited.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Equal(RecordState.Published, state);
        var by = await second.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().AuditEvents
            .Where(e => e.RecordId == id && e.Action == "record.publish").Select(e => e.ActorName).SingleAsync());
        Assert.Equal(Application.Accounts.Actor.System.Name, by);
    }
}

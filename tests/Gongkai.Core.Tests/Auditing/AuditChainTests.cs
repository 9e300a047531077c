using System.Reflection;
using Gongkai.Core.Auditing;

namespace Gongkai.Core.Tests.Auditing;

public sealed class AuditChainTests
{
    private static List<AuditEvent> Chain(int count)
    {
        var events = new List<AuditEvent>();
        AuditEvent? previous = null;
        for (var i = 0; i < count; i++)
        {
            previous = AuditEvent.Next(previous, new DateTime(2026, 3, 1, 8, i, 0, DateTimeKind.Utc), 7, "editor", "record.edit",
                $"record:{i}", i, "{\"state\":\"a\"}", "{\"state\":\"b\"}", i % 2 == 0 ? null : "原因", AuditEvent.Sha256($"content {i}"));
            events.Add(previous);
        }
        return events;
    }

    private static void Set(AuditEvent e, string property, object? value) =>
        typeof(AuditEvent).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(e, value);

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var result = AuditChain.Verify(Chain(20));
        Assert.True(result.Intact);
        Assert.Equal(20, result.Checked);
    }

    [Theory]
    [InlineData("ActorName", "someone-else")]
    [InlineData("Reason", "改过的原因")]
    [InlineData("After", "{\"state\":\"c\"}")]
    [InlineData("ContentHash", "0000")]
    public void Changing_any_field_of_an_event_is_found_at_that_event(string property, string value)
    {
        var events = Chain(10);
        Set(events[6], property, value);
        var result = AuditChain.Verify(events);
        Assert.False(result.Intact);
        Assert.Equal(7, result.FirstBadSequence);
        Assert.Contains("被改动", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Recomputing_the_hash_of_a_changed_event_breaks_the_link_to_the_next()
    {
        var events = Chain(10);
        Set(events[3], "Reason", "伪造");
        Set(events[3], "Hash", events[3].ComputeHash());
        var result = AuditChain.Verify(events);
        Assert.Equal(5, result.FirstBadSequence);
    }

    [Fact]
    public void A_missing_event_is_named()
    {
        var events = Chain(10);
        events.RemoveAt(4);
        var result = AuditChain.Verify(events);
        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains("缺失", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_field_is_length_prefixed_so_moving_text_between_fields_changes_the_hash()
    {
        var a = AuditEvent.Next(null, DateTime.UnixEpoch, 1, "ab", "c", "s", null, null, null, null, null);
        var b = AuditEvent.Next(null, DateTime.UnixEpoch, 1, "a", "bc", "s", null, null, null, null, null);
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.Equal(AuditChain.Genesis, a.PreviousHash);
    }
}

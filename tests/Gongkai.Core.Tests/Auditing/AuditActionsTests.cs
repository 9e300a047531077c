using System.Reflection;
using Gongkai.Core.Auditing;

namespace Gongkai.Core.Tests.Auditing;

public sealed class AuditActionsTests
{
    [Fact]
    public void Every_action_has_a_chinese_label_and_a_key_of_its_own()
    {
        var keys = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.True(keys.Count >= 40, $"{keys.Count} actions");
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(keys.Order(StringComparer.Ordinal), AuditActions.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(keys, k => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", AuditActions.Label(k)));
    }

    [Fact]
    public void An_unknown_action_shows_its_key() =>
        Assert.Equal("plugin.something", AuditActions.Label("plugin.something"));
}

namespace Gongkai.Application.Tests;

public sealed class GongkaiOptionsValidatorTests
{
    [Fact]
    public void The_defaults_pass()
    {
        Assert.True(new GongkaiOptionsValidator().Validate(null, new GongkaiOptions()).Succeeded);
    }

    [Fact]
    public void A_setting_out_of_range_in_a_nested_section_is_named_with_its_bounds()
    {
        var options = new GongkaiOptions();
        options.Search.PollIntervalMs = 5;
        options.Demo.GeneratedRecords = -1;
        options.SiteGroupName = " ";

        var result = new GongkaiOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("配置项 Gongkai:Search:PollIntervalMs 无效（应在 20 到 60000 之间）。", result.Failures!);
        Assert.Contains("配置项 Gongkai:Demo:GeneratedRecords 无效（应在 0 到 2000000 之间）。", result.Failures!);
        Assert.Contains("配置项 Gongkai:SiteGroupName 无效（不能为空）。", result.Failures!);
    }
}

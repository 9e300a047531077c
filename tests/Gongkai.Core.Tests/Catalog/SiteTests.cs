using Gongkai.Core;
using Gongkai.Core.Catalog;

namespace Gongkai.Core.Tests.Catalog;

public sealed class SiteTests
{
    [Theory]
    [InlineData("gxq")]
    [InlineData("lg-2")]
    public void Well_formed_slugs_are_accepted(string slug) => Assert.Equal(slug, Site.ValidateSlug(slug));

    [Theory]
    [InlineData("GXQ")]
    [InlineData("高新区")]
    [InlineData("g")]
    [InlineData("1abc")]
    [InlineData("a/b")]
    public void Malformed_slugs_are_rejected(string slug) =>
        Assert.Contains("站点标识", Assert.Throws<DomainException>(() => Site.ValidateSlug(slug)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("xxgk")]
    [InlineData("api")]
    [InlineData("favorites")]
    public void Paths_the_platform_uses_cannot_be_slugs(string slug) =>
        Assert.Contains("保留", Assert.Throws<DomainException>(() => Site.ValidateSlug(slug)).Message, StringComparison.Ordinal);

    [Fact]
    public void An_organization_with_an_invalid_prefix_cannot_be_created()
    {
        var error = Assert.Throws<DomainException>(() => new Organization("江阴市测试局", "测试局", "014040530"));
        Assert.Contains("校验码错误", error.Message, StringComparison.Ordinal);
    }
}

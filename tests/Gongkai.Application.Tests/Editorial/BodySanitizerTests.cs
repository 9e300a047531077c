using Gongkai.Application.Editorial;

namespace Gongkai.Application.Tests.Editorial;

/// <summary>What a record body may keep of its styles.</summary>
public sealed class BodySanitizerTests
{
    private static readonly BodySanitizer Sanitizer = new();

    [Theory]
    [InlineData("position:fixed; top:0; left:0; width:100%; height:100%; z-index:9999; background:white")] // probe finding F15
    [InlineData("position:absolute; left:-9999px")]
    [InlineData("transform:translateY(-500px)")]
    [InlineData("margin-top:-2000px")]
    [InlineData("clip-path:inset(0 0 0 0)")]
    public void A_body_cannot_lay_itself_over_the_page(string style)
    {
        var clean = Sanitizer.Sanitize($"<div style=\"{style}\">覆盖整页的内容</div>");
        foreach (var property in new[] { "position", "z-index", "transform", "margin", "clip-path", "top:", "left:" })
        {
            Assert.DoesNotContain(property, clean, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("覆盖整页的内容", clean, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_formatting_stays() =>
        Assert.Equal("<p style=\"text-align: center; color: rgba(255, 0, 0, 1); font-weight: bold\">居中红色加粗</p>",
            Sanitizer.Sanitize("<p style=\"text-align:center; color:red; font-weight:bold\">居中红色加粗</p>"));
}

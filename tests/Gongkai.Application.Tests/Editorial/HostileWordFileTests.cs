using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Editorial;

/// <summary>
/// Word import of hostile or broken files (probe findings F5, F6): each is refused with a Chinese
/// message, before it can take the server's memory or time, never with a 500.
/// </summary>
public sealed class HostileWordFileTests
{
    [Theory]
    [InlineData("zip bomb", "压缩炸弹")] // 100 MB of text in a small file
    [InlineData("more unpacked than allowed", "超过了 64MB 的上限")]
    [InlineData("billion laughs", "已损坏或格式不符")]
    [InlineData("a DTD", "已损坏或格式不符")]
    [InlineData("malformed XML", "已损坏或格式不符")]
    [InlineData("wrong root element", "已损坏或格式不符")]
    [InlineData("no main part", "无法读取")]
    [InlineData("truncated package", "无法读取")]
    public async Task A_hostile_or_broken_file_is_refused_in_chinese(string what, string expected)
    {
        var file = HostileWordFiles.File(what);
        await using var app = await ApplicationServices.CreateAsync(generatedRecords: 0);
        var refused = await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(async s =>
        {
            using var stream = new MemoryStream(file);
            return await s.GetRequiredService<WordImport>().ImportAsync(stream);
        }));
        Assert.True(refused.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {refused.Message}");
    }
}

using System.Net;
using System.Xml.Linq;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Gongkai.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests.Feeds;

/// <summary>Characters XML cannot carry (probe finding F4): refused where they come in, and never a broken feed.</summary>
public sealed class FeedRobustnessTests : IDisposable
{
    private readonly GongkaiAppFactory _app = new(generatedRecords: 0);

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("\u000C", "U+000C")]
    [InlineData("\u0000", "U+0000")]
    [InlineData("\u000B", "U+000B")]
    [InlineData("\u001B", "U+001B")]
    [InlineData("\uFFFE", "U+FFFE")]
    public async Task A_title_with_a_character_xml_cannot_carry_is_refused_in_chinese(string character, string code)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => _app.ScopedAsync(async s =>
        {
            var editor = await TestUsers.CreateAsync(s, $"feed-editor-{code[2..]}", Role.Editor);
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            return await s.GetRequiredService<RecordWorkflow>().CreateAsync(editor, await TestUsers.SiteAsync(s, "gxq"), null,
                RecordContents.Valid(terms, $"关于开展{character}专项检查的通知", _app.Today.AddDays(-1)));
        }));
        Assert.Equal($"标题含有不可见的控制字符（{code}），请删除后再保存。", error.Message);
    }

    [Fact]
    public async Task A_stored_title_with_such_a_character_leaves_the_feeds_whole()
    {
        // As a record imported before the check, or written by another way in.
        var sql = TestDatabase.IsPostgres
            ? """UPDATE "Records" SET "Title" = "Title" || chr(12) || '（含控制字符）' || chr(65534), "Summary" = chr(27) || "Summary" WHERE "IndexSerial" = 390"""
            : """UPDATE "Records" SET "Title" = "Title" || char(12) || '（含控制字符）' || char(65534), "Summary" = char(27) || "Summary" WHERE "IndexSerial" = 390""";
        await _app.ScopedAsync(s => s.GetRequiredService<GongkaiDbContext>().Database.ExecuteSqlRawAsync(sql));
        using var client = _app.CreateClient();
        foreach (var feed in new[] { "/gxq/xxgk/rss.xml", "/jy/xxgk/rss.xml" })
        {
            using var response = await client.GetAsync(new Uri(feed, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(xml.Descendants("title"), t => t.Value.EndsWith("勇当项目领跑者（含控制字符）", StringComparison.Ordinal));
        }
    }
}

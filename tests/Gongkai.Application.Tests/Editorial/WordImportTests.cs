using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Editorial;

public sealed class WordImportTests
{
    private static Task<ImportSuggestions> ImportAsync(ApplicationServices app, byte[] docx) =>
        app.RunAsync(async s =>
        {
            using var stream = new MemoryStream(docx);
            return await s.GetRequiredService<WordImport>().ImportAsync(stream);
        });

    [Fact]
    public async Task An_official_document_gives_clean_html_and_its_metadata_as_suggestions()
    {
        await using var app = await ApplicationServices.CreateAsync(generatedRecords: 300);
        await app.RunAsync(s => s.GetRequiredService<Gongkai.Application.Search.IndexUpdater>().CatchUpAsync());
        var result = await ImportAsync(app, WordDocuments.OfficialDocument());

        Assert.Equal(WordDocuments.Title, result.Title);
        Assert.Equal(WordDocuments.DocumentNumber, result.DocumentNumber);
        Assert.Equal(WordDocuments.Date, result.GeneratedOn);
        Assert.StartsWith("为深入实施创新驱动发展战略", result.Summary, StringComparison.Ordinal);
        Assert.Equal(5, result.Keywords.Count);
        Assert.Contains(result.Keywords, k => k is "科技" or "创新" or "平台" or "企业");

        var html = result.BodyHtml;
        Assert.Contains("<h2>一、总体要求</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<ol><li>建设企业研发机构。</li><li>培育新型研发机构。</li></ol>", html, StringComparison.Ordinal);
        Assert.Contains("<ul><li>科技创新券</li><li>研发费用补助</li></ul>", html, StringComparison.Ordinal);
        Assert.Contains("<td><strong>项目</strong></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>50万元</td>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"平台示意图\"", html, StringComparison.Ordinal);
        // The title, the 文号 and the 红头 are metadata, not body.
        Assert.DoesNotContain(WordDocuments.Title, html, StringComparison.Ordinal);
        Assert.DoesNotContain("管理委员会文件", html, StringComparison.Ordinal);
        Assert.DoesNotContain("15号", html, StringComparison.Ordinal);

        // The demo catalog has published records on 科技 and 产业: the theme comes from them.
        Assert.NotNull(result.ThemeId);
        Assert.False(string.IsNullOrEmpty(result.ThemeLabel));
    }

    [Fact]
    public async Task A_date_in_chinese_numerals_is_read()
    {
        await using var app = await ApplicationServices.CreateAsync(generatedRecords: 0);
        var result = await ImportAsync(app, WordDocuments.OfficialDocument(date: "二〇二六年十一月二十日"));
        Assert.Equal(new DateOnly(2026, 11, 20), result.GeneratedOn);
    }

    [Fact]
    public async Task Hostile_text_in_the_document_stays_text()
    {
        await using var app = await ApplicationServices.CreateAsync(generatedRecords: 0);
        var result = await ImportAsync(app, WordDocuments.OfficialDocument(title: "<script>alert(1)</script>标题"));
        Assert.DoesNotContain("<script", result.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("<script>alert(1)</script>标题", result.Title);
    }

    [Fact]
    public async Task A_file_that_is_not_a_docx_is_refused_with_a_clear_message()
    {
        await using var app = await ApplicationServices.CreateAsync(generatedRecords: 0);
        var e = await Assert.ThrowsAsync<DomainException>(() => ImportAsync(app, "not a word file"u8.ToArray()));
        Assert.Contains(".docx", e.Message, StringComparison.Ordinal);
    }
}

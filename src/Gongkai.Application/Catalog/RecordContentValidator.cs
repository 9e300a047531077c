using Gongkai.Core;
using Gongkai.Core.Catalog;

namespace Gongkai.Application.Catalog;

/// <summary>Checks that each vocabulary field of a record holds a term of the right list.</summary>
public static class RecordContentValidator
{
    public static void Validate(RecordContent content, TermSnapshot terms)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(terms);
        RefuseInvisibleCharacters(content.Title, "标题");
        RefuseInvisibleCharacters(content.DocumentNumber, "文件编号");
        RefuseInvisibleCharacters(content.Procedure, "公开程序");
        RefuseInvisibleCharacters(content.Summary, "内容概述");
        RefuseInvisibleCharacters(content.BodyHtml, "正文");
        RefuseInvisibleCharacters(content.PublicationPeriod?.Basis, "公开期限依据");
        content.PublicationPeriod?.Checked();
        foreach (var keyword in content.Keywords)
        {
            RefuseInvisibleCharacters(keyword, "关键词");
        }
        Expect(terms, content.GenreId, Vocabulary.Genre, "体裁");
        Expect(terms, content.ThemeId, Vocabulary.Theme, "主题");
        Expect(terms, content.EffectStatusId, Vocabulary.EffectStatus, "效力状况");
        Expect(terms, content.DisclosureTermId, Vocabulary.DisclosureTerm, "公开时限");
        Expect(terms, content.DisclosureMethodId, Vocabulary.DisclosureMethod, "公开方式");
        Expect(terms, content.DisclosureScopeId, Vocabulary.DisclosureScope, "公开范围");
        foreach (var form in content.DisclosureFormIds)
        {
            Expect(terms, form, Vocabulary.DisclosureForm, "公开形式");
        }
        if (terms.Children(content.ThemeId).Any())
        {
            throw new DomainException($"请选择“{terms.Label(content.ThemeId)}”下的二级主题。");
        }
    }

    /// <summary>
    /// Characters XML cannot carry (U+0000–U+001F but tab and line breaks, U+FFFE, U+FFFF, a lone
    /// surrogate): invisible on the page, they would break the RSS feed and the sitemap, so they are
    /// refused where they come in (copied from Word or another system, typically).
    /// </summary>
    public static void RefuseInvisibleCharacters(string? value, string label)
    {
        if (value is null)
        {
            return;
        }
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (!System.Xml.XmlConvert.IsXmlChar(value[i]))
            {
                throw new DomainException($"{label}含有不可见的控制字符（U+{(int)value[i]:X4}），请删除后再保存。");
            }
        }
    }

    private static void Expect(TermSnapshot terms, int id, Vocabulary vocabulary, string label)
    {
        if (!terms.TryGet(id, out var term) || term.Vocabulary != vocabulary)
        {
            throw new DomainException($"{label}的取值无效，请从列表中选择。");
        }
    }
}

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

    private static void Expect(TermSnapshot terms, int id, Vocabulary vocabulary, string label)
    {
        if (!terms.TryGet(id, out var term) || term.Vocabulary != vocabulary)
        {
            throw new DomainException($"{label}的取值无效，请从列表中选择。");
        }
    }
}

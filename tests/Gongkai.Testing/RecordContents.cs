using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;

namespace Gongkai.Testing;

/// <summary>Builds valid record content from the seeded vocabularies; change what a test cares about with `with`.</summary>
public static class RecordContents
{
    public static RecordContent Valid(TermSnapshot terms, string title = "测试信息标题", DateOnly? generatedOn = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var theme = terms.Of(Vocabulary.Theme).First(t => t.ParentId is not null);
        return new RecordContent
        {
            Title = title,
            GeneratedOn = generatedOn ?? new DateOnly(2026, 3, 2),
            DocumentNumber = "澄高管发〔2026〕7号",
            DisclosureTermId = terms.ByKey(Vocabulary.DisclosureTerm, TermKeys.LongTerm)!.Id,
            DisclosureFormIds = [terms.Of(Vocabulary.DisclosureForm).First().Id],
            DisclosureMethodId = terms.ByKey(Vocabulary.DisclosureMethod, TermKeys.Proactive)!.Id,
            DisclosureScopeId = terms.ByKey(Vocabulary.DisclosureScope, TermKeys.Public)!.Id,
            Procedure = "部门编制,经办公室审核后公开",
            GenreId = terms.ByLabel(Vocabulary.Genre, "通知")!.Id,
            ThemeId = theme.Id,
            Keywords = ["测试"],
            EffectStatusId = terms.ByKey(Vocabulary.EffectStatus, TermKeys.InForce)!.Id,
            Summary = "测试信息的内容概述。",
            BodyHtml = "<p>测试信息的正文。</p>",
        };
    }
}

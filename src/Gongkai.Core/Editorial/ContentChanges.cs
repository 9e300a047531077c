using Gongkai.Core.Catalog;

namespace Gongkai.Core.Editorial;

/// <summary>Names the fields in which two versions of a record differ, for the public 版本记录.</summary>
public static class ContentChanges
{
    public static IReadOnlyList<string> Between(RecordContent? before, RecordContent after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return ["首次发布"];
        }
        var changed = new List<string>();
        void Check(bool differs, string label)
        {
            if (differs)
            {
                changed.Add(label);
            }
        }
        Check(before.Title != after.Title, "标题");
        Check(before.GeneratedOn != after.GeneratedOn, "生成日期");
        Check(before.DocumentNumber != after.DocumentNumber, "文号");
        Check(before.DisclosureTermId != after.DisclosureTermId, "公开时限");
        Check(!before.DisclosureFormIds.Order().SequenceEqual(after.DisclosureFormIds.Order()), "公开形式");
        Check(before.DisclosureMethodId != after.DisclosureMethodId, "公开方式");
        Check(before.DisclosureScopeId != after.DisclosureScopeId, "公开范围");
        Check(before.ValidUntil != after.ValidUntil, "有效期");
        Check(before.Procedure != after.Procedure, "公开程序");
        Check(before.GenreId != after.GenreId, "体裁");
        Check(before.ThemeId != after.ThemeId, "主题");
        Check(!before.Keywords.SequenceEqual(after.Keywords), "关键词");
        Check(before.EffectStatusId != after.EffectStatusId || before.EffectStatusChangedOn != after.EffectStatusChangedOn
              || before.ReplacedByRecordId != after.ReplacedByRecordId, "效力状况");
        Check(before.Summary != after.Summary, "内容概述");
        Check(before.BodyHtml != after.BodyHtml, "正文");
        Check(before.InterpretsRecordId != after.InterpretsRecordId, "解读关联");
        Check(before.Column != after.Column, "栏目");
        Check(before.DocumentKind != after.DocumentKind, "文件类别");
        return changed.Count == 0 ? ["无内容变化"] : changed;
    }
}

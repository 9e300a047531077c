using Gongkai.Application.Catalog;
using Gongkai.Core;
using Gongkai.Core.Catalog;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongkai.Application.Editorial;

/// <summary>
/// A record as an editor or an integrating system writes it: vocabulary values by their Chinese
/// labels (as on the public page and in the record JSON), linked records by index number. Blank
/// values take the usual defaults (长期公开, 主动公开, 面向社会, 有效, 部门编制,经办公室审核后公开).
/// </summary>
public sealed record RecordInput
{
    public string? Title { get; init; }
    public DateOnly? GeneratedOn { get; init; }
    public string? DocumentNumber { get; init; }
    public string? DisclosureTerm { get; init; }
    public IReadOnlyList<string>? DisclosureForms { get; init; }
    public string? DisclosureMethod { get; init; }
    public string? DisclosureScope { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public string? Procedure { get; init; }
    public string? Genre { get; init; }
    public string? ThemePrimary { get; init; }
    public string? ThemeSecondary { get; init; }
    public IReadOnlyList<string>? Keywords { get; init; }
    public string? EffectStatus { get; init; }
    public DateOnly? EffectStatusChangedOn { get; init; }

    /// <summary>文件类别: 规章, 行政规范性文件, or blank / 其他文件.</summary>
    public string? DocumentKind { get; init; }

    /// <summary>
    /// 条例 Art. 26: where a law or regulation sets another period for publishing this record, the number
    /// of days, the unit (工作日, the default, or 日) and the provision; all blank is the 20 working days.
    /// </summary>
    public int? PublicationPeriodDays { get; init; }

    public string? PublicationPeriodUnit { get; init; }
    public string? PublicationPeriodBasis { get; init; }

    /// <summary>Index number of the record that replaces this one.</summary>
    public string? ReplacedBy { get; init; }

    /// <summary>For a 政策解读: index number of the policy it explains.</summary>
    public string? Interprets { get; init; }

    public string? Summary { get; init; }
    public string? BodyHtml { get; init; }
    public string? ChangeNote { get; init; }

    public const string DefaultProcedure = "部门编制,经办公室审核后公开";
}

/// <summary>Turns a <see cref="RecordInput"/> into <see cref="RecordContent"/>, with a Chinese message for every bad value.</summary>
public sealed class RecordInputResolver(GongkaiDbContext db, TermDirectory terms)
{
    public async Task<RecordContent> ResolveAsync(RecordInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var t = await terms.GetAsync(cancellationToken).ConfigureAwait(false);
        int Term(Vocabulary vocabulary, string? label, string? defaultKey, string name)
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                return defaultKey is not null && t.ByKey(vocabulary, defaultKey) is { } fallback
                    ? fallback.Id
                    : throw new DomainException($"请选择{name}。");
            }
            return t.ByLabel(vocabulary, label.Trim())?.Id
                   ?? throw new DomainException($"{name}“{label.Trim()}”不在列表中，可选：{string.Join("、", t.Of(vocabulary).Where(x => x.ParentId is null || vocabulary != Vocabulary.Theme).Select(x => x.Label).Take(40))}。");
        }
        int Theme()
        {
            if (string.IsNullOrWhiteSpace(input.ThemePrimary))
            {
                throw new DomainException("请选择主题（一级）。");
            }
            var primary = t.Roots(Vocabulary.Theme).FirstOrDefault(x => x.Label == input.ThemePrimary.Trim())
                          ?? throw new DomainException($"主题（一级）“{input.ThemePrimary.Trim()}”不在列表中。");
            if (string.IsNullOrWhiteSpace(input.ThemeSecondary))
            {
                return primary.Id;
            }
            return t.Children(primary.Id).FirstOrDefault(x => x.Label == input.ThemeSecondary.Trim())?.Id
                   ?? throw new DomainException($"“{primary.Label}”下没有二级主题“{input.ThemeSecondary.Trim()}”。");
        }
        var forms = (input.DisclosureForms ?? []).Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => Term(Vocabulary.DisclosureForm, f, null, "公开形式")).ToList();
        if (forms.Count == 0 && t.Of(Vocabulary.DisclosureForm).FirstOrDefault() is { } firstForm)
        {
            forms.Add(firstForm.Id); // 网站
        }
        return new RecordContent
        {
            Title = Require.Text(input.Title, "标题"),
            GeneratedOn = input.GeneratedOn ?? throw new DomainException("请填写生成日期。"),
            DocumentNumber = input.DocumentNumber,
            DisclosureTermId = Term(Vocabulary.DisclosureTerm, input.DisclosureTerm, TermKeys.LongTerm, "公开时限"),
            DisclosureFormIds = forms,
            DisclosureMethodId = Term(Vocabulary.DisclosureMethod, input.DisclosureMethod, TermKeys.Proactive, "公开方式"),
            DisclosureScopeId = Term(Vocabulary.DisclosureScope, input.DisclosureScope, TermKeys.Public, "公开范围"),
            ValidUntil = input.ValidUntil,
            Procedure = string.IsNullOrWhiteSpace(input.Procedure) ? RecordInput.DefaultProcedure : input.Procedure,
            GenreId = Term(Vocabulary.Genre, input.Genre, null, "体裁"),
            ThemeId = Theme(),
            Keywords = (input.Keywords ?? []).SelectMany(k => k.Split([',', '，', ';', '；', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            EffectStatusId = Term(Vocabulary.EffectStatus, input.EffectStatus, TermKeys.InForce, "效力状况"),
            EffectStatusChangedOn = input.EffectStatusChangedOn,
            DocumentKind = DocumentKinds.Parse(input.DocumentKind),
            PublicationPeriod = Core.Editorial.PublicationPeriod.From(input.PublicationPeriodDays, input.PublicationPeriodUnit, input.PublicationPeriodBasis),
            ReplacedByRecordId = await RecordIdAsync(input.ReplacedBy, "替代文件", cancellationToken).ConfigureAwait(false),
            InterpretsRecordId = await RecordIdAsync(input.Interprets, "所解读的政策文件", cancellationToken).ConfigureAwait(false),
            Summary = Require.Text(input.Summary, "内容概述"),
            BodyHtml = input.BodyHtml ?? string.Empty,
        };
    }

    /// <summary>The form's view of existing content (labels), for editing.</summary>
    public async Task<RecordInput> DescribeAsync(RecordContent content, string? changeNote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var t = await terms.GetAsync(cancellationToken).ConfigureAwait(false);
        var (primary, secondary) = t.ThemeLevels(content.ThemeId);
        async Task<string?> NumberAsync(long? id)
        {
            if (id is null)
            {
                return null;
            }
            var r = await db.Records.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.IndexPrefix, x.IndexYear, x.IndexSerial })
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return r?.IndexSerial is int serial ? IndexNumber.Create(r.IndexPrefix!, r.IndexYear!.Value, serial).ToString() : null;
        }
        return new RecordInput
        {
            Title = content.Title,
            GeneratedOn = content.GeneratedOn,
            DocumentNumber = content.DocumentNumber,
            DisclosureTerm = t.Label(content.DisclosureTermId),
            DisclosureForms = content.DisclosureFormIds.Select(t.Label).ToList(),
            DisclosureMethod = t.Label(content.DisclosureMethodId),
            DisclosureScope = t.Label(content.DisclosureScopeId),
            ValidUntil = content.ValidUntil,
            Procedure = content.Procedure,
            Genre = t.Label(content.GenreId),
            ThemePrimary = primary.Label,
            ThemeSecondary = secondary?.Label,
            Keywords = content.Keywords,
            EffectStatus = t.Label(content.EffectStatusId),
            EffectStatusChangedOn = content.EffectStatusChangedOn,
            DocumentKind = DocumentKinds.Label(content.DocumentKind),
            PublicationPeriodDays = content.PublicationPeriod?.Days,
            PublicationPeriodUnit = content.PublicationPeriod is { } period ? (period.WorkingDays ? "工作日" : "日") : null,
            PublicationPeriodBasis = content.PublicationPeriod?.Basis,
            ReplacedBy = await NumberAsync(content.ReplacedByRecordId).ConfigureAwait(false),
            Interprets = await NumberAsync(content.InterpretsRecordId).ConfigureAwait(false),
            Summary = content.Summary,
            BodyHtml = content.BodyHtml,
            ChangeNote = changeNote,
        };
    }

    private async Task<long?> RecordIdAsync(string? indexNumber, string label, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(indexNumber))
        {
            return null;
        }
        var text = indexNumber.Trim();
        var slash = text.LastIndexOf('/');
        if (slash <= 0 || !IndexNumber.TryParse(text[..slash], text[(slash + 1)..], out var number, out _))
        {
            throw new DomainException($"{label}的索引号“{text}”格式不对，应如“01404053X/2020-00390”。");
        }
        var n = number.Value;
        return await db.Records.AsNoTracking()
                   .Where(r => r.IndexPrefix == n.Prefix && r.IndexYear == n.Year && r.IndexSerial == n.Serial)
                   .Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
               ?? throw new DomainException($"没有索引号为“{text}”的信息（{label}）。");
    }
}

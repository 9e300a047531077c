using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Calendar;
using Gongkai.Core.Editorial;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages.Records;

/// <summary>The record form as posted: vocabulary values by label, the theme as "一级|二级".</summary>
public sealed class RecordForm
{
    public string? Site { get; set; }
    public string? Title { get; set; }
    public DateOnly? GeneratedOn { get; set; }
    public string? DocumentNumber { get; set; }
    public string? DisclosureTerm { get; set; }
    public List<string> DisclosureForms { get; set; } = [];
    public string? DisclosureMethod { get; set; }
    public string? DisclosureScope { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string? Procedure { get; set; } = RecordInput.DefaultProcedure;
    public string? Genre { get; set; }
    public string? Theme { get; set; }
    public string? Keywords { get; set; }
    public string? EffectStatus { get; set; }
    public DateOnly? EffectStatusChangedOn { get; set; }
    public string? DocumentKind { get; set; }
    public int? PublicationPeriodDays { get; set; }
    public string? PublicationPeriodUnit { get; set; }
    public string? PublicationPeriodBasis { get; set; }
    public string? ReplacedBy { get; set; }
    public string? Interprets { get; set; }
    public string? Summary { get; set; }
    public string? BodyHtml { get; set; }
    public string? ChangeNote { get; set; }

    public RecordInput ToInput()
    {
        var theme = (Theme ?? string.Empty).Split('|', 2);
        return new RecordInput
        {
            Title = Title,
            GeneratedOn = GeneratedOn,
            DocumentNumber = DocumentNumber,
            DisclosureTerm = DisclosureTerm,
            DisclosureForms = DisclosureForms,
            DisclosureMethod = DisclosureMethod,
            DisclosureScope = DisclosureScope,
            ValidUntil = ValidUntil,
            Procedure = Procedure,
            Genre = Genre,
            ThemePrimary = theme[0],
            ThemeSecondary = theme.Length > 1 ? theme[1] : null,
            Keywords = Keywords is null ? [] : [Keywords],
            EffectStatus = EffectStatus,
            EffectStatusChangedOn = EffectStatusChangedOn,
            DocumentKind = DocumentKind,
            PublicationPeriodDays = PublicationPeriodDays,
            PublicationPeriodUnit = PublicationPeriodUnit,
            PublicationPeriodBasis = PublicationPeriodBasis,
            ReplacedBy = ReplacedBy,
            Interprets = Interprets,
            Summary = Summary,
            BodyHtml = BodyHtml,
            ChangeNote = ChangeNote,
        };
    }

    public static RecordForm From(RecordInput input) => new()
    {
        Title = input.Title,
        GeneratedOn = input.GeneratedOn,
        DocumentNumber = input.DocumentNumber,
        DisclosureTerm = input.DisclosureTerm,
        DisclosureForms = input.DisclosureForms?.ToList() ?? [],
        DisclosureMethod = input.DisclosureMethod,
        DisclosureScope = input.DisclosureScope,
        ValidUntil = input.ValidUntil,
        Procedure = input.Procedure,
        Genre = input.Genre,
        Theme = input.ThemeSecondary is null ? input.ThemePrimary : $"{input.ThemePrimary}|{input.ThemeSecondary}",
        Keywords = input.Keywords is null ? null : string.Join("，", input.Keywords),
        EffectStatus = input.EffectStatus,
        EffectStatusChangedOn = input.EffectStatusChangedOn,
        DocumentKind = input.DocumentKind,
        PublicationPeriodDays = input.PublicationPeriodDays,
        PublicationPeriodUnit = input.PublicationPeriodUnit,
        PublicationPeriodBasis = input.PublicationPeriodBasis,
        ReplacedBy = input.ReplacedBy,
        Interprets = input.Interprets,
        Summary = input.Summary,
        BodyHtml = input.BodyHtml,
        ChangeNote = input.ChangeNote,
    };
}

/// <summary>
/// 新建 / 修改: the record form with every metadata field, controlled lists and validation, and
/// 导入Word, which fills the form with the document's body and suggestions the editor accepts or
/// changes before saving.
/// </summary>
public sealed class EditModel(
    RecordDetails details, CatalogReader catalog, TermDirectory terms, RecordWorkflow workflow, RecordInputResolver resolver,
    WordImport import, WorkingDayCalendar calendar, TimeProvider time) : ConsolePageModel
{
    [BindProperty]
    public RecordForm Form { get; set; } = new();

    public long? Id { get; private set; }
    public TermSnapshot Terms { get; private set; } = null!;
    public IReadOnlyList<SiteInfo> Sites { get; private set; } = [];
    public ImportSuggestions? Imported { get; private set; }
    public string? Warning { get; private set; }

    /// <summary>The entries offered in a list: active ones, and a retired one the record already has.</summary>
    public IEnumerable<Core.Catalog.Term> Offered(Core.Catalog.Vocabulary vocabulary, params string?[] current) =>
        Terms.Of(vocabulary).Where(t => t.IsActive || current.Contains(t.Label));

    public async Task<IActionResult> OnGetAsync(long? id, string? site, CancellationToken cancellationToken)
    {
        Id = id;
        await LoadListsAsync(cancellationToken);
        if (id is long recordId)
        {
            if (await details.DraftAsync(Actor, recordId, cancellationToken) is not { } draft)
            {
                return NotFound();
            }
            Form = RecordForm.From(await resolver.DescribeAsync(draft.Content, draft.ChangeNote, cancellationToken));
        }
        else
        {
            if (Sites.Count == 0)
            {
                return Forbidden("您没有任何单位的编辑角色，不能新建信息。");
            }
            Form.Site = Sites.FirstOrDefault(s => s.Slug == site)?.Slug ?? Sites[0].Slug;
        }
        return Page();
    }

    public Task<IActionResult> OnPostAsync(long? id, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        Id = id;
        var content = await resolver.ResolveAsync(Form.ToInput(), cancellationToken);
        WorkflowResult result;
        if (id is long recordId)
        {
            result = await workflow.UpdateAsync(Actor, recordId, content, Form.ChangeNote, cancellationToken);
        }
        else
        {
            var sites = await catalog.SitesAsync(cancellationToken);
            var site = sites.FirstOrDefault(s => s.Slug == Form.Site) ?? throw new DomainException("请选择站点。");
            result = await workflow.CreateAsync(Actor, site.Id, null, content, Form.ChangeNote, cancellationToken);
        }
        TempData["Message"] = result.Warning is null ? "已保存。" : $"已保存。注意：{result.Warning}";
        return Redirect($"/admin/records/{result.RecordId}");
    });

    /// <summary>导入Word: fills the form from a .docx; nothing is saved until the editor saves the form.</summary>
    public Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        // Only for those who may make a record of it: the parser is work the server does for them.
        if (EditableOrganizations.Count == 0)
        {
            return Forbidden("您没有任何单位的编辑角色，不能导入Word文件。");
        }
        if (file is null || file.Length == 0)
        {
            throw new DomainException("请选择要导入的 Word 文件（.docx）。");
        }
        if (!file.FileName.EndsWith(".docx", StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException("只能导入 .docx 文件（.doc 请先在 Word 或 WPS 中另存为 .docx）。");
        }
        await using var stream = file.OpenReadStream();
        var suggestions = await import.ImportAsync(stream, cancellationToken);
        Imported = suggestions;
        var site = Form.Site;
        Form = new RecordForm
        {
            Site = site,
            Title = suggestions.Title,
            DocumentNumber = suggestions.DocumentNumber,
            GeneratedOn = suggestions.GeneratedOn,
            Keywords = string.Join("，", suggestions.Keywords),
            Summary = suggestions.Summary,
            BodyHtml = suggestions.BodyHtml,
            Theme = suggestions.ThemeLabel?.Replace(" / ", "|", StringComparison.Ordinal),
        };
        ModelState.Clear();
        await LoadListsAsync(cancellationToken);
        if (suggestions.GeneratedOn is DateOnly generated)
        {
            Warning = Timeliness.Check(calendar, generated, ChinaTime.Today(time)).Warning;
        }
        return Page();
    });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        await LoadListsAsync(HttpContext.RequestAborted);
        return Page();
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        Terms = await terms.GetAsync(cancellationToken);
        var editable = EditableOrganizations;
        Sites = (await catalog.SitesAsync(cancellationToken)).Where(s => editable.Contains(s.OrganizationId)).ToList();
    }
}

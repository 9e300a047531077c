namespace Gongkai.Core.Catalog;

/// <summary>Publication state. Only <see cref="Published"/> records whose time has come are ever public.</summary>
public enum RecordState
{
    Draft = 0,
    Published = 1,
    Withdrawn = 2,
}

/// <summary>
/// The column of the disclosure section (政府信息公开) a record belongs to. Most records are
/// catalog items; the 指南, 制度 and 年报 columns hold their own documents.
/// </summary>
public enum SectionColumn
{
    Catalog = 0,
    Guide = 1,
    Rules = 2,
    AnnualReport = 3,
}

/// <summary>
/// 文件类别: whether a record is a 规章 or a 行政规范性文件 (条例 Art. 20 (一)), which the annual
/// report's table 2 counts (made, repealed, in force). Most records are neither.
/// </summary>
public enum DocumentKind
{
    Other = 0,
    Regulation = 1,
    NormativeDocument = 2,
}

/// <summary>Chinese names of <see cref="DocumentKind"/>, as the console and the annual report write them.</summary>
public static class DocumentKinds
{
    public static string Label(DocumentKind kind) => kind switch
    {
        DocumentKind.Regulation => "规章",
        DocumentKind.NormativeDocument => "行政规范性文件",
        _ => "其他文件",
    };

    public static DocumentKind Parse(string? label) => label?.Trim() switch
    {
        null or "" or "其他文件" or "其他" => DocumentKind.Other,
        "规章" => DocumentKind.Regulation,
        "行政规范性文件" or "规范性文件" => DocumentKind.NormativeDocument,
        var other => throw new DomainException($"文件类别“{other}”不在列表中，可选：其他文件、规章、行政规范性文件。"),
    };
}

/// <summary>
/// Everything an editor fills in for a record: the metadata table of the record page (every field
/// of the reference page, vocab.md), the title, the 内容概述 and the body. Vocabulary fields hold
/// <see cref="Term"/> ids.
/// </summary>
public sealed record RecordContent
{
    public required string Title { get; init; }
    public required DateOnly GeneratedOn { get; init; }
    public string? DocumentNumber { get; init; }
    public required int DisclosureTermId { get; init; }
    public required IReadOnlyList<int> DisclosureFormIds { get; init; }
    public required int DisclosureMethodId { get; init; }
    public required int DisclosureScopeId { get; init; }

    /// <summary>有效期: null is 长期 (no end date).</summary>
    public DateOnly? ValidUntil { get; init; }

    public required string Procedure { get; init; }
    public required int GenreId { get; init; }

    /// <summary>The most specific theme: a second-level theme, or a first-level one without children.</summary>
    public required int ThemeId { get; init; }

    public required IReadOnlyList<string> Keywords { get; init; }
    public required int EffectStatusId { get; init; }
    public required string Summary { get; init; }
    public required string BodyHtml { get; init; }
    public SectionColumn Column { get; init; } = SectionColumn.Catalog;

    /// <summary>For a 政策解读: the policy it explains (the policy's page links back).</summary>
    public long? InterpretsRecordId { get; init; }

    /// <summary>The date the 效力状况 took its current value (for example the day it was repealed).</summary>
    public DateOnly? EffectStatusChangedOn { get; init; }

    /// <summary>The record that replaces this one, when it was amended or repealed by another.</summary>
    public long? ReplacedByRecordId { get; init; }

    /// <summary>文件类别 (规章, 行政规范性文件 or neither), for the annual report's table 2.</summary>
    public DocumentKind DocumentKind { get; init; }

    /// <summary>条例 Art. 26: the period another law or regulation sets for publishing this record; null for the 20 working days.</summary>
    public Editorial.PublicationPeriod? PublicationPeriod { get; init; }
}

/// <summary>A file offered under 文件下载.</summary>
public sealed class Attachment
{
    public int Id { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long Length { get; private set; }

    /// <summary>Where the bytes are kept, relative to the attachment store (outside wwwroot).</summary>
    public string StorageKey { get; private set; }

    /// <summary>
    /// Added to a published record by this revision: not public until the revision is reviewed and
    /// published (probe finding F1); null for attachments that are public, or of a draft.
    /// </summary>
    public int? AddedInRevision { get; internal set; }

    /// <summary>Removed from a published record by this revision: public until the revision is published.</summary>
    public int? RemovedInRevision { get; internal set; }

    /// <summary>Whether a visitor may see and download it (the record's own visibility aside).</summary>
    public bool IsPublic => AddedInRevision is null;

    /// <summary>The longest file name kept.</summary>
    public const int FileNameMaxLength = 255;

    public Attachment(string fileName, string contentType, long length, string storageKey)
    {
        FileName = Require.Text(fileName, "附件文件名", FileNameMaxLength);
        ContentType = contentType;
        Length = length;
        StorageKey = storageKey;
    }
}

/// <summary>
/// 政府信息 / 目录条目: one item of the disclosure catalog. The record guards its own state: it is
/// created as a draft, is given its index number when first published, and can be withdrawn.
/// </summary>
public sealed class Record
{
    /// <summary>The longest withdrawal reason (撤回理由) kept.</summary>
    public const int WithdrawalReasonMaxLength = 500;

    private readonly List<Attachment> _attachments = [];

    public long Id { get; private set; }
    public int SiteId { get; private set; }

    /// <summary>发布机构.</summary>
    public int PublisherId { get; private set; }

    public string? IndexPrefix { get; private set; }
    public int? IndexYear { get; private set; }
    public int? IndexSerial { get; private set; }

    public string Title { get; private set; } = string.Empty;
    public DateOnly GeneratedOn { get; private set; }

    /// <summary>公开日期 (China date); set at first publication or kept from an import.</summary>
    public DateOnly? PublishedOn { get; private set; }

    /// <summary>The moment the record becomes public, in UTC. It may lie in the future.</summary>
    public DateTime? PublishedAtUtc { get; private set; }

    public string? DocumentNumber { get; private set; }
    public int DisclosureTermId { get; private set; }
    public List<int> DisclosureFormIds { get; private set; } = [];
    public int DisclosureMethodId { get; private set; }
    public int DisclosureScopeId { get; private set; }
    public DateOnly? ValidUntil { get; private set; }
    public string Procedure { get; private set; } = string.Empty;
    public int GenreId { get; private set; }
    public int ThemeId { get; private set; }
    public List<string> Keywords { get; private set; } = [];
    public int EffectStatusId { get; private set; }
    public string Summary { get; private set; } = string.Empty;
    public string BodyHtml { get; private set; } = string.Empty;
    public SectionColumn Column { get; private set; }
    public IReadOnlyList<Attachment> Attachments => _attachments;

    public long? InterpretsRecordId { get; private set; }
    public DateOnly? EffectStatusChangedOn { get; private set; }
    public long? ReplacedByRecordId { get; private set; }
    public DocumentKind DocumentKind { get; private set; }

    /// <summary>条例 Art. 26: the period another law or regulation sets (<see cref="Editorial.PublicationPeriod"/>), kept as three columns.</summary>
    public int? PublicationPeriodDays { get; private set; }
    public bool? PublicationPeriodInWorkingDays { get; private set; }
    public string? PublicationPeriodBasis { get; private set; }

    public Editorial.PublicationPeriod? PublicationPeriod => PublicationPeriodDays is int days
        ? new Editorial.PublicationPeriod(days, PublicationPeriodInWorkingDays ?? true, PublicationPeriodBasis ?? string.Empty)
        : null;

    public RecordState State { get; private set; }
    public string? WithdrawalReason { get; private set; }
    public DateTime? WithdrawnAtUtc { get; private set; }

    /// <summary>
    /// 条例 Art. 26: published more than 20 working days after it was made. Set at first
    /// publication; null when it could not be judged (no calendar for the year, or imported).
    /// </summary>
    public bool? PublishedLate { get; private set; }

    /// <summary>Generated demo data, removed in one go by <c>gongkai demo remove</c>.</summary>
    public bool IsDemo { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Optimistic concurrency token: two people cannot both move the same record.</summary>
    public int Version { get; private set; }

    private Record() { }

    public static Record Draft(int siteId, int publisherId, RecordContent content, DateTime nowUtc, bool isDemo = false)
    {
        var record = new Record
        {
            SiteId = siteId,
            PublisherId = publisherId,
            State = RecordState.Draft,
            IsDemo = isDemo,
            CreatedAtUtc = nowUtc,
        };
        record.Apply(content, nowUtc);
        return record;
    }

    /// <summary>
    /// A record brought over from another system, already published with its own index number,
    /// which it keeps (国办秘函〔2009〕6号: an index number is never changed).
    /// </summary>
    public static Record Imported(int siteId, int publisherId, RecordContent content, IndexNumber indexNumber,
        DateOnly publishedOn, DateTime publishedAtUtc, DateTime nowUtc, bool isDemo = false)
    {
        var record = Draft(siteId, publisherId, content, nowUtc, isDemo);
        record.EnsureNotPublishedBeforeGenerated(publishedOn);
        record.SetIndexNumber(indexNumber);
        record.PublishedOn = publishedOn;
        record.PublishedAtUtc = publishedAtUtc;
        record.State = RecordState.Published;
        return record;
    }

    public IndexNumber? IndexNumber =>
        IndexPrefix is not null && IndexYear is int year && IndexSerial is int serial
            ? Catalog.IndexNumber.Create(IndexPrefix, year, serial)
            : null;

    public bool HasIndexNumber => IndexSerial is not null;

    /// <summary>Visible to the public: published, and its publication time has come.</summary>
    public bool IsPublicAt(DateTime nowUtc) =>
        State == RecordState.Published && PublishedAtUtc is DateTime at && at <= nowUtc;

    public void Edit(RecordContent content, DateTime nowUtc)
    {
        if (State == RecordState.Withdrawn)
        {
            throw new DomainConflictException("已撤回的信息不能再修改。");
        }
        Apply(content, nowUtc);
    }

    /// <summary>
    /// Publishes the record at <paramref name="publishAtUtc"/>. On first publication the caller passes
    /// the index number it allocated for the year of <see cref="IndexSerialCounter.YearFor"/>; a record
    /// that already has one keeps it.
    /// </summary>
    public void Publish(DateTime publishAtUtc, Func<DateOnly, IndexNumber> allocateIndexNumber, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(allocateIndexNumber);
        if (State == RecordState.Published)
        {
            throw new DomainConflictException($"《{Title}》已经发布，不能重复发布。");
        }
        var publishedOn = ChinaTime.DateOf(publishAtUtc);
        EnsureNotPublishedBeforeGenerated(publishedOn);
        if (!HasIndexNumber)
        {
            var number = allocateIndexNumber(publishedOn);
            if (number.Year != IndexSerialCounter.YearFor(publishedOn))
            {
                throw new InvalidOperationException($"Index number {number} does not belong to {publishedOn:yyyy}.");
            }
            SetIndexNumber(number);
            PublishedOn = publishedOn;
        }
        PublishedAtUtc = publishAtUtc;
        State = RecordState.Published;
        WithdrawalReason = null;
        Touch(nowUtc);
    }

    public void Withdraw(string reason, DateTime nowUtc)
    {
        if (State != RecordState.Published)
        {
            throw new DomainConflictException("只有已发布的信息才能撤回。");
        }
        WithdrawalReason = Require.Text(reason, "撤回理由", WithdrawalReasonMaxLength);
        State = RecordState.Withdrawn;
        WithdrawnAtUtc = nowUtc;
        Touch(nowUtc);
    }

    /// <summary>Records the 条例 Art. 26 judgement made at first publication.</summary>
    public void MarkTimeliness(bool? late) => PublishedLate = late;

    /// <summary>The editable content as it stands: what a new revision starts from.</summary>
    public RecordContent ToContent() => new()
    {
        Title = Title,
        GeneratedOn = GeneratedOn,
        DocumentNumber = DocumentNumber,
        DisclosureTermId = DisclosureTermId,
        DisclosureFormIds = DisclosureFormIds.ToList(),
        DisclosureMethodId = DisclosureMethodId,
        DisclosureScopeId = DisclosureScopeId,
        ValidUntil = ValidUntil,
        Procedure = Procedure,
        GenreId = GenreId,
        ThemeId = ThemeId,
        Keywords = Keywords.ToList(),
        EffectStatusId = EffectStatusId,
        Summary = Summary,
        BodyHtml = BodyHtml,
        Column = Column,
        InterpretsRecordId = InterpretsRecordId,
        EffectStatusChangedOn = EffectStatusChangedOn,
        ReplacedByRecordId = ReplacedByRecordId,
        DocumentKind = DocumentKind,
        PublicationPeriod = PublicationPeriod,
    };

    public void RemoveAttachment(int attachmentId)
    {
        if (State == RecordState.Withdrawn)
        {
            throw new DomainConflictException("已撤回的信息不能再修改。");
        }
        var attachment = _attachments.FirstOrDefault(a => a.Id == attachmentId)
                         ?? throw new DomainException("附件不存在。");
        _attachments.Remove(attachment);
    }

    public void AddAttachment(Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        _attachments.Add(attachment);
    }

    /// <summary>An attachment added to a published record in the open <paramref name="revision"/>: it waits for the revision's publication.</summary>
    public void AddAttachmentInRevision(Attachment attachment, int revision)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        attachment.AddedInRevision = revision;
        _attachments.Add(attachment);
    }

    /// <summary>
    /// An attachment removed from a published record in the open <paramref name="revision"/>: a public
    /// file stays public until the revision is published; a file the revision itself added goes at
    /// once (it was never public) and its storage key is returned, to delete.
    /// </summary>
    public string? RemoveAttachmentInRevision(int attachmentId, int revision)
    {
        if (State == RecordState.Withdrawn)
        {
            throw new DomainConflictException("已撤回的信息不能再修改。");
        }
        var attachment = _attachments.FirstOrDefault(a => a.Id == attachmentId)
                         ?? throw new DomainException("附件不存在。");
        if (attachment.AddedInRevision is not null)
        {
            _attachments.Remove(attachment);
            return attachment.StorageKey;
        }
        attachment.RemovedInRevision = revision;
        return null;
    }

    /// <summary>The revision is published: its added files become public, its removed files go. Returns the storage keys to delete and whether anything changed.</summary>
    public (IReadOnlyList<string> Deleted, bool Changed) PublishAttachmentChanges(int revision)
    {
        var changed = false;
        foreach (var added in _attachments.Where(a => a.AddedInRevision == revision))
        {
            added.AddedInRevision = null;
            changed = true;
        }
        var removed = _attachments.Where(a => a.RemovedInRevision == revision).ToList();
        foreach (var attachment in removed)
        {
            _attachments.Remove(attachment);
        }
        return (removed.Select(a => a.StorageKey).ToList(), changed || removed.Count > 0);
    }

    /// <summary>The revision is discarded: its added files go, its removals are forgotten. Returns the storage keys to delete.</summary>
    public IReadOnlyList<string> DiscardAttachmentChanges(int revision)
    {
        var added = _attachments.Where(a => a.AddedInRevision == revision).ToList();
        foreach (var attachment in added)
        {
            _attachments.Remove(attachment);
        }
        foreach (var kept in _attachments.Where(a => a.RemovedInRevision == revision))
        {
            kept.RemovedInRevision = null;
        }
        return added.Select(a => a.StorageKey).ToList();
    }

    private void Apply(RecordContent content, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(content);
        Title = Organization.Required(content.Title, "标题");
        if (Title.Length > 300)
        {
            throw new DomainException("标题不能超过300个字。");
        }
        GeneratedOn = content.GeneratedOn;
        DocumentNumber = string.IsNullOrWhiteSpace(content.DocumentNumber) ? null : content.DocumentNumber.Trim();
        DisclosureTermId = content.DisclosureTermId;
        DisclosureFormIds = content.DisclosureFormIds.Distinct().ToList();
        if (DisclosureFormIds.Count == 0)
        {
            throw new DomainException("请至少选择一种公开形式。");
        }
        DisclosureMethodId = content.DisclosureMethodId;
        DisclosureScopeId = content.DisclosureScopeId;
        ValidUntil = content.ValidUntil;
        Procedure = Organization.Required(content.Procedure, "公开程序");
        GenreId = content.GenreId;
        ThemeId = content.ThemeId;
        Keywords = content.Keywords.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList();
        EffectStatusId = content.EffectStatusId;
        // 条例 Art. 12: every catalog item gives 索引, 名称, 内容概述 and 生成日期.
        Summary = Organization.Required(content.Summary, "内容概述");
        BodyHtml = content.BodyHtml ?? string.Empty;
        Column = content.Column;
        InterpretsRecordId = content.InterpretsRecordId;
        EffectStatusChangedOn = content.EffectStatusChangedOn;
        ReplacedByRecordId = content.ReplacedByRecordId;
        DocumentKind = Enum.IsDefined(content.DocumentKind) ? content.DocumentKind : throw new DomainException("文件类别无效。");
        var period = content.PublicationPeriod?.Checked();
        PublicationPeriodDays = period?.Days;
        PublicationPeriodInWorkingDays = period?.WorkingDays;
        PublicationPeriodBasis = period?.Basis;
        if (ReplacedByRecordId is not null && ReplacedByRecordId == Id && Id != 0)
        {
            throw new DomainException("替代文件不能是本条信息自己。");
        }
        if (PublishedOn is DateOnly published)
        {
            EnsureNotPublishedBeforeGenerated(published);
        }
        Touch(nowUtc);
    }

    private void EnsureNotPublishedBeforeGenerated(DateOnly publishedOn)
    {
        if (publishedOn < GeneratedOn)
        {
            throw new DomainException($"公开日期（{publishedOn:yyyy-MM-dd}）不能早于生成日期（{GeneratedOn:yyyy-MM-dd}）。");
        }
    }

    private void SetIndexNumber(IndexNumber number)
    {
        if (HasIndexNumber)
        {
            throw new DomainConflictException("索引号一经赋予不得更改。");
        }
        IndexPrefix = number.Prefix;
        IndexYear = number.Year;
        IndexSerial = number.Serial;
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version++;
    }
}

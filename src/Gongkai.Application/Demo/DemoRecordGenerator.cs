using System.Globalization;
using System.Net;
using System.Text;
using Gongkai.Application.Catalog;
using Gongkai.Core;
using Gongkai.Core.Catalog;

namespace Gongkai.Application.Demo;

/// <summary>A site a generated record may belong to.</summary>
public sealed record DemoSite(int SiteId, int OrganizationId, string OrganizationShortName, string DocumentCode);

/// <summary>One generated record: where it goes, its content and when it was published.</summary>
public sealed record GeneratedRecord(DemoSite Site, RecordContent Content, DateTime PublishedAtUtc)
{
    public DateOnly PublishedOn => ChinaTime.DateOf(PublishedAtUtc);
}

/// <summary>
/// Deterministic demo records: the same seed and count give the same records, on any machine, so
/// that tests and benchmarks (corpora of 100,000 to 1,000,000 records) can rely on them. Text is
/// built from the sentences of the reference record, so it is real Chinese of the right register
/// and length (~1,200 characters a record).
/// </summary>
public sealed class DemoRecordGenerator
{
    /// <summary>Publication dates are spread over 2018-01-01 … 2026-10-31 (fixed, not "today").</summary>
    public static readonly DateOnly FirstDay = new(2018, 1, 1);

    public static readonly DateOnly LastDay = new(2026, 10, 31);

    private static readonly string[] GenreDocumentTypes = ["通知", "意见", "决定", "通告", "公告", "批复", "函", "通报"];

    private static readonly string[] TitleTemplates =
    [
        "关于进一步加强{topic}工作的{genre}",
        "{org}关于{year}年{topic}工作情况的{genre}",
        "关于印发《{org}{topic}管理办法》的{genre}",
        "{year}年{topic}工作要点",
        "关于做好{year}年度{topic}有关事项的{genre}",
        "{org}{topic}专项行动实施{genre}",
        "关于公布{year}年{topic}相关信息的{genre}",
    ];

    private readonly IReadOnlyList<DemoSite> _sites;
    private readonly TermSnapshot _terms;
    private readonly List<Term> _themes;
    private readonly List<Term> _genres;
    private readonly List<int> _forms;
    private readonly int _inForce;
    private readonly List<int> _otherStatuses;
    private readonly int _proactive;
    private readonly int _public;
    private readonly int _longTerm;
    private readonly List<string> _sentences;

    public DemoRecordGenerator(IReadOnlyList<DemoSite> sites, TermSnapshot terms, IEnumerable<string> sourceParagraphs)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(terms);
        _sites = sites;
        _terms = terms;
        // Leaves of the theme tree (second level, or a first level without children).
        _themes = terms.Of(Vocabulary.Theme).Where(t => !terms.Children(t.Id).Any()).ToList();
        _genres = terms.Of(Vocabulary.Genre).Where(t => t.IsActive).ToList();
        _forms = terms.Of(Vocabulary.DisclosureForm).Select(t => t.Id).ToList();
        _inForce = Require(terms.ByKey(Vocabulary.EffectStatus, TermKeys.InForce)).Id;
        _otherStatuses = terms.Of(Vocabulary.EffectStatus).Where(t => t.Id != _inForce).Select(t => t.Id).ToList();
        _proactive = Require(terms.ByKey(Vocabulary.DisclosureMethod, TermKeys.Proactive)).Id;
        _public = Require(terms.ByKey(Vocabulary.DisclosureScope, TermKeys.Public)).Id;
        _longTerm = Require(terms.ByKey(Vocabulary.DisclosureTerm, TermKeys.LongTerm)).Id;
        _sentences = sourceParagraphs
            .Select(p => string.Concat(p.Where(c => !char.IsWhiteSpace(c))))
            .SelectMany(p => p.Split('。', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(s => s.Length >= 12 && !s.EndsWith(':') && !s.EndsWith('：'))
            .Select(s => s + "。")
            .ToList();
        if (_sentences.Count == 0 || _sites.Count == 0 || _themes.Count == 0)
        {
            throw new ArgumentException("The generator needs sites, themes and source text.");
        }
    }

    /// <summary>Generates <paramref name="count"/> records, lazily, in a fixed order for a given seed.</summary>
    public IEnumerable<GeneratedRecord> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var days = LastDay.DayNumber - FirstDay.DayNumber + 1;
        for (var i = 0; i < count; i++)
        {
            var site = _sites[random.Next(_sites.Count)];
            var theme = _themes[random.Next(_themes.Count)];
            var genre = _genres[random.Next(_genres.Count)];
            var publishedOn = DateOnly.FromDayNumber(FirstDay.DayNumber + random.Next(days));
            // Mostly within a few weeks; every seventeenth a month later than 条例 Art. 26 allows.
            var generatedOn = publishedOn.AddDays(-random.Next(0, 25) - (i % 17 == 5 ? 30 : 0));
            var publishedAt = new DateTimeOffset(publishedOn.ToDateTime(new TimeOnly(8 + random.Next(10), random.Next(60))), ChinaTime.Offset);
            // Mostly in force; about one in six expired, repealed or amended.
            var status = random.Next(6) == 0 ? _otherStatuses[random.Next(_otherStatuses.Count)] : _inForce;
            var topic = theme.Label != "其他" ? theme.Label : theme.ParentId is int p ? _terms.Label(p) : "综合政务";
            var template = genre.Label switch
            {
                "其他" => "{org}{topic}相关信息",
                "解读" => "《关于进一步加强{topic}工作的通知》政策解读",
                "统计数据" or "工作动态" or "公示" => "{year}年{topic}{genre}",
                _ => TitleTemplates[random.Next(TitleTemplates.Length)],
            };
            var title = template
                .Replace("{topic}", topic, StringComparison.Ordinal)
                .Replace("{genre}", genre.Label, StringComparison.Ordinal)
                .Replace("{org}", site.OrganizationShortName, StringComparison.Ordinal)
                .Replace("{year}", publishedOn.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("工作工作", "工作", StringComparison.Ordinal);
            var documentNumber = GenreDocumentTypes.Contains(genre.Label)
                ? string.Create(CultureInfo.InvariantCulture, $"{site.DocumentCode}〔{generatedOn.Year}〕{random.Next(1, 120)}号")
                : null;
            var forms = new List<int> { _forms[0] };
            if (random.Next(2) == 0)
            {
                forms.Add(_forms[1 + random.Next(_forms.Count - 1)]);
            }
            var paragraphs = Paragraphs(random, topic);
            // For the annual report's table 2, without drawing from the generator (records stay the same
            // for a seed): every seventh numbered document is a 行政规范性文件, a third of 办法 and 规定 are
            // 规章; a status other than 有效 took effect some months after publication.
            var kind = documentNumber is not null && i % 7 == 3 ? DocumentKind.NormativeDocument
                : genre.Label is "办法" or "规定" && i % 3 == 0 ? DocumentKind.Regulation
                : DocumentKind.Other;
            DateOnly? statusChangedOn = status == _inForce ? null
                : DateOnly.FromDayNumber(Math.Min(publishedOn.DayNumber + 30 + (i % 400), LastDay.DayNumber));
            var content = new RecordContent
            {
                Title = title,
                GeneratedOn = generatedOn,
                DocumentNumber = documentNumber,
                DisclosureTermId = _longTerm,
                DisclosureFormIds = forms,
                DisclosureMethodId = _proactive,
                DisclosureScopeId = _public,
                ValidUntil = random.Next(10) == 0 ? publishedOn.AddYears(2) : null,
                Procedure = "部门编制,经办公室审核后公开",
                GenreId = genre.Id,
                ThemeId = theme.Id,
                Keywords = [topic, genre.Label, site.OrganizationShortName],
                EffectStatusId = status,
                EffectStatusChangedOn = statusChangedOn,
                DocumentKind = kind,
                Summary = paragraphs[0].Length > 160 ? paragraphs[0][..160] + "……" : paragraphs[0],
                BodyHtml = string.Concat(paragraphs.Select(p => "<p>" + WebUtility.HtmlEncode(p) + "</p>")),
            };
            yield return new GeneratedRecord(site, content, publishedAt.UtcDateTime);
        }
    }

    private List<string> Paragraphs(Random random, string topic)
    {
        var paragraphs = new List<string>();
        var length = 0;
        var target = 1000 + random.Next(400);
        var first = true;
        while (length < target)
        {
            var builder = new StringBuilder();
            if (first)
            {
                builder.Append("为进一步做好").Append(topic).Append("工作，现将有关事项说明如下。");
                first = false;
            }
            var sentences = 2 + random.Next(3);
            for (var s = 0; s < sentences; s++)
            {
                builder.Append(_sentences[random.Next(_sentences.Count)]);
            }
            paragraphs.Add(builder.ToString());
            length += builder.Length;
        }
        return paragraphs;
    }

    private static Term Require(Term? term) =>
        term ?? throw new InvalidOperationException("The vocabularies lack a term the generator relies on.");
}

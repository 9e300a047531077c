using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Gongkai.Application.Search;

/// <summary>
/// Turns a <see cref="SearchDocument"/> into Lucene fields. Each thread keeps one set of field
/// objects and refills them for every document, as Lucene recommends for indexing speed: a new
/// untokenised or numeric field builds its own token stream, whose attributes are created under a
/// lock that every indexing thread shares. The writer has consumed the fields when
/// <c>AddDocument</c> returns, so the next document can reuse them.
/// </summary>
internal sealed class DocumentMapper
{
    [ThreadStatic]
    private static DocumentMapper? t_mapper;

    private readonly List<IIndexableField> _fields = new(48);

    private readonly StringField _id = new(SearchFields.Id, "", Field.Store.YES);
    private readonly NumericDocValuesField _idValue = new(SearchFields.Id, 0L);
    private readonly StringField _indexNumberKey = new(SearchFields.IndexNumber, "", Field.Store.NO);
    private readonly StoredField _indexNumber = new(SearchFields.IndexNumber, "");
    private readonly StoredField _url = new(SearchFields.Url, "");
    private readonly TextField _title = new(SearchFields.Title, "", Field.Store.YES);
    private readonly StringField _titleExact = new(SearchFields.TitleExact, "", Field.Store.NO);
    private readonly StoredField _summary = new(SearchFields.Summary, "");
    private readonly StoredField _body = new(SearchFields.Body, "");
    private readonly TextField _text = new(SearchFields.Text, "", Field.Store.NO);
    private readonly StoredField _publishedOn = new(SearchFields.PublishedOn, "");
    private readonly StoredField _siteName = new(SearchFields.SiteName, "");
    private readonly TextField _documentNumber = new(SearchFields.DocumentNumber, "", Field.Store.YES);
    private readonly StringField _documentNumberExact = new(SearchFields.DocumentNumberExact, "", Field.Store.NO);
    private readonly StringField _documentAgency = new(SearchFields.DocumentAgency, "", Field.Store.NO);
    private readonly Int32Field _documentYear = new(SearchFields.DocumentYear, 0, Field.Store.NO);
    private readonly Int32Field _documentSerial = new(SearchFields.DocumentSerial, 0, Field.Store.NO);
    private readonly TextField _keywords = new(SearchFields.Keywords, "", Field.Store.NO);
    private readonly Dictionary<string, (StringField Term, SortedDocValuesField Value)> _facets = SearchFields.Facets.ToDictionary(
        f => f, f => (new StringField(f, "", Field.Store.NO), new SortedDocValuesField(f, new BytesRef())), StringComparer.Ordinal);
    private readonly Dictionary<string, (StringField Term, SortedDocValuesField Value)> _catalogFields = new[] { SearchFields.Column, SearchFields.SiteId, SearchFields.PublisherId, SearchFields.ThemeId, SearchFields.GenreId }.ToDictionary(
        f => f, f => (new StringField(f, "", Field.Store.NO), new SortedDocValuesField(f, new BytesRef())), StringComparer.Ordinal);
    private readonly Int64Field _publishedAt = new(SearchFields.PublishedAt, 0L, Field.Store.NO);
    private readonly NumericDocValuesField _publishedAtValue = new(SearchFields.PublishedAt, 0L);
    private readonly Int32Field _generatedOn = new(SearchFields.GeneratedOn, 0, Field.Store.NO);

    /// <summary>The fields of <paramref name="d"/>, valid until the next call on the same thread.</summary>
    public static IEnumerable<IIndexableField> ToLucene(SearchDocument d) => (t_mapper ??= new DocumentMapper()).Fill(d);

    private List<IIndexableField> Fill(SearchDocument d)
    {
        _fields.Clear();
        Add(_id, SearchIndex.Id(d.Id));
        _idValue.SetInt64Value(d.Id);
        _fields.Add(_idValue);
        Add(_indexNumberKey, TextNormalizer.IndexNumberKey(d.IndexNumber));
        Add(_indexNumber, d.IndexNumber);
        Add(_url, d.Url);
        Add(_title, d.Title);
        Add(_titleExact, TitleKey(d.Title));
        Add(_summary, d.Summary);
        Add(_body, d.Body);
        // One field for matching: a term must occur as a phrase somewhere in the record. A summary
        // that is already part of the body (often its first paragraph) would add no match, only
        // tokens to invert and a doubled term frequency, so it is left out of this field.
        var summary = d.Body.Contains(d.Summary, StringComparison.Ordinal) ? null : d.Summary;
        Add(_text, string.Join('\n', new[] { d.Title, d.DocumentNumber, string.Join(' ', d.Keywords), summary, d.Body, d.AttachmentText }
            .Where(t => !string.IsNullOrEmpty(t))));
        Add(_publishedOn, d.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(_siteName, d.SiteName);
        if (!string.IsNullOrWhiteSpace(d.DocumentNumber))
        {
            Add(_documentNumber, d.DocumentNumber);
            Add(_documentNumberExact, TextNormalizer.DocumentNumberKey(d.DocumentNumber));
            if (TextNormalizer.TryParseDocumentNumber(d.DocumentNumber, out var agency, out var year, out var serial))
            {
                Add(_documentAgency, agency);
                _documentYear.SetInt32Value(year);
                _fields.Add(_documentYear);
                _documentSerial.SetInt32Value(serial);
                _fields.Add(_documentSerial);
            }
        }
        if (d.Keywords.Count > 0)
        {
            Add(_keywords, string.Join(" ", d.Keywords));
        }
        AddFacet(SearchFields.Site, d.SiteSlug);
        AddFacet(SearchFields.Publisher, d.Publisher);
        AddFacet(SearchFields.ThemePrimary, d.ThemePrimary);
        AddFacet(SearchFields.ThemeSecondary, d.ThemeSecondary);
        AddFacet(SearchFields.Genre, d.Genre);
        AddFacet(SearchFields.Year, d.PublishedOn.Year.ToString(CultureInfo.InvariantCulture));
        AddFacet(SearchFields.EffectStatus, d.EffectStatus);
        AddKeyed(_catalogFields[SearchFields.Column], d.Column);
        AddKeyed(_catalogFields[SearchFields.SiteId], d.SiteId.ToString(CultureInfo.InvariantCulture));
        AddKeyed(_catalogFields[SearchFields.PublisherId], d.PublisherId.ToString(CultureInfo.InvariantCulture));
        AddKeyed(_catalogFields[SearchFields.ThemeId], d.ThemeId.ToString(CultureInfo.InvariantCulture));
        AddKeyed(_catalogFields[SearchFields.GenreId], d.GenreId.ToString(CultureInfo.InvariantCulture));
        var publishedAt = d.PublishedAtUtc.Ticks;
        _publishedAt.SetInt64Value(publishedAt);
        _fields.Add(_publishedAt);
        _publishedAtValue.SetInt64Value(publishedAt);
        _fields.Add(_publishedAtValue);
        _generatedOn.SetInt32Value(d.GeneratedOn.DayNumber);
        _fields.Add(_generatedOn);
        return _fields;
    }

    /// <summary>Exact-title key: folded, without spaces or punctuation.</summary>
    public static string TitleKey(string title) =>
        string.Concat(TextNormalizer.Fold(title).Where(char.IsLetterOrDigit));

    private void Add(Field field, string value)
    {
        field.SetStringValue(value);
        _fields.Add(field);
    }

    private void AddFacet(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        // Indexed for filtering, doc values for counting.
        AddKeyed(_facets[field], value);
    }

    private void AddKeyed((StringField Term, SortedDocValuesField Value) field, string value)
    {
        var (term, docValue) = field;
        Add(term, value);
        docValue.SetBytesValue(new BytesRef(value));
        _fields.Add(docValue);
    }
}

using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Gongkai.Search;

/// <summary>Turns a <see cref="SearchDocument"/> into Lucene fields.</summary>
internal static class DocumentMapper
{
    public static Document ToLucene(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(SearchFields.Id, SearchIndex.Id(d.Id), Field.Store.YES),
            new NumericDocValuesField(SearchFields.Id, d.Id),
            new StringField(SearchFields.IndexNumber, TextNormalizer.IndexNumberKey(d.IndexNumber), Field.Store.NO),
            new StoredField(SearchFields.IndexNumber, d.IndexNumber),
            new StoredField(SearchFields.Url, d.Url),
            new TextField(SearchFields.Title, d.Title, Field.Store.YES),
            new TextField(SearchFields.TitleWords, d.Title, Field.Store.NO),
            new StringField(SearchFields.TitleExact, TitleKey(d.Title), Field.Store.NO),
            new StoredField(SearchFields.Summary, d.Summary),
            new StoredField(SearchFields.Body, d.Body),
            // One field for matching: a term must occur as a phrase somewhere in the record.
            new TextField(SearchFields.Text, string.Join('\n', new[] { d.Title, d.DocumentNumber, string.Join(' ', d.Keywords), d.Summary, d.Body, d.AttachmentText }
                .Where(t => !string.IsNullOrEmpty(t))), Field.Store.NO),
            new StoredField(SearchFields.PublishedOn, d.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new StoredField(SearchFields.SiteName, d.SiteName),
        };
        if (!string.IsNullOrWhiteSpace(d.DocumentNumber))
        {
            doc.Add(new TextField(SearchFields.DocumentNumber, d.DocumentNumber, Field.Store.YES));
            doc.Add(new StringField(SearchFields.DocumentNumberExact, TextNormalizer.DocumentNumberKey(d.DocumentNumber), Field.Store.NO));
            if (TextNormalizer.TryParseDocumentNumber(d.DocumentNumber, out var agency, out var year, out var serial))
            {
                doc.Add(new StringField(SearchFields.DocumentAgency, agency, Field.Store.NO));
                doc.Add(new Int32Field(SearchFields.DocumentYear, year, Field.Store.NO));
                doc.Add(new Int32Field(SearchFields.DocumentSerial, serial, Field.Store.NO));
            }
        }
        if (d.Keywords.Count > 0)
        {
            doc.Add(new TextField(SearchFields.Keywords, string.Join(" ", d.Keywords), Field.Store.NO));
        }
        AddFacet(doc, SearchFields.Site, d.SiteSlug);
        AddFacet(doc, SearchFields.Publisher, d.Publisher);
        AddFacet(doc, SearchFields.ThemePrimary, d.ThemePrimary);
        AddFacet(doc, SearchFields.ThemeSecondary, d.ThemeSecondary);
        AddFacet(doc, SearchFields.Genre, d.Genre);
        AddFacet(doc, SearchFields.Year, d.PublishedOn.Year.ToString(CultureInfo.InvariantCulture));
        AddFacet(doc, SearchFields.EffectStatus, d.EffectStatus);
        var publishedAt = d.PublishedAtUtc.Ticks;
        doc.Add(new Int64Field(SearchFields.PublishedAt, publishedAt, Field.Store.NO));
        doc.Add(new NumericDocValuesField(SearchFields.PublishedAt, publishedAt));
        doc.Add(new Int32Field(SearchFields.GeneratedOn, d.GeneratedOn.DayNumber, Field.Store.NO));
        return doc;
    }

    /// <summary>Exact-title key: folded, without spaces or punctuation.</summary>
    public static string TitleKey(string title) =>
        string.Concat(TextNormalizer.Fold(title).Where(char.IsLetterOrDigit));

    private static void AddFacet(Document doc, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        // Indexed for filtering, doc values for counting.
        doc.Add(new StringField(field, value, Field.Store.NO));
        doc.Add(new SortedDocValuesField(field, new BytesRef(value)));
    }
}

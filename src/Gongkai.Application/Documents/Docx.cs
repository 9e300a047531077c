using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Gongkai.Application.Documents;

/// <summary>The few pieces of a .docx the platform writes (letters, the annual report): a document from a body, and a paragraph in 仿宋.</summary>
public static class Docx
{
    /// <summary>A .docx whose body <paramref name="write"/> fills.</summary>
    public static byte[] Create(Action<Body> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            write(body);
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>A paragraph in 仿宋_GB2312 at <paramref name="size"/> half-points, optionally bold, optionally indented two characters.</summary>
    public static Paragraph Paragraph(string text, JustificationValues justification, bool bold = false, int size = 28, bool indent = false)
    {
        var runProperties = new RunProperties(new RunFonts { EastAsia = "仿宋_GB2312", Ascii = "仿宋_GB2312" }, new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        if (bold)
        {
            runProperties.Append(new Bold());
        }
        var paragraphProperties = new ParagraphProperties(new Justification { Val = justification });
        if (indent)
        {
            paragraphProperties.Append(new Indentation { FirstLineChars = 200 });
        }
        return new Paragraph(paragraphProperties, new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}

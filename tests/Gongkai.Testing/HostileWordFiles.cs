using System.IO.Compression;
using System.Text;

namespace Gongkai.Testing;

/// <summary>
/// Word files built to hurt an importer (probe findings F5, F6): a zip bomb, more unpacked than
/// allowed, billion laughs, a DTD, malformed XML, a wrong root element, no main part, a truncated
/// package. Used by the tests that each is refused, and by the benchmark of what refusing costs.
/// </summary>
public static class HostileWordFiles
{
    public static readonly IReadOnlyList<string> Kinds =
        ["zip bomb", "more unpacked than allowed", "billion laughs", "a DTD", "malformed XML", "wrong root element", "no main part", "truncated package"];

    private const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""";

    private const string Rels =
        """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""";

    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>A package with the given main part (null: none) and any further parts.</summary>
    private static byte[] Package(string? document, params (string Name, byte[] Bytes)[] more)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(bytes);
            }
            Add("[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes));
            Add("_rels/.rels", Encoding.UTF8.GetBytes(Rels));
            if (document is not null)
            {
                Add("word/document.xml", Encoding.UTF8.GetBytes(document));
            }
            foreach (var (name, bytes) in more)
            {
                Add(name, bytes);
            }
        }
        return stream.ToArray();
    }

    private static string Body(string inner) => $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{inner}</w:body></w:document>""";

    private static string Bomb()
    {
        var bomb = new StringBuilder(Body("<w:p><w:r><w:t>"));
        bomb.Append('a', 100 * 1024 * 1024);
        return bomb.ToString();
    }

    private static string Laughs()
    {
        var laughs = new StringBuilder("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">""");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10)).Replace("&lol0;", "&lol;", StringComparison.Ordinal)}\">");
        }
        laughs.Append($"""]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>""");
        return laughs.ToString();
    }

    public static byte[] File(string what)
    {
        return what switch
        {
            "zip bomb" => Package(Bomb()),
            // 70 MB that packs about eightfold: within the 20 MB upload and the ratio, over 64 MB unpacked.
            "more unpacked than allowed" => Package(Body(""), [.. Enumerable.Range(0, 7).Select(i => ($"word/media/{i}.bin", TwoLetters(10)))]),
            "billion laughs" => Package(Laughs()),
            "a DTD" => Package($"""<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "http://example.invalid/x.dtd"><w:document xmlns:w="{W}"><w:body/></w:document>"""),
            "malformed XML" => Package($"""<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>未闭合"""),
            "wrong root element" => Package($"""<?xml version="1.0"?><w:styles xmlns:w="{W}"/>"""),
            "no main part" => Package(null),
            "truncated package" => Package(Body("<w:p/>"))[..200],
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
    }

    /// <summary>Random a and b: one bit of information a byte.</summary>
    private static byte[] TwoLetters(int megabytes)
    {
        var bytes = new byte[megabytes * 1024 * 1024];
        new Random(7).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)('a' + (bytes[i] & 1));
        }
        return bytes;
    }

}

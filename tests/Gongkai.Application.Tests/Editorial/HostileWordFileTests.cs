using System.IO.Compression;
using System.Text;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Editorial;

/// <summary>
/// Word import of hostile or broken files (probe findings F5, F6): each is refused with a Chinese
/// message, before it can take the server's memory or time, never with a 500.
/// </summary>
public sealed class HostileWordFileTests
{
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

    private static byte[] File(string what)
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

    [Theory]
    [InlineData("zip bomb", "压缩炸弹")] // 100 MB of text in a small file
    [InlineData("more unpacked than allowed", "超过了 64MB 的上限")]
    [InlineData("billion laughs", "已损坏或格式不符")]
    [InlineData("a DTD", "已损坏或格式不符")]
    [InlineData("malformed XML", "已损坏或格式不符")]
    [InlineData("wrong root element", "已损坏或格式不符")]
    [InlineData("no main part", "无法读取")]
    [InlineData("truncated package", "无法读取")]
    public async Task A_hostile_or_broken_file_is_refused_in_chinese(string what, string expected)
    {
        var file = File(what);
        await using var app = await ApplicationServices.CreateAsync(generatedRecords: 0);
        var refused = await Assert.ThrowsAsync<DomainException>(() => app.RunAsync(async s =>
        {
            using var stream = new MemoryStream(file);
            return await s.GetRequiredService<WordImport>().ImportAsync(stream);
        }));
        Assert.True(refused.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {refused.Message}");
    }
}

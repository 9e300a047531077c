using Gongkai.Core;
using Microsoft.Extensions.Options;

namespace Gongkai.Application.Editorial;

/// <summary>A file accepted into the attachment store.</summary>
public sealed record StoredFile(string FileName, string ContentType, long Length, string StorageKey);

/// <summary>
/// Keeps attachment bytes under <c>{DataPath}/attachments</c>, outside wwwroot. A file is accepted
/// only if its extension is on the list and its first bytes agree with it (content sniffing), and
/// it is no larger than <c>Gongkai:Editorial:MaxAttachmentMegabytes</c>. The content type is taken
/// from the checked extension, never from the client.
/// </summary>
public sealed class AttachmentStore(IOptions<GongkaiOptions> options, TimeProvider time)
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif = "GIF8"u8.ToArray();

    /// <summary>Allowed extensions: content type and the signature the file must start with.</summary>
    private static readonly Dictionary<string, (string ContentType, byte[] Magic)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".ofd"] = ("application/ofd", Zip),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        [".pptx"] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", Zip),
        [".zip"] = ("application/zip", Zip),
        [".doc"] = ("application/msword", Ole),
        [".xls"] = ("application/vnd.ms-excel", Ole),
        [".wps"] = ("application/vnd.ms-works", Ole),
        [".et"] = ("application/vnd.ms-excel", Ole),
        [".png"] = ("image/png", Png),
        [".jpg"] = ("image/jpeg", Jpeg),
        [".jpeg"] = ("image/jpeg", Jpeg),
        [".gif"] = ("image/gif", Gif),
    };

    public static IReadOnlyCollection<string> Extensions => Allowed.Keys;

    public string Root => options.Value.AttachmentsFolder;

    public async Task<StoredFile> SaveAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = CleanName(fileName);
        var extension = Path.GetExtension(name);
        if (!Allowed.TryGetValue(extension, out var kind))
        {
            throw new DomainException($"不接受“{extension}”类型的附件。可上传：{string.Join("、", Allowed.Keys)}。");
        }
        var limit = options.Value.Editorial.MaxAttachmentMegabytes * 1024L * 1024L;
        var key = $"{ChinaTime.DateOf(time.GetUtcNow().UtcDateTime):yyyy/MM}/{Guid.NewGuid():N}{extension.ToLowerInvariant()}";
        var path = Path.Combine(Root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long length = 0;
        var head = new byte[8];
        var headLength = 0;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(head.Length - headLength, read);
                        Array.Copy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    length += read;
                    if (length > limit)
                    {
                        throw new DomainException($"附件不能超过{options.Value.Editorial.MaxAttachmentMegabytes}MB。");
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
            if (length == 0)
            {
                throw new DomainException("附件是空文件。");
            }
            if (headLength < kind.Magic.Length || !head.AsSpan(0, kind.Magic.Length).SequenceEqual(kind.Magic))
            {
                throw new DomainException($"文件“{name}”的内容与其扩展名“{extension}”不符，未予接收。");
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return new StoredFile(name, kind.ContentType, length, key);
    }

    public void Delete(string storageKey)
    {
        var root = Path.GetFullPath(Root);
        var path = Path.GetFullPath(Path.Combine(root, storageKey));
        if (path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            File.Delete(path);
        }
    }

    /// <summary>The file's own name without any folder part or control characters, at most 200 characters.</summary>
    public static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        // Control and format characters go: U+202E (right-to-left override) would show "gpj.exe" as "exe.jpg" (probe finding F13).
        name = new string(name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray()).Trim();
        if (name.Length == 0 || name.StartsWith('.'))
        {
            throw new DomainException("请给附件一个文件名。");
        }
        if (name.Length > 200)
        {
            var extension = Path.GetExtension(name);
            name = name[..(200 - extension.Length)] + extension;
        }
        return name;
    }
}

using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Web.Infrastructure;

namespace Gongkai.Web.Api;

/// <summary>
/// 文件下载: an attachment of a public record, read from the data folder (never from wwwroot) and
/// sent as a download with its name in RFC 6266 form, so that the browser never renders it.
/// </summary>
internal static class AttachmentsEndpoint
{
    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/xxgk/{prefix}/{suffix}/files/{id:int}", DownloadAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(string prefix, string suffix, int id, CatalogReader reader, DataFolder folder, CancellationToken cancellationToken)
    {
        if (!IndexNumber.TryParse(prefix, suffix, out var number, out _))
        {
            return Results.NotFound();
        }
        var page = await reader.RecordAsync(number.Value, cancellationToken);
        var attachment = page?.Record.Attachments.FirstOrDefault(a => a.Url == RecordUrls.Attachment(number.Value, id));
        var key = attachment is null ? null : await reader.AttachmentStorageKeyAsync(number.Value, id, cancellationToken);
        if (attachment is null || key is null)
        {
            return Results.NotFound();
        }
        var root = Path.GetFullPath(folder.Attachments);
        var path = Path.GetFullPath(Path.Combine(root, key));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
        {
            return Results.NotFound();
        }
        return Results.File(path, "application/octet-stream", attachment.FileName);
    }
}

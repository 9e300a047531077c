using System.Net;
using System.Net.Http.Headers;
using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core.Editorial;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Web.Tests.Api;

/// <summary>
/// One upload limit, end to end, on Kestrel (probe finding F9): a 35 MB attachment, over Kestrel's
/// default 30,000,000-byte body limit, is accepted up to the configured 50 MB; a larger body gets a
/// Chinese ProblemDetails 413, not an HTML page.
/// </summary>
public sealed class UploadLimitTests
{
    [Fact]
    public async Task The_configured_attachment_limit_is_reachable_and_a_larger_body_gets_a_chinese_413()
    {
        await using var app = new GongkaiAppFactory(generatedRecords: 0);
        var address = app.StartKestrel();
        var (token, id) = await app.ScopedAsync(async s =>
        {
            var editor = await TestUsers.CreateAsync(s, "upload-editor", Role.Editor);
            var issued = await s.GetRequiredService<ApiTokens>().IssueAsync(editor, "上传测试");
            var terms = await s.GetRequiredService<TermDirectory>().GetAsync();
            var draft = await s.GetRequiredService<RecordWorkflow>().CreateAsync(editor, await TestUsers.SiteAsync(s, "gxq"), null,
                RecordContents.Valid(terms, "附件大小测试", app.Today.AddDays(-1)));
            return (issued.Token, draft.RecordId);
        });
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var pdf = new byte[35 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(pdf);
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "大附件.pdf");
            using var accepted = await client.PostAsync(new Uri($"/api/v1/editorial/records/{id}/attachments", UriKind.Relative), form);
            Assert.True(accepted.StatusCode == HttpStatusCode.Created, $"{(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
        }

        var tooLarge = new ByteArrayContent(new byte[52 * 1024 * 1024]);
        tooLarge.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // As curl does for large bodies: ask first (100-continue), so the refusal comes before the upload.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/editorial/records", UriKind.Relative)) { Content = tooLarge };
        request.Headers.ExpectContinue = true;
        using var refused = await client.SendAsync(request);
        await ApiErrorTests.AssertChineseProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
    }
}

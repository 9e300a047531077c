using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core;
using Gongkai.Core.Editorial;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongkai.Web.Api;

/// <summary>A record as created or updated over the API: the content and the site it belongs to.</summary>
public sealed record RecordCreateRequest
{
    /// <summary>站点标识, e.g. <c>gxq</c>.</summary>
    public required string Site { get; init; }

    /// <summary>发布机构的索引号前段码; the site's organization when omitted.</summary>
    public string? Publisher { get; init; }

    public required RecordInput Record { get; init; }
}

public sealed record ApproveRequest(bool SecrecyConfirmed, DateTimeOffset? PublishAt, string? Comment);

public sealed record ReturnRequest(string Comment);

public sealed record PublishRequest(DateTimeOffset? PublishAt);

public sealed record WithdrawRequest(string Reason);

/// <summary>Where a record stands: its public state, the revision under way, and its public address once published.</summary>
public sealed record EditorialState(long Id, string State, string StateLabel, int Revision, string RevisionState, string RevisionStateLabel,
    string? IndexNumber, string? Url, DateTimeOffset? PublishAt, string? ReviewComment, string? Warning);

/// <summary>
/// The integration API (an office-automation system pushes approved documents): the same
/// operations as the console — create, update, submit, approve, return, publish, withdraw,
/// attach — with a personal API token (<c>Authorization: Bearer gk_…</c>) acting with its owner's
/// roles. Cookies are not accepted here, so no antiforgery token is needed.
/// </summary>
internal static class EditorialApi
{
    public static IEndpointRouteBuilder MapEditorialApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/editorial/records")
            .RequireAuthorization(ConsoleExtensions.ApiPolicy)
            .WithTags("编辑审核（需 API 令牌）")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:long}", GetAsync).WithSummary("查看信息的审核状态");
        api.MapPost("/", CreateAsync).WithSummary("新建信息（草稿）");
        api.MapPut("/{id:long}", UpdateAsync).WithSummary("修改草稿；已发布的信息产生新版本，审核通过前原版本继续公开");
        api.MapPost("/{id:long}/submit", (long id, CurrentActor actor, RecordWorkflow workflow, RecordDetails details, CancellationToken ct) =>
            RunAsync(actor, details, a => workflow.SubmitAsync(a, id, ct), ct)).WithSummary("提交审核");
        api.MapPost("/{id:long}/approve", (long id, ApproveRequest body, CurrentActor actor, RecordWorkflow workflow, RecordDetails details, CancellationToken ct) =>
            RunAsync(actor, details, a => workflow.ApproveAsync(a, id, body.SecrecyConfirmed, body.PublishAt?.UtcDateTime, body.Comment, ct), ct))
            .WithSummary("审核通过（须确认保密审查）；不给 publishAt 则立即发布，否则到时自动发布");
        api.MapPost("/{id:long}/return", (long id, ReturnRequest body, CurrentActor actor, RecordWorkflow workflow, RecordDetails details, CancellationToken ct) =>
            RunAsync(actor, details, a => workflow.ReturnAsync(a, id, body.Comment, ct), ct)).WithSummary("退回（须写明意见）");
        api.MapPost("/{id:long}/publish", (long id, PublishRequest body, CurrentActor actor, RecordWorkflow workflow, RecordDetails details, CancellationToken ct) =>
            RunAsync(actor, details, a => workflow.PublishAsync(a, id, body.PublishAt?.UtcDateTime, ct), ct)).WithSummary("发布已审核的稿件：立即，或设定时间");
        api.MapPost("/{id:long}/withdraw", (long id, WithdrawRequest body, CurrentActor actor, RecordWorkflow workflow, RecordDetails details, CancellationToken ct) =>
            RunAsync(actor, details, a => workflow.WithdrawAsync(a, id, body.Reason, ct), ct)).WithSummary("撤回（须写明理由）");
        api.MapPost("/{id:long}/attachments", AttachAsync).DisableAntiforgery().WithSummary("上传附件（multipart/form-data，字段名 file）");
        return app;
    }

    private static async Task<Results<Ok<EditorialState>, NotFound>> GetAsync(long id, CurrentActor current, RecordDetails details, CancellationToken ct)
    {
        var actor = await RequireAsync(current, ct);
        return await details.StateAsync(actor, id, ct) is { } state ? TypedResults.Ok(State(state, null)) : TypedResults.NotFound();
    }

    private static async Task<Created<EditorialState>> CreateAsync(RecordCreateRequest body, CurrentActor current, RecordWorkflow workflow,
        RecordInputResolver resolver, CatalogReader catalog, RecordDetails details, CancellationToken ct)
    {
        var actor = await RequireAsync(current, ct);
        var sites = await catalog.SitesAsync(ct);
        var site = sites.FirstOrDefault(s => s.Slug == body.Site?.Trim()) ?? throw new DomainException($"没有标识为“{body.Site}”的站点。");
        int? publisherId = null;
        if (!string.IsNullOrWhiteSpace(body.Publisher))
        {
            publisherId = await catalog.OrganizationIdAsync(body.Publisher.Trim(), ct)
                          ?? throw new DomainException($"没有前段码为“{body.Publisher.Trim()}”的机构。");
        }
        if (body.Record is null)
        {
            throw new DomainException("请提供 record。");
        }
        var content = await resolver.ResolveAsync(body.Record, ct);
        var result = await workflow.CreateAsync(actor, site.Id, publisherId, content, body.Record.ChangeNote, ct);
        return TypedResults.Created($"/api/v1/editorial/records/{result.RecordId}", await StateAsync(details, actor, result.RecordId, result.Warning, ct));
    }

    private static async Task<Ok<EditorialState>> UpdateAsync(long id, RecordInput body, CurrentActor current, RecordWorkflow workflow,
        RecordInputResolver resolver, RecordDetails details, CancellationToken ct)
    {
        var actor = await RequireAsync(current, ct);
        var content = await resolver.ResolveAsync(body, ct);
        var result = await workflow.UpdateAsync(actor, id, content, body.ChangeNote, ct);
        return TypedResults.Ok(await StateAsync(details, actor, id, result.Warning, ct));
    }

    private static async Task<Created<AttachmentCreated>> AttachAsync(long id, IFormFile file, CurrentActor current, RecordWorkflow workflow, CancellationToken ct)
    {
        var actor = await RequireAsync(current, ct);
        await using var stream = file.OpenReadStream();
        var attachmentId = await workflow.AttachAsync(actor, id, file.FileName, stream, ct);
        return TypedResults.Created($"/api/v1/editorial/records/{id}", new AttachmentCreated(attachmentId, AttachmentStore.CleanName(file.FileName)));
    }

    public sealed record AttachmentCreated(int Id, string FileName);

    private static async Task<Ok<EditorialState>> RunAsync(CurrentActor current, RecordDetails details, Func<Actor, Task<WorkflowResult>> move, CancellationToken ct)
    {
        var actor = await RequireAsync(current, ct);
        var result = await move(actor);
        return TypedResults.Ok(await StateAsync(details, actor, result.RecordId, result.Warning, ct));
    }

    private static async Task<Actor> RequireAsync(CurrentActor current, CancellationToken ct) =>
        await current.GetAsync(ct) ?? throw new DomainForbiddenException("该令牌的所有者已不存在。");

    private static async Task<EditorialState> StateAsync(RecordDetails details, Actor actor, long id, string? warning, CancellationToken ct) =>
        State(await details.StateAsync(actor, id, ct) ?? throw new DomainException("该信息不存在。"), warning);

    private static EditorialState State((Core.Catalog.Record Record, Revision? Latest) state, string? warning)
    {
        var (record, revision) = state;
        var number = record.IndexNumber;
        return new EditorialState(record.Id, record.State.ToString(), ConsoleLabels.RecordState(record.State),
            revision?.Number ?? 0, revision?.State.ToString() ?? string.Empty, revision is null ? string.Empty : Revision.Label(revision.State),
            number?.ToString(), number is null ? null : RecordUrls.Record(number.Value),
            revision?.PublishAtUtc is DateTime at ? ChinaTime.ToChina(at) : null, revision?.ReviewComment, warning);
    }
}

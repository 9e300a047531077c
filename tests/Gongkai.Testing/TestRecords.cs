using Gongkai.Application.Accounts;
using Gongkai.Application.Catalog;
using Gongkai.Application.Editorial;
using Gongkai.Core.Catalog;
using Gongkai.Core.Editorial;
using Gongkai.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Testing;

/// <summary>
/// Records made the way production makes them: through <see cref="RecordWorkflow"/>, by an editor
/// (新建, 提交) and a reviewer (审核通过) of the publishing organization, audited as any other.
/// </summary>
public static class TestRecords
{
    /// <summary>The editor and the reviewer of the organization with <paramref name="prefix"/>, made on first use.</summary>
    public static async Task<(Actor Editor, Actor Reviewer)> DeskAsync(IServiceProvider services, string prefix = TestUsers.Gxq) =>
        (await PersonAsync(services, $"desk-editor-{prefix}", Role.Editor, prefix),
         await PersonAsync(services, $"desk-reviewer-{prefix}", Role.Reviewer, prefix));

    private static async Task<Actor> PersonAsync(IServiceProvider services, string userName, Role role, string prefix)
    {
        var id = await services.GetRequiredService<GongkaiDbContext>().Users.Where(u => u.UserName == userName)
            .Select(u => (int?)u.Id).SingleOrDefaultAsync();
        return id is int existing
            ? (await services.GetRequiredService<ActorLoader>().LoadAsync(existing))!
            : await TestUsers.CreateAsync(services, userName, role, prefix);
    }

    /// <summary>新建: a draft on the site with <paramref name="siteSlug"/>, by its organization's editor.</summary>
    public static async Task<long> DraftAsync(IServiceProvider services, RecordContent content, string siteSlug = "gxq", string prefix = TestUsers.Gxq)
    {
        ArgumentNullException.ThrowIfNull(services);
        var (editor, _) = await DeskAsync(services, prefix);
        var site = await TestUsers.SiteAsync(services, siteSlug);
        return (await services.GetRequiredService<RecordWorkflow>().CreateAsync(editor, site, null, content)).RecordId;
    }

    /// <summary>提交 and 审核通过 of a draft: published now, or scheduled for <paramref name="publishAtUtc"/>.</summary>
    public static async Task<WorkflowResult> ApproveAsync(IServiceProvider services, long recordId, DateTime? publishAtUtc = null, string prefix = TestUsers.Gxq)
    {
        ArgumentNullException.ThrowIfNull(services);
        var (editor, reviewer) = await DeskAsync(services, prefix);
        var workflow = services.GetRequiredService<RecordWorkflow>();
        await workflow.SubmitAsync(editor, recordId);
        return await workflow.ApproveAsync(reviewer, recordId, secrecyConfirmed: true, publishAtUtc);
    }

    /// <summary>新建, 提交 and 审核通过: the record is published now, or scheduled for <paramref name="publishAtUtc"/>.</summary>
    public static async Task<WorkflowResult> PublishAsync(IServiceProvider services, RecordContent content, DateTime? publishAtUtc = null, string siteSlug = "gxq", string prefix = TestUsers.Gxq) =>
        await ApproveAsync(services, await DraftAsync(services, content, siteSlug, prefix), publishAtUtc, prefix);

    /// <summary>撤回 by the organization's reviewer.</summary>
    public static async Task WithdrawAsync(IServiceProvider services, long recordId, string reason = "测试撤回", string prefix = TestUsers.Gxq)
    {
        ArgumentNullException.ThrowIfNull(services);
        var (_, reviewer) = await DeskAsync(services, prefix);
        await services.GetRequiredService<RecordWorkflow>().WithdrawAsync(reviewer, recordId, reason);
    }

    /// <summary>The index number a published result carries.</summary>
    public static IndexNumber Number(this WorkflowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return IndexNumber.Parse(result.IndexNumber ?? throw new InvalidOperationException($"Record {result.RecordId} is not published."));
    }
}

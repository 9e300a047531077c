using System.Globalization;
using Gongkai.Application;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages.Records;

/// <summary>
/// /xxgk/{prefix}/{year}-{serial}: the record page, field for field as the reference page
/// (../shared/reference/seed-record.txt): breadcrumb, metadata table, 内容概述, title, body,
/// 文件下载, and the 收藏 / 打印 / 关闭 actions.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPages.Policy)]
public sealed class ShowModel(CatalogReader reader, IOptions<GongkaiOptions> options) : PortalPageModel(options)
{
    public RecordPage View { get; private set; } = null!;

    /// <summary>Set instead of <see cref="View"/> when the record was withdrawn.</summary>
    public WithdrawnNotice? Withdrawn { get; private set; }

    public RecordDto Record => View.Record;

    public RecordRelations Relations => View.Relations;

    /// <summary>效力状况 other than 有效 is shown as a prominent notice.</summary>
    public bool NotInForce => View.EffectStatusKey != TermKeys.InForce;

    public async Task<IActionResult> OnGetAsync(string prefix, string suffix, CancellationToken cancellationToken)
    {
        if (!IndexNumber.TryParse(prefix, suffix, out var number, out _))
        {
            return NotFound();
        }
        var view = await reader.RecordAsync(number.Value, cancellationToken);
        if (view is null)
        {
            var withdrawn = await reader.WithdrawnAsync(number.Value, cancellationToken);
            if (withdrawn is null)
            {
                return NotFound();
            }
            // 410 Gone: the address was public and is no longer; search engines drop it.
            Withdrawn = withdrawn;
            CurrentSite = withdrawn.Site;
            PageTitle = $"已撤回：{withdrawn.Title}";
            Breadcrumb.AddRange([new("首页", "/"), new(withdrawn.Site.Name, $"/{withdrawn.Site.Slug}/xxgk/")]);
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        View = view;
        // Cached until this record or one it shows a link to changes.
        PublicPages.Shows(HttpContext, new[] { view.Relations.Interprets, view.Relations.ReplacedBy }.OfType<RecordLink>()
            .Concat(view.Relations.Interpretations).Select(l => l.Url).Append(RecordUrls.Record(number.Value)));
        CurrentSite = view.Site;
        PageTitle = view.Record.Title;
        Breadcrumb.AddRange([
            new("首页", "/"),
            new(view.Site.Name, $"/{view.Site.Slug}/xxgk/"),
            new("信息公开", $"/{view.Site.Slug}/xxgk/"),
            new("政府信息公开目录", $"/{view.Site.Slug}/xxgk/ml"),
        ]);
        Meta.SiteIdCode = view.Site.SiteIdCode;
        Meta.ColumnName = "政府信息公开目录";
        Meta.ColumnType = "政府信息公开目录";
        Meta.ColumnDescription = $"{view.Site.OrganizationName}政府信息公开目录";
        Meta.ArticleTitle = view.Record.Title;
        Meta.PubDate = view.PublishedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        Meta.ContentSource = view.Record.Publisher;
        Meta.Keywords = string.Join(",", view.Record.Keywords);
        Meta.Description = view.Record.Summary.Length > 120 ? view.Record.Summary[..120] : view.Record.Summary;
        return Page();
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using Gongkai.Application;
using Gongkai.Application.Catalog;
using Gongkai.Core.Catalog;
using Gongkai.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages;

/// <summary>The site group home: its sites and the latest public records.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPages.Policy)]
public sealed class IndexModel(CatalogReader reader, IOptions<GongkaiOptions> options) : PortalPageModel(options)
{
    public IReadOnlyList<SiteInfo> Sites { get; private set; } = [];

    public IReadOnlyList<RecordRow> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageTitle = "政府信息公开";
        Sites = await reader.SitesAsync(cancellationToken);
        Latest = await reader.LatestAsync(null, 15, SectionColumn.Catalog, cancellationToken: cancellationToken);
        Meta.ColumnName = "首页";
        Meta.ColumnType = "首页";
        Meta.Description = $"{SiteGroupName}政府信息公开平台：政府信息公开目录、公开指南、依申请公开与年度报告。";
    }
}

using Gongkai.Application;
using Gongkai.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages;

/// <summary>我的收藏: favourites are kept in the reader's own browser (localStorage), never on the server.</summary>
public sealed class FavoritesModel(IOptions<GongkaiOptions> options) : PortalPageModel(options)
{
    public void OnGet()
    {
        PageTitle = "我的收藏";
        Breadcrumb.AddRange([new("首页", "/"), new("我的收藏")]);
        Meta.ColumnName = "我的收藏";
    }
}

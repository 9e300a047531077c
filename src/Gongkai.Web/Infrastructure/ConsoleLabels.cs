using Gongkai.Core.Catalog;

namespace Gongkai.Web.Infrastructure;

internal static class ConsoleLabels
{
    public static string RecordState(RecordState state) => state switch
    {
        Core.Catalog.RecordState.Draft => "未发布",
        Core.Catalog.RecordState.Published => "已发布",
        Core.Catalog.RecordState.Withdrawn => "已撤回",
        _ => state.ToString(),
    };
}

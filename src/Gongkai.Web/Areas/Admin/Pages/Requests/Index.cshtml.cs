using Gongkai.Application.Requests;
using Gongkai.Core.Requests;

namespace Gongkai.Web.Areas.Admin.Pages.Requests;

/// <summary>依申请公开: the cases of the organizations the person handles, by state, with their due dates.</summary>
public sealed class IndexModel(RequestService requests, TimeProvider time) : ConsolePageModel
{
    public DateOnly Today => Core.ChinaTime.DateOf(time.GetUtcNow().UtcDateTime);

    public RequestState? State { get; private set; }
    public IReadOnlyList<(RequestCase Case, DeadlineExplanation Deadline)> Cases { get; private set; } = [];

    public async Task OnGetAsync(RequestState? state, CancellationToken cancellationToken)
    {
        if (Core.Editorial.Permissions.Organizations(Actor.Grants, Core.Editorial.Operation.HandleRequests).Count == 0)
        {
            throw new Core.DomainForbiddenException("您没有办理依申请公开的权限。");
        }
        State = state;
        Cases = await requests.ListAsync(Actor, state, cancellationToken);
    }
}

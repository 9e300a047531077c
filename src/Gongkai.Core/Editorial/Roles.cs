namespace Gongkai.Core.Editorial;

/// <summary>
/// The roles of the platform. 编辑 and 审核员 are held for one organization; 管理员 for the whole
/// site group. One person may hold roles in several organizations.
/// </summary>
public enum Role
{
    /// <summary>编辑: drafts records for the organization (部门编制).</summary>
    Editor = 0,

    /// <summary>审核员: reviews, publishes and withdraws the organization's records (办公室审核).</summary>
    Reviewer = 1,

    /// <summary>管理员: organizations, sites, users, vocabularies, calendar, settings.</summary>
    Administrator = 2,

    /// <summary>依申请公开办理员: registers and handles the organization's requests for disclosure.</summary>
    RequestHandler = 3,
}

/// <summary>What a person may ask the platform to do.</summary>
public enum Operation
{
    ViewDrafts,
    CreateDraft,
    EditDraft,
    Submit,
    Review,
    Publish,
    Withdraw,
    ManageUsers,
    ManageSiteGroup,
    HandleRequests,

    /// <summary>Read an organization's annual report and statistics, and export them.</summary>
    ReadReports,

    /// <summary>Enter an organization's annual report figures and text, and publish it.</summary>
    PublishReports,
}

/// <summary>One role held by one person; <see cref="OrganizationId"/> is null for 管理员.</summary>
public sealed class RoleGrant
{
    public int Id { get; private set; }
    public int UserId { get; private set; }
    public Role Role { get; private set; }
    public int? OrganizationId { get; private set; }

    private RoleGrant() { }

    public RoleGrant(int userId, Role role, int? organizationId)
    {
        if (role == Role.Administrator && organizationId is not null)
        {
            throw new DomainException("管理员角色适用于整个站群，不需要选择单位。");
        }
        if (role != Role.Administrator && organizationId is null)
        {
            throw new DomainException("编辑、审核员和依申请公开办理员角色必须指定所属单位。");
        }
        UserId = userId;
        Role = role;
        OrganizationId = organizationId;
    }

    public static string Label(Role role) => role switch
    {
        Role.Editor => "编辑",
        Role.Reviewer => "审核员",
        Role.Administrator => "管理员",
        Role.RequestHandler => "依申请公开办理员",
        _ => role.ToString(),
    };
}

/// <summary>
/// Who may do what, for which organization: the single table the console, the API and the CLI
/// consult. Nothing here depends on how the person signed in.
/// </summary>
public static class Permissions
{
    public static bool Allows(IEnumerable<RoleGrant> grants, Operation operation, int? organizationId)
    {
        ArgumentNullException.ThrowIfNull(grants);
        foreach (var grant in grants)
        {
            var sameOrganization = organizationId is not null && grant.OrganizationId == organizationId;
            var allowed = (grant.Role, operation) switch
            {
                (Role.Administrator, Operation.ManageUsers or Operation.ManageSiteGroup or Operation.ReadReports or Operation.PublishReports) => true,
                (Role.Editor, Operation.ViewDrafts or Operation.CreateDraft or Operation.EditDraft or Operation.Submit) => sameOrganization,
                (Role.Reviewer, Operation.ViewDrafts or Operation.Review or Operation.Publish or Operation.Withdraw
                    or Operation.ReadReports or Operation.PublishReports) => sameOrganization,
                (Role.RequestHandler, Operation.HandleRequests or Operation.ReadReports) => sameOrganization,
                _ => false,
            };
            if (allowed)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The organizations for which the grants allow <paramref name="operation"/>.</summary>
    public static IReadOnlySet<int> Organizations(IEnumerable<RoleGrant> grants, Operation operation)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var list = grants.ToList();
        return list.Where(g => g.OrganizationId is not null)
            .Select(g => g.OrganizationId!.Value)
            .Where(org => Allows(list, operation, org))
            .ToHashSet();
    }

    public static string Describe(Operation operation) => operation switch
    {
        Operation.ViewDrafts => "查看本单位的稿件",
        Operation.CreateDraft => "新建信息",
        Operation.EditDraft => "修改稿件",
        Operation.Submit => "提交审核",
        Operation.Review => "审核",
        Operation.Publish => "发布",
        Operation.Withdraw => "撤回",
        Operation.ManageUsers => "管理用户",
        Operation.ManageSiteGroup => "管理站群设置",
        Operation.HandleRequests => "办理依申请公开",
        Operation.ReadReports => "查看该单位的年度报告和统计",
        Operation.PublishReports => "填写和发布该单位的年度报告（需要本单位审核员或管理员）",
        _ => operation.ToString(),
    };

    public static void Demand(IEnumerable<RoleGrant> grants, Operation operation, int? organizationId)
    {
        if (!Allows(grants, operation, organizationId))
        {
            throw new DomainForbiddenException($"您没有{Describe(operation)}的权限。");
        }
    }
}

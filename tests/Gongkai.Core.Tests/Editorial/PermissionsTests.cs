using Gongkai.Core.Editorial;

namespace Gongkai.Core.Tests.Editorial;

public sealed class PermissionsTests
{
    private const int Gxq = 2;
    private const int Lg = 3;

    public static TheoryData<Role, Operation, bool, bool> Table()
    {
        // role, operation, allowed for own organization, allowed for another organization
        var data = new TheoryData<Role, Operation, bool, bool>();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            var editor = operation is Operation.ViewDrafts or Operation.CreateDraft or Operation.EditDraft or Operation.Submit;
            var reviewer = operation is Operation.ViewDrafts or Operation.Review or Operation.Publish or Operation.Withdraw
                or Operation.ReadReports or Operation.PublishReports;
            var admin = operation is Operation.ManageUsers or Operation.ManageSiteGroup or Operation.ReadReports or Operation.PublishReports;
            var handler = operation is Operation.HandleRequests or Operation.ReadReports;
            data.Add(Role.RequestHandler, operation, handler, false);
            data.Add(Role.Editor, operation, editor, false);
            data.Add(Role.Reviewer, operation, reviewer, false);
            // Administrators act for every organization: the annual reports of all of them included.
            data.Add(Role.Administrator, operation, admin, admin);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Roles_allow_their_operations_for_their_own_organization_only(Role role, Operation operation, bool own, bool other)
    {
        var grant = new RoleGrant(10, role, role == Role.Administrator ? null : Gxq);
        var scoped = operation is not (Operation.ManageUsers or Operation.ManageSiteGroup);
        Assert.Equal(own, Permissions.Allows([grant], operation, scoped ? Gxq : null));
        Assert.Equal(other, Permissions.Allows([grant], operation, scoped ? Lg : null));
    }

    [Fact]
    public void No_roles_allow_nothing()
    {
        foreach (var operation in Enum.GetValues<Operation>())
        {
            Assert.False(Permissions.Allows([], operation, Gxq));
        }
    }

    [Fact]
    public void One_person_may_hold_roles_in_several_organizations()
    {
        RoleGrant[] grants = [new(10, Role.Editor, Gxq), new(10, Role.Reviewer, Lg)];
        Assert.True(Permissions.Allows(grants, Operation.Submit, Gxq));
        Assert.False(Permissions.Allows(grants, Operation.Review, Gxq));
        Assert.True(Permissions.Allows(grants, Operation.Review, Lg));
        Assert.False(Permissions.Allows(grants, Operation.CreateDraft, Lg));
        Assert.Equal([Gxq, Lg], Permissions.Organizations(grants, Operation.ViewDrafts).Order());
    }

    [Fact]
    public void Organization_roles_need_an_organization_and_the_administrator_role_has_none()
    {
        Assert.Throws<DomainException>(() => new RoleGrant(1, Role.Editor, null));
        Assert.Throws<DomainException>(() => new RoleGrant(1, Role.Administrator, Gxq));
    }

    [Fact]
    public void A_refusal_says_in_Chinese_what_was_refused()
    {
        var e = Assert.Throws<DomainForbiddenException>(() => Permissions.Demand([new RoleGrant(1, Role.Editor, Gxq)], Operation.Withdraw, Gxq));
        Assert.Equal("您没有撤回的权限。", e.Message);
    }
}

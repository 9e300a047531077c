using System.Reflection;
using NetArchTest.Rules;

namespace Gongkai.Web.Tests;

/// <summary>
/// One operation layer (docs/architecture.md): the web app and the CLI read and write only through
/// Gongkai.Application. Their code (method bodies included) may not touch the EF model or EF Core;
/// only the service registration wires the database in.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Database = ["Gongkai.Data.GongkaiDbContext", "Microsoft.EntityFrameworkCore"];

    /// <summary>Where the database is wired in: service registration and the health check, nothing that reads or writes.</summary>
    private static readonly string[] Registration = ["Gongkai.Web.Infrastructure.HostingExtensions"];

    public static TheoryData<string> Assemblies => new() { "web", "cli" };

    private static Assembly Load(string name) => name == "cli" ? typeof(Cli.GongkaiCommand).Assembly : typeof(Gongkai.Web.Api.EditorialState).Assembly;

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Pages_endpoints_and_verbs_use_no_database_context_and_no_ef_core(string assembly)
    {
        var result = Types.InAssembly(Load(assembly))
            .That().DoNotHaveNameMatching("^HostingExtensions$")
            .ShouldNot().HaveDependencyOnAny(Database)
            .GetResult();
        Assert.True(result.IsSuccessful,
            $"{assembly} uses the database directly in: {string.Join(", ", result.FailingTypeNames ?? [])}. Read or write through a class of Gongkai.Application instead.");
    }

    [Fact]
    public void The_rule_catches_a_type_that_queries_the_database()
    {
        // The same rule over the operation layer, which does use the context, must fail: the check can see it.
        var result = Types.InAssembly(typeof(Application.Editorial.EditorialInbox).Assembly)
            .That().HaveName(nameof(Application.Editorial.EditorialInbox))
            .ShouldNot().HaveDependencyOnAny(Database)
            .GetResult();
        Assert.False(result.IsSuccessful);
        Assert.Contains(typeof(Application.Editorial.EditorialInbox).FullName, result.FailingTypeNames);
        Assert.Contains(Registration[0], Types.InAssembly(Load("web")).That().HaveDependencyOnAny(Database).GetTypes().Select(t => t.FullName));
    }
}

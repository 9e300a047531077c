using System.Net;
using System.Text.RegularExpressions;

namespace Gongkai.Web.Tests.Areas.Admin;

public sealed class SiteGroupAdministrationTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task A_government_kind_moves_its_report_deadline_to_31_march_and_a_bad_kind_is_refused_in_chinese()
    {
        var admin = await fixture.ClientAsync("admin");
        var page = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin/organizations", UriKind.Relative)));
        var id = Regex.Match(page, "<input type=\"hidden\" name=\"id\" value=\"(\\d+)\" />\\s*<input name=\"fullName\" value=\"江阴临港经济开发区管理委员会\"").Groups[1].Value;
        Assert.NotEmpty(id);
        using (var bad = await fixture.PostFormAsync("admin", "/admin/organizations?handler=RenameOrganization", new()
               {
                   ["id"] = id, ["fullName"] = "江阴临港经济开发区管理委员会", ["shortName"] = "临港开发区管委会", ["kind"] = "7",
               }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("请选择机构类型", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // On the test clock (27 November 2026) the 2025 reports are all past due; 临港 as a department by 31 January,
        // submitted to its 主管部门 (江阴市人民政府, above it) besides.
        Assert.Contains("江阴临港经济开发区管理委员会</a>（已超过1月31日，尚未报送江阴市人民政府）", System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin", UriKind.Relative))), StringComparison.Ordinal);
        using (var saved = await fixture.PostFormAsync("admin", "/admin/organizations?handler=RenameOrganization", new()
               {
                   ["id"] = id, ["fullName"] = "江阴临港经济开发区管理委员会", ["shortName"] = "临港开发区管委会", ["kind"] = "Government",
               }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.Contains("江阴临港经济开发区管理委员会</a>（已超过3月31日）", System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin", UriKind.Relative))), StringComparison.Ordinal);
        Assert.Contains("<option value=\"Government\" selected=\"selected\">人民政府", System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin/organizations", UriKind.Relative))), StringComparison.Ordinal);
        using var restored = await fixture.PostFormAsync("admin", "/admin/organizations?handler=RenameOrganization", new()
        {
            ["id"] = id, ["fullName"] = "江阴临港经济开发区管理委员会", ["shortName"] = "临港开发区管委会", ["kind"] = "Department",
        });
    }

    [Fact]
    public async Task An_administrator_adds_an_organization_with_a_checked_code_and_a_site_that_appears_on_the_portal()
    {
        using var bad = await fixture.PostFormAsync("admin", "/admin/organizations?handler=CreateOrganization", new()
        {
            ["fullName"] = "江阴市科学技术局", ["shortName"] = "市科技局", ["indexPrefix"] = "014040999",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("校验", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // 01404099? with the GB 11714 check character computed.
        var code = "01404099" + CheckCharacter("01404099");
        using var created = await fixture.PostFormAsync("admin", "/admin/organizations?handler=CreateOrganization", new()
        {
            ["fullName"] = "江阴市科学技术局", ["shortName"] = "市科技局", ["indexPrefix"] = code,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var admin = await fixture.ClientAsync("admin");
        var page = await admin.GetStringAsync(new Uri("/admin/organizations", UriKind.Relative));
        var orgId = Regex.Match(page, $"<option value=\"(\\d+)\">江阴市科学技术局</option>").Groups[1].Value;
        using var site = await fixture.PostFormAsync("admin", "/admin/organizations?handler=CreateSite", new()
        {
            ["name"] = "江阴市科学技术局", ["slug"] = "kjj", ["organizationId"] = orgId,
        });
        Assert.Equal(HttpStatusCode.Redirect, site.StatusCode);
        using var portal = await fixture.NewClient().GetAsync(new Uri("/kjj/xxgk/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        using var refused = await fixture.PostFormAsync("gxq-reviewer", "/admin/organizations?handler=CreateSite", new() { ["name"] = "x", ["slug"] = "xx", ["organizationId"] = orgId });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_retired_genre_is_no_longer_offered_and_a_renamed_one_shows_its_new_name()
    {
        var admin = await fixture.ClientAsync("admin");
        using (var added = await fixture.PostFormAsync("admin", "/admin/vocabularies?handler=Add", new() { ["list"] = "Genre", ["label"] = "临时体裁" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
        var page = await admin.GetStringAsync(new Uri("/admin/vocabularies?list=Genre", UriKind.Relative));
        var id = Regex.Match(page, "name=\"id\" value=\"(\\d+)\" />\\s*<input name=\"label\" value=\"临时体裁\"").Groups[1].Value;
        Assert.NotEmpty(id);
        var editor = await fixture.ClientAsync("gxq-editor");
        Assert.Contains("<option value=\"临时体裁\">", await editor.GetStringAsync(new Uri("/admin/records/new", UriKind.Relative)), StringComparison.Ordinal);

        using (var renamed = await fixture.PostFormAsync("admin", "/admin/vocabularies?handler=Rename", new() { ["list"] = "Genre", ["id"] = id, ["label"] = "试行体裁" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }
        Assert.Contains("<option value=\"试行体裁\">", await editor.GetStringAsync(new Uri("/admin/records/new", UriKind.Relative)), StringComparison.Ordinal);
        using (var retired = await fixture.PostFormAsync("admin", "/admin/vocabularies?handler=Active", new() { ["list"] = "Genre", ["id"] = id, ["active"] = "false" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        }
        Assert.DoesNotContain("试行体裁", await editor.GetStringAsync(new Uri("/admin/records/new", UriKind.Relative)), StringComparison.Ordinal);

        // A term the platform's rules rely on cannot be retired.
        var status = await admin.GetStringAsync(new Uri("/admin/vocabularies?list=EffectStatus", UriKind.Relative));
        Assert.DoesNotContain(">停用</button>", status, StringComparison.Ordinal);
    }

    /// <summary>GB 11714: weights 3,7,9,10,5,8,4,2; C = 11 − Σ mod 11; 10 → X, 11 → 0.</summary>
    private static char CheckCharacter(string eight)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = eight[i];
            var value = char.IsDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * weights[i];
        }
        var check = 11 - (sum % 11);
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }
}

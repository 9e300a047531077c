using Gongkai.Application.Requests;
using Gongkai.Core;
using Gongkai.Core.Requests;
using Gongkai.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Application.Tests.Requests;

/// <summary>Probe finding F13: one phone number however written, and a length limit on every field.</summary>
public sealed class ApplicationFormLimitsTests
{
    private static ApplicationForm Form(string phone) => new()
    {
        Kind = ApplicantKind.NaturalPerson, Name = "限额测试", IdType = "护照", IdNumber = "E12345", Phone = phone,
        Description = "某项目的批复文件", FormWanted = "电子邮件", DeliveryMethod = "电子邮件",
    };

    [Theory]
    [InlineData("13312345678", "13312345678")]
    [InlineData("133-1234-5678", "13312345678")]
    [InlineData("+8613312345678", "13312345678")]
    [InlineData("0086 133 1234 5678", "13312345678")]
    [InlineData("(0510) 8600-0000", "051086000000")]
    public void A_phone_number_is_compared_as_its_digits(string written, string normalized) =>
        Assert.Equal(normalized, RequestService.NormalizedPhone(written));

    [Fact]
    public async Task The_per_phone_limit_counts_every_way_of_writing_the_number()
    {
        await using var app = await ApplicationServices.CreateAsync();
        var ways = new[] { "13312345678", "133-1234-5678", "+8613312345678", "133 1234 5678", "(133)12345678" };
        for (var i = 0; i < RequestService.MaxOnlinePerApplicantPerDay; i++)
        {
            await app.RunAsync(s => s.GetRequiredService<RequestService>().SubmitOnlineAsync("gxq", Form(ways[i % ways.Length])));
        }
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            app.RunAsync(s => s.GetRequiredService<RequestService>().SubmitOnlineAsync("gxq", Form("+86 133-1234-5678"))));
        Assert.Contains("同一联系电话24小时内", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("description", 200_000, "所需信息的名称或特征性描述不能超过2000个字（现为200000个字）。")]
    [InlineData("name", 50_000, "姓名或名称不能超过100个字（现为50000个字）。")]
    [InlineData("address", 201, "通信地址不能超过200个字（现为201个字）。")]
    public void An_over_long_field_is_refused_with_its_limit(string field, int length, string message)
    {
        var text = new string('长', length);
        var form = field switch
        {
            "description" => Form("13312345678") with { Description = text },
            "name" => Form("13312345678") with { Name = text },
            _ => Form("13312345678") with { Address = text },
        };
        Assert.Equal(message, Assert.Throws<DomainException>(() => RequestService.Validate(form)).Message);
    }
}

using System.Globalization;
using Gongkai.Application.Requests;
using Gongkai.Core.Editorial;
using Gongkai.Core.Requests;
using Gongkai.Data;
using Gongkai.Data.Accounts;
using Gongkai.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;

namespace Gongkai.Web.Tests.Areas.Admin.Requests;

/// <summary>The app with e-mail on, sending to an SMTP listener started by the test (netDumbster).</summary>
public sealed class EmailFixture : IAsyncLifetime, IDisposable
{
    public SimpleSmtpServer Smtp { get; } = SimpleSmtpServer.Start();

    public GongkaiAppFactory App { get; } = new(generatedRecords: 0);

    public Task InitializeAsync()
    {
        App.Settings["Gongkai:Email:Enabled"] = "true";
        App.Settings["Gongkai:Email:Host"] = "127.0.0.1";
        App.Settings["Gongkai:Email:Port"] = Smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture);
        App.Settings["Gongkai:Email:Security"] = "None";
        App.Settings["Gongkai:Email:From"] = "gongkai@gxq.example.cn";
        _ = App.Services; // start the host with these settings
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Smtp.Stop();
        Smtp.Dispose();
        App.Dispose();
    }
}

public sealed class RequestEmailTests(EmailFixture fixture) : IClassFixture<EmailFixture>
{
    [Fact]
    public async Task Assigning_a_case_to_a_handler_and_the_reminders_are_emailed_over_smtp()
    {
        var (lead, id) = await fixture.App.ScopedAsync(async s =>
        {
            var lead = await TestUsers.CreateAsync(s, "mail-lead", Role.RequestHandler);
            var colleague = await TestUsers.CreateAsync(s, "mail-handler", Role.RequestHandler);
            var users = s.GetRequiredService<UserManager<GongkaiUser>>();
            var user = (await users.FindByNameAsync("mail-handler"))!;
            user.Email = "handler@gxq.example.cn";
            await users.UpdateAsync(user);
            var requests = s.GetRequiredService<RequestService>();
            var id = (await requests.RegisterAsync(lead, await TestUsers.SiteAsync(s, "gxq"), new ApplicationForm
            {
                Kind = ApplicantKind.NaturalPerson, Name = "邮件测试", IdType = "护照", IdNumber = "E7", Phone = "13600001111",
                Description = "某信息", FormWanted = "纸质", DeliveryMethod = "邮寄",
            }, RequestChannel.InPerson, fixture.App.Today.AddDays(-40))).Id;
            await requests.AssignAsync(lead, id, "科技发展局", colleague.PersonId);
            return (lead, id);
        });
        Assert.Equal(1, fixture.Smtp.ReceivedEmailCount);
        var mail = fixture.Smtp.ReceivedEmail[0];
        Assert.Equal("handler@gxq.example.cn", mail.ToAddresses.Single().Address);
        Assert.Contains("科技发展局", mail.MessageParts[0].BodyData, StringComparison.Ordinal);

        // The case is overdue (received 40 days ago): the reminder reaches the handler who has an address.
        var sent = await fixture.App.ScopedAsync(async s =>
            await s.GetRequiredService<RequestService>().SendRemindersAsync(lead, await s.GetRequiredService<RequestDashboard>().BuildAsync(lead)));
        Assert.Equal(1, sent);
        Assert.Equal(2, fixture.Smtp.ReceivedEmailCount);
        Assert.Contains(id.ToString(CultureInfo.InvariantCulture), fixture.Smtp.ReceivedEmail[0].MessageParts[0].BodyData, StringComparison.Ordinal);
        Assert.True(await fixture.App.ScopedAsync(async s => (await s.GetRequiredService<GongkaiDbContext>().RequestCases.FindAsync(id))!.AssignedDepartment == "科技发展局"));
    }
}

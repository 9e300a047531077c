using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gongkai.Application.Requests;

/// <summary>
/// Optional e-mail to handlers (Gongkai:Email). Off by default; when on, a failure to send is logged
/// and never undoes the case change that caused it.
/// </summary>
public sealed partial class EmailSender(IOptions<GongkaiOptions> options, ILogger<EmailSender> logger)
{
    public bool Enabled => options.Value.Email.Enabled;

    public async Task<bool> SendAsync(IReadOnlyCollection<string> to, string subject, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        var settings = options.Value.Email;
        if (!settings.Enabled || to.Count == 0)
        {
            return false;
        }
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        foreach (var address in to)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        try
        {
            using var client = new SmtpClient();
            var security = Enum.TryParse<SecureSocketOptions>(settings.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.Auto;
            await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or MailKit.ProtocolException or MailKit.CommandException or SslHandshakeException or TimeoutException)
        {
            LogFailed(logger, subject, e);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail \"{Subject}\" could not be sent")]
    private static partial void LogFailed(ILogger logger, string subject, Exception exception);
}

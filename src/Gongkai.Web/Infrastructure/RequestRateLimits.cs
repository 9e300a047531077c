using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Gongkai.Web.Infrastructure;

/// <summary>
/// Per-IP limits on the public application and tracking forms (posts only; reading the form is
/// free). A refusal is a 429 with a Chinese sentence. Per-applicant limits are in RequestService.
/// </summary>
internal static class RequestRateLimits
{
    public const string Applications = "applications";
    public const string Tracking = "tracking";

    public static WebApplicationBuilder AddRequestRateLimits(this WebApplicationBuilder builder)
    {
        var applications = builder.Configuration.GetValue("Gongkai:Requests:ApplicationsPerHourPerIp", 10);
        var tracking = builder.Configuration.GetValue("Gongkai:Requests:TrackingPerHourPerIp", 30);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("提交过于频繁，请一小时后再试；也可以信函或当面方式提出申请。", token);
            };
            o.AddPolicy(Applications, context => Partition(context, applications));
            o.AddPolicy(Tracking, context => Partition(context, tracking));
        });
        return builder;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, int perHour) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("read");
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Gongkai.Web.Infrastructure;

/// <summary>
/// Per-IP limits on the public application and tracking forms and on console sign-in (posts only;
/// reading the form is free). A refusal is a 429 with a Chinese sentence. Per-applicant limits are
/// in RequestService; per-account lockout in Identity.
/// </summary>
internal static class RequestRateLimits
{
    public const string Applications = "applications";
    public const string Tracking = "tracking";
    public const string SignIns = "sign-ins";

    public static WebApplicationBuilder AddRequestRateLimits(this WebApplicationBuilder builder)
    {
        var applications = builder.Configuration.GetValue("Gongkai:Requests:ApplicationsPerHourPerIp", 10);
        var tracking = builder.Configuration.GetValue("Gongkai:Requests:TrackingPerHourPerIp", 30);
        var signIns = builder.Configuration.GetValue("Gongkai:Accounts:SignInsPerTenMinutesPerIp", 20);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                await context.HttpContext.Response.WriteAsync(policy == SignIns
                    ? "登录尝试过于频繁，请十分钟后再试。"
                    : "提交过于频繁，请一小时后再试；也可以信函或当面方式提出申请。", token);
            };
            o.AddPolicy(Applications, context => Partition(context, applications));
            o.AddPolicy(Tracking, context => Partition(context, tracking));
            o.AddPolicy(SignIns, context => Partition(context, signIns, TimeSpan.FromMinutes(10)));
        });
        return builder;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, int permits, TimeSpan? window = null) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window ?? TimeSpan.FromHours(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("read");
}

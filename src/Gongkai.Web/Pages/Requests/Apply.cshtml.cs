using System.Globalization;
using Gongkai.Application;
using Gongkai.Application.Catalog;
using Gongkai.Application.Requests;
using Gongkai.Core;
using Gongkai.Core.Requests;
using Gongkai.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gongkai.Web.Pages.Requests;

/// <summary>
/// /{site}/ysqgk/: 网上申请 (条例 Arts. 27–29) for a natural person or an organization, with a
/// printable receipt carrying the 查询码. No purpose is asked for. A spam check that needs no outside
/// service: a hidden field robots fill in, and a sum written in words, which screen readers read
/// aloud; anyone who cannot answer it is told how to apply by letter or in person.
/// </summary>
[EnableRateLimiting(RequestRateLimits.Applications)]
public sealed class ApplyModel(CatalogReader reader, RequestService requests, IDataProtectionProvider protection, TimeProvider time, IOptions<GongkaiOptions> options,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
    : PortalPageModel(options)
{
    private IDataProtector Protector => protection.CreateProtector("Gongkai.Requests.Challenge");

    public SiteInfo Site { get; private set; } = null!;

    [BindProperty]
    public ApplicationForm Form { get; set; } = new();

    public string Question { get; private set; } = string.Empty;
    public string ChallengeToken { get; private set; } = string.Empty;
    public SubmittedApplication? Receipt { get; private set; }
    public string? Error { get; private set; }

    public static readonly string[] Forms = ["纸质", "电子邮件", "光盘", "当面查阅、抄录", "其他"];
    public static readonly string[] Deliveries = ["邮寄", "电子邮件", "自行领取", "当场阅读、抄录"];
    public static readonly string[] IdTypes = ["居民身份证", "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "其他"];

    public async Task<IActionResult> OnGetAsync(string site, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(site, cancellationToken))
        {
            return NotFound();
        }
        NewChallenge();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string site, string? answer, string? challenge, string? website, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(site, cancellationToken))
        {
            return NotFound();
        }
        try
        {
            if (!string.IsNullOrEmpty(website) || !ChallengePassed(answer, challenge))
            {
                throw new DomainException("验证未通过：请填写算式的答案（阿拉伯数字）。如无法完成验证，请以信函或当面方式提交申请。");
            }
            Receipt = await requests.SubmitOnlineAsync(Site.Slug, Form, cancellationToken);
            PageTitle = "申请已提交 - " + Site.Name;
            return Page();
        }
        catch (DomainException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            NewChallenge();
            return Page();
        }
    }

    private async Task<bool> LoadAsync(string site, CancellationToken cancellationToken)
    {
        var info = await EnterRequestPageAsync(reader, site, "政府信息公开申请", "网上申请", cancellationToken);
        Site = info!;
        return info is not null;
    }

    private static readonly string[] Numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    private void NewChallenge()
    {
        var a = System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 10);
        var b = System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 10);
        Question = $"{Numerals[a]}加{Numerals[b]}等于几？";
        var issued = time.GetUtcNow().ToUnixTimeSeconds();
        var nonce = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        ChallengeToken = Protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{a + b}|{issued}|{nonce}"));
    }

    private static readonly Lock UsedLock = new();

    /// <summary>
    /// The answer matches, the form was not filled in faster than a person can (2 s) nor left for over a
    /// day, and this challenge was not answered before (probe finding F13: one answer was replayed four
    /// times). Used challenges are remembered for their day in this node's memory.
    /// </summary>
    private bool ChallengePassed(string? answer, string? challenge)
    {
        if (string.IsNullOrWhiteSpace(answer) || string.IsNullOrWhiteSpace(challenge))
        {
            return false;
        }
        try
        {
            var parts = Protector.Unprotect(challenge).Split('|');
            if (parts.Length != 3 || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var issued))
            {
                return false; // a challenge from before this version, or not ours
            }
            var age = time.GetUtcNow().ToUnixTimeSeconds() - issued;
            if (parts[0] != answer.Trim() || age is < 2 or > 86_400)
            {
                return false;
            }
            var key = "apply-challenge:" + parts[2];
            lock (UsedLock)
            {
                if (cache.TryGetValue(key, out _))
                {
                    return false;
                }
                Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(cache, key, true, TimeSpan.FromDays(1));
            }
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    public static string Time(DateTime utc) => ChinaTime.ToChina(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string KindLabel(ApplicantKind kind) => RequestOutcomes.Label(kind);
}

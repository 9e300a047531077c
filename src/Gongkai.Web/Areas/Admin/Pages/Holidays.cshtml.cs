using Gongkai.Application.Setup;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages;

/// <summary>节假日安排 (管理员): the notices the working-day calendar is built from; add or correct a year.</summary>
public sealed class HolidaysModel(HolidayAdministration holidays) : ConsolePageModel
{
    public IReadOnlyList<(int Year, string Source, bool Entered)> Notices { get; private set; } = [];

    /// <summary>This year's and (from 1 November) next year's notice, when missing.</summary>
    public IReadOnlyList<int> Missing { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notices = await holidays.ListAsync(Actor, cancellationToken);
        Missing = holidays.Reminder(Actor)?.MissingYears ?? [];
    }

    public Task<IActionResult> OnPostAsync(string? json, IFormFile? file, CancellationToken ct) => RunAsync(async () =>
    {
        var text = json;
        if (file is { Length: > 0 })
        {
            if (file.Length > 200_000)
            {
                throw new Core.DomainException("文件过大：节假日通知 JSON 不应超过200KB。");
            }
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new Core.DomainException("请粘贴或上传节假日通知 JSON。");
        }
        var year = await holidays.ImportAsync(Actor, text, ct);
        TempData["Message"] = $"已导入{year}年节假日安排，工作日计算即时生效。";
        return Redirect("/admin/holidays");
    });

    protected override async Task<IActionResult> OnInvalidAsync()
    {
        await OnGetAsync(HttpContext.RequestAborted);
        return Page();
    }
}

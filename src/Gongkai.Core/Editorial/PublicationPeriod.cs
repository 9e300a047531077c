namespace Gongkai.Core.Editorial;

/// <summary>
/// 条例 Art. 26: “属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。法律、法规对
/// 政府信息公开的期限另有规定的，从其规定。” The period another law or regulation sets for a record, in working
/// days or in (calendar) days, and the provision that sets it; a record without one has the 20 working days.
/// </summary>
public sealed record PublicationPeriod(int Days, bool WorkingDays, string Basis)
{
    public const int MaxDays = 365;
    public const int BasisMaxLength = 200;

    /// <summary>As the period is written: “7个工作日”, “30日”.</summary>
    public string Text => WorkingDays ? $"{Days}个工作日" : $"{Days}日";

    /// <summary>
    /// The period from a form or the API: all blank is none; otherwise the number of days (1–365), the unit
    /// (工作日 or 日; blank is 工作日) and the provision, each with a Chinese message when wrong.
    /// </summary>
    public static PublicationPeriod? From(int? days, string? unit, string? basis)
    {
        if (days is null && string.IsNullOrWhiteSpace(basis))
        {
            return null;
        }
        if (days is not int d)
        {
            throw new DomainException("请填写法律、法规规定的公开期限（天数），或者把依据也留空（条例第二十六条）。");
        }
        var working = unit?.Trim() switch
        {
            null or "" or "工作日" or "WorkingDays" => true,
            "日" or "自然日" or "Days" => false,
            _ => throw new DomainException($"公开期限的单位“{unit!.Trim()}”无效，可选：工作日、日。"),
        };
        return new PublicationPeriod(d, working, Require.Text(basis, "规定该公开期限的法律、法规条款", BasisMaxLength)).Checked();
    }

    /// <summary>The same period, refused when out of range (for content that did not come through <see cref="From"/>).</summary>
    public PublicationPeriod Checked()
    {
        if (Days is < 1 or > MaxDays)
        {
            throw new DomainException($"法律、法规规定的公开期限须在1至{MaxDays}天之间。");
        }
        Require.Text(Basis, "规定该公开期限的法律、法规条款", BasisMaxLength);
        return this;
    }
}

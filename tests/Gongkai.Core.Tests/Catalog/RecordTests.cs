using Gongkai.Core;
using Gongkai.Core.Catalog;
using Record = Gongkai.Core.Catalog.Record;

namespace Gongkai.Core.Tests.Catalog;

public sealed class RecordTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);

    private static RecordContent Content(DateOnly? generatedOn = null, string summary = "概述") => new()
    {
        Title = "关于做好2026年度测试工作的通知",
        GeneratedOn = generatedOn ?? new DateOnly(2026, 3, 2),
        DisclosureTermId = 1,
        DisclosureFormIds = [2, 2, 3],
        DisclosureMethodId = 4,
        DisclosureScopeId = 5,
        Procedure = "单位内审核后公开",
        GenreId = 6,
        ThemeId = 7,
        Keywords = [" 测试 ", "", "测试", "通知"],
        EffectStatusId = 8,
        Summary = summary,
        BodyHtml = "<p>正文</p>",
    };

    [Fact]
    public void A_new_record_is_a_draft_without_index_number_and_is_never_public()
    {
        var record = Record.Draft(1, 1, Content(), Now);
        Assert.Equal(RecordState.Draft, record.State);
        Assert.Null(record.IndexNumber);
        Assert.False(record.IsPublicAt(DateTime.MaxValue));
    }

    [Fact]
    public void Publishing_assigns_the_index_number_of_the_publication_year_once()
    {
        var record = Record.Draft(1, 1, Content(), Now);
        var calls = 0;
        record.Publish(Now, day => { calls++; return IndexNumber.Create("01404053X", day.Year, 12); }, Now);

        Assert.Equal(1, calls);
        Assert.Equal("01404053X/2026-00012", record.IndexNumber.ToString());
        Assert.Equal(new DateOnly(2026, 3, 10), record.PublishedOn);
        Assert.True(record.IsPublicAt(Now));
    }

    [Fact]
    public void Publishing_twice_is_refused()
    {
        var record = Record.Draft(1, 1, Content(), Now);
        record.Publish(Now, _ => IndexNumber.Create("01404053X", 2026, 1), Now);
        Assert.Throws<DomainConflictException>(() => record.Publish(Now, _ => IndexNumber.Create("01404053X", 2026, 2), Now));
        Assert.Equal(1, record.IndexSerial);
    }

    [Fact]
    public void A_record_scheduled_for_later_is_not_public_before_its_time()
    {
        var record = Record.Draft(1, 1, Content(), Now);
        var later = Now.AddHours(5);
        record.Publish(later, _ => IndexNumber.Create("01404053X", 2026, 1), Now);
        Assert.False(record.IsPublicAt(Now));
        Assert.True(record.IsPublicAt(later));
    }

    [Fact]
    public void A_withdrawn_record_keeps_its_number_and_is_no_longer_public()
    {
        var record = Record.Draft(1, 1, Content(), Now);
        record.Publish(Now, _ => IndexNumber.Create("01404053X", 2026, 1), Now);
        record.Withdraw("内容有误", Now);
        Assert.Equal(RecordState.Withdrawn, record.State);
        Assert.False(record.IsPublicAt(Now));
        Assert.Equal("01404053X/2026-00001", record.IndexNumber.ToString());
        Assert.Throws<DomainConflictException>(() => Record.Draft(1, 1, Content(), Now).Withdraw("x", Now));
    }

    [Fact]
    public void Withdrawing_needs_a_reason()
    {
        var record = Record.Draft(1, 1, Content(), Now);
        record.Publish(Now, _ => IndexNumber.Create("01404053X", 2026, 1), Now);
        Assert.Throws<DomainException>(() => record.Withdraw("  ", Now));
    }

    [Fact]
    public void An_imported_record_keeps_its_own_index_number()
    {
        var number = IndexNumber.Parse("01404053X/2020-00390");
        var record = Record.Imported(1, 1, Content(new DateOnly(2020, 1, 2)), number, new DateOnly(2020, 1, 3),
            ChinaTime.StartOfDayUtc(new DateOnly(2020, 1, 3)), Now);
        Assert.Equal(number, record.IndexNumber);
        Assert.Equal(RecordState.Published, record.State);
        Assert.Equal(new DateTime(2020, 1, 2, 16, 0, 0, DateTimeKind.Utc), record.PublishedAtUtc);
    }

    [Fact]
    public void The_publication_date_cannot_precede_the_generation_date()
    {
        var record = Record.Draft(1, 1, Content(new DateOnly(2026, 3, 20)), Now);
        var error = Assert.Throws<DomainException>(() => record.Publish(Now, _ => IndexNumber.Create("01404053X", 2026, 1), Now));
        Assert.Contains("不能早于生成日期", error.Message, StringComparison.Ordinal);
        Assert.Null(record.IndexNumber);
    }

    [Fact]
    public void The_summary_is_required_by_article_12()
    {
        var error = Assert.Throws<DomainException>(() => Record.Draft(1, 1, Content(summary: " "), Now));
        Assert.Contains("内容概述", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keywords_and_forms_are_trimmed_and_deduplicated()
    {
        var record = Record.Draft(1, 1, Content(), Now);
        Assert.Equal(["测试", "通知"], record.Keywords);
        Assert.Equal([2, 3], record.DisclosureFormIds);
    }
}

using Gongkai.Core;
using Gongkai.Core.Catalog;

namespace Gongkai.Core.Tests.Catalog;

public sealed class IndexSerialCounterTests
{
    [Fact]
    public void Serials_start_at_one_and_run_on_without_gaps()
    {
        var counter = new IndexSerialCounter("01404053X", 2026);
        Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(_ => counter.Next().Serial));
    }

    [Fact]
    public void An_imported_number_moves_the_counter_so_later_serials_continue_after_it()
    {
        var counter = new IndexSerialCounter("01404053X", 2020);
        counter.Observe(IndexNumber.Parse("01404053X/2020-00390"));
        Assert.Equal("01404053X/2020-00391", counter.Next().ToString());
    }

    [Fact]
    public void An_imported_number_below_the_counter_never_moves_it_back()
    {
        var counter = new IndexSerialCounter("01404053X", 2020);
        counter.Observe(IndexNumber.Parse("01404053X/2020-00390"));
        counter.Observe(IndexNumber.Parse("01404053X/2020-00012"));
        Assert.Equal(391, counter.Next().Serial);
    }

    [Fact]
    public void A_number_of_another_series_cannot_be_observed()
    {
        var counter = new IndexSerialCounter("01404053X", 2020);
        Assert.Throws<ArgumentException>(() => counter.Observe(IndexNumber.Parse("01404053X/2021-00001")));
    }

    [Fact]
    public void After_99999_the_series_is_exhausted_and_says_so()
    {
        var counter = new IndexSerialCounter("01404053X", 2020);
        counter.Observe(IndexNumber.Create("01404053X", 2020, IndexNumber.MaxSerial));
        var error = Assert.Throws<DomainConflictException>(() => counter.Next());
        Assert.Contains("已用完", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-12-31", 2025)]
    [InlineData("2026-01-01", 2026)]
    public void The_serial_belongs_to_the_year_of_the_publication_date(string publishedOn, int year)
    {
        Assert.Equal(year, IndexSerialCounter.YearFor(DateOnly.Parse(publishedOn, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_publication_date_is_the_china_date_so_late_evening_utc_counts_as_the_next_day()
    {
        // 2025-12-31T17:00Z is 2026-01-01 01:00 in Beijing.
        var utc = new DateTime(2025, 12, 31, 17, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateOnly(2026, 1, 1), ChinaTime.DateOf(utc));
        Assert.Equal(2026, IndexSerialCounter.YearFor(ChinaTime.DateOf(utc)));
    }
}

using Gongkai.Application.Search;
using Gongkai.Application.Search.Analysis;

namespace Gongkai.Application.Tests.Search;

/// <summary>
/// Publications commit a segment each; beside a large segment, Lucene's tiers alone keep every one
/// of them (their budget grows with the index's size), and every search then pays for each. The
/// index's policy merges the small ones once there are more than a few.
/// </summary>
public sealed class SearchMergePolicyTests
{
    private const int Publications = 12;

    [Fact]
    public void Segments_that_publications_leave_are_merged_once_more_than_a_few_are_small()
    {
        // The tiers alone: the large segment and one segment per publication, none merged.
        var (tiersAlone, _) = Publish(maxSmallSegments: null);
        Assert.Equal(1 + Publications, tiersAlone.Count);

        // With the bound: the large segment, the small ones merged, and at most four not yet merged.
        var (bounded, found) = Publish(SearchMergePolicy.DefaultMaxSmallSegments);
        Assert.InRange(bounded.Count, 2, 1 + 1 + SearchMergePolicy.DefaultMaxSmallSegments);
        Assert.Equal(LargeSegment + Publications, bounded.Sum());
        Assert.Equal(LargeSegment, bounded[0]);
        // Every published record is still found (the merged segment serves them).
        Assert.Equal(Publications, found);
    }

    private const int LargeSegment = 2000;

    /// <summary>A large segment, then <see cref="Publications"/> records each committed alone, as the index's updater does.</summary>
    private static (IReadOnlyList<int> Segments, int Found) Publish(int? maxSmallSegments)
    {
        var path = TempIndex.NewPath();
        try
        {
            // A floor of 64 KB stands for Lucene's 2 MB, so that a large segment of 2,000 records gives
            // the tiers the budget a real index has (a publication's segment is a few KB either way).
            var settings = new SearchIndexSettings { FloorSegmentMb = 1.0 / 16, MaxSmallSegments = maxSmallSegments };
            using var index = new SearchIndex(path, AnalyzerRegistry.PerField(), settings);
            var random = new Random(20261206);
            string Text(int chars) => new([.. Enumerable.Range(0, chars).Select(_ => (char)random.Next(0x4E00, 0x4E00 + 3000))]);
            index.Upsert(Enumerable.Range(0, LargeSegment).Select(i => TempIndex.Doc($"关于第{i}号项目的通知", Text(400))));
            index.Commit(1);
            for (var i = 0; i < Publications; i++)
            {
                index.Upsert([TempIndex.Doc($"新发布的第{i}条公告", "新发布 " + Text(200))]);
                index.Commit(2 + i);
            }
            index.WaitForMerges();
            index.Commit(2 + Publications);
            var found = QueryRunner.Search(index, new SearchRequest { Text = "新发布", NowUtc = TempIndex.Now, PageSize = 50 }).Total;
            return (index.SegmentSizes, found);
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }
}

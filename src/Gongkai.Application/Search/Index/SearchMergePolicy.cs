using Lucene.Net.Index;

namespace Gongkai.Application.Search;

/// <summary>
/// Lucene's tiered merging, with a bound on the tiny segments that publications leave behind.
/// </summary>
/// <remarks>
/// Every change the index applies is committed as a segment of its own, usually of a record or a
/// few. The tiered policy lets an index hold as many segments as its tiers allow — 10 per tier
/// from 2 MB up, about 32 at a million records (4.3 GB) — and counts the tiers that a rebuilt
/// index never fills, so the publications of weeks stay as dozens of tiny segments beside the
/// rebuild's few large ones. Each of them costs every search its term lookups and scorers: at a
/// million records, 26 tiny segments beside 4 large made a search 1.7 times slower and allocate 2.7
/// times as much (docs/benchmarks.md, "Tiny segments"). So when the tiered policy has nothing to
/// merge and more than <see cref="DefaultMaxSmallSegments"/> segments are below its floor
/// (<see cref="TieredMergePolicy.FloorSegmentMB"/>, 2 MB: a few hundred records), they are merged
/// into one. What is rewritten is bounded by the floor: a merged segment above it joins the tiers.
/// </remarks>
/// <param name="maxSmallSegments">segments below the floor an index keeps before they are merged into one; null: as many as the tiers allow</param>
internal sealed class SearchMergePolicy(int? maxSmallSegments) : TieredMergePolicy
{
    public const int DefaultMaxSmallSegments = 4;

    public override MergeSpecification? FindMerges(MergeTrigger mergeTrigger, SegmentInfos infos)
    {
        ArgumentNullException.ThrowIfNull(infos);
        var merges = base.FindMerges(mergeTrigger, infos);
        if (merges is not null || maxSmallSegments is not int most)
        {
            return merges;
        }
        var merging = m_writer.Get().MergingSegments;
        var floor = (long)(FloorSegmentMB * 1024 * 1024);
        var small = infos.AsList().Where(info => !merging.Contains(info) && Size(info) < floor).ToList();
        if (small.Count <= most)
        {
            return null;
        }
        var specification = new MergeSpecification();
        specification.Add(new OneMerge(small));
        return specification;
    }
}

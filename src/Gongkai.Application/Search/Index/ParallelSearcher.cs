using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Gongkai.Application.Search;

/// <summary>
/// An IndexSearcher that searches its segments on several threads with one query weight built
/// from the whole index (so scores are the same as a sequential search), each segment feeding
/// collectors of its own that are merged afterwards.
/// </summary>
internal sealed class ParallelSearcher(IndexReader reader) : IndexSearcher(reader)
{
    public void SearchSegment(AtomicReaderContext leaf, Weight weight, ICollector collector) =>
        Search([leaf], weight, collector);
}

internal sealed class ParallelSearcherFactory : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader) => new ParallelSearcher(reader);
}

using System.Collections.Concurrent;

using Gongkai.Application.Search;

namespace Gongkai.Application.Tests.Search;

public sealed class ParallelIndexingTests
{
    [Fact]
    public async Task A_rebuild_on_two_threads_ends_with_four_similar_segments_and_every_document()
    {
        const int count = 4000;
        var path = TempIndex.NewPath();
        try
        {
            var documents = Enumerable.Range(0, count).Select(i => TempIndex.Doc($"关于第{i}号项目的通知", $"重大项目攻坚 正文 {i}")).ToList();
            using var index = new SearchIndex(path, Gongkai.Application.Search.Analysis.AnalyzerRegistry.PerField(), SearchIndexSettings.Rebuild(count, threads: 2, ramBufferMb: 256));
            using var queue = new BlockingCollection<SearchDocument[]>(boundedCapacity: 4);
            var reported = 0;
            var writing = index.AddInParallelAsync(queue, d => d, threads: 2, added: n => Interlocked.Add(ref reported, n));
            foreach (var batch in documents.Chunk(100))
            {
                queue.Add(batch);
            }
            queue.CompleteAdding();
            await writing;
            // Each thread wrote out its last segment itself: nothing is left for the commit (at most one
            // document a thread, when its segment was written with its very last documents and the one
            // it held back began a new one; without the final flush, about 900 a thread would be left).
            Assert.InRange(index.BufferedDocuments, 0, 2);
            index.Commit(1);

            Assert.Equal(count, reported);
            Assert.Equal(documents.Select(d => d.Id).Order(), index.AllIds().Order());
            // A segment per thread when it holds 1,100 (a quarter and 10 %), the rest by each thread
            // at the end: four when the threads took about half each, a fifth or sixth when not.
            var segments = index.SegmentSizes;
            Assert.InRange(segments.Count, 4, 6);
            Assert.All(segments, s => Assert.InRange(s, 1, 1100));
            Assert.Equal(count, segments.Sum());
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }

    [Fact]
    public async Task A_failing_document_stops_the_threads_and_closes_the_queue()
    {
        var path = TempIndex.NewPath();
        try
        {
            using var index = new SearchIndex(path, Gongkai.Application.Search.Analysis.AnalyzerRegistry.PerField(), SearchIndexSettings.Rebuild(1000, threads: 2, ramBufferMb: 64));
            using var queue = new BlockingCollection<SearchDocument[]>(boundedCapacity: 1);
            var writing = index.AddInParallelAsync<SearchDocument>(queue, d => d.Title == "坏" ? throw new InvalidDataException("坏文档") : d, threads: 2);
            // The producer would block on a full queue if the threads stopped without closing it.
            var produce = Task.Run(() =>
            {
                for (var i = 0; i < 1000; i++)
                {
                    queue.Add([TempIndex.Doc(i == 3 ? "坏" : "好"), TempIndex.Doc("好")]);
                }
            });
            await Assert.ThrowsAsync<InvalidDataException>(() => writing.WaitAsync(TimeSpan.FromSeconds(30)));
            await Assert.ThrowsAsync<InvalidOperationException>(() => produce.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.True(queue.IsAddingCompleted);
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }
}

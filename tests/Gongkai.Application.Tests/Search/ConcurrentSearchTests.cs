using Gongkai.Application.Search;
using Gongkai.Application.Search.Analysis;

namespace Gongkai.Application.Tests.Search;

/// <summary>
/// Searches at once on many threads give each the answer one search alone gives. Lucene hands each
/// thread its own doc-values readers of a segment (a reader kept per thread, reading through its
/// own position in the file), so a reader must be used on the thread that obtained it: the facet
/// labels of a segment were once looked up on the request's thread after the segment was counted
/// on a worker thread, while that worker, serving another search, used the same reader — a busy
/// morning at a million records failed a few searches with "Index and length must refer to a
/// location within the string" from the memory-mapped file, and could have named a facet wrongly.
/// </summary>
public sealed class ConcurrentSearchTests
{
    private const int Threads = 8;
    private const int Rounds = 300;
    private static readonly string[] Words = ["项目", "重大项目", "攻坚", "通知"];

    [Fact]
    public async Task Searches_on_many_threads_count_the_facets_as_one_search_alone()
    {
        var path = TempIndex.NewPath();
        try
        {
            using var index = new SearchIndex(path, AnalyzerRegistry.PerField(), new SearchIndexSettings { MaxSmallSegments = null });
            string[] genres = ["通知", "公告", "意见", "办法", "规定", "方案"];
            string[] sites = ["gxq", "lg", "jy"];
            string[] themes = ["综合政务", "城乡建设", "科技", "教育", "卫生", "农业"];
            // Eight segments, so that each search spreads over the worker threads.
            for (var segment = 0; segment < 8; segment++)
            {
                // Many publishers: naming a segment's facet values then takes a while, as at a city's scale.
                index.Upsert(Enumerable.Range(0, 600).Select(i => TempIndex.Doc($"关于第{segment}批第{i}号项目的通知", $"重大项目攻坚 第{i}号",
                    genre: genres[(i + segment) % genres.Length], site: sites[i % sites.Length], themePrimary: themes[(i * 7 + segment) % themes.Length])
                    with { Publisher = $"第{(i * 13 + segment) % 500}号机关" }));
                index.Commit(segment + 1);
            }
            var requests = Words
                .SelectMany(q => new[] { new SearchRequest { Text = q, NowUtc = TempIndex.Now }, new SearchRequest { Text = q, NowUtc = TempIndex.Now, Sort = SearchSort.Date } })
                .ToArray();
            var alone = requests.Select(r => Facets(QueryRunner.Search(index, r))).ToArray();

            var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
            await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
            {
                for (var round = 0; round < Rounds; round++)
                {
                    var which = (thread + round) % requests.Length;
                    try
                    {
                        var facets = Facets(QueryRunner.Search(index, requests[which]));
                        if (facets != alone[which])
                        {
                            failures.Add($"{requests[which].Text}: {facets}");
                        }
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or IOException)
                    {
                        failures.Add($"{requests[which].Text}: {e.GetType().Name}: {e.Message}");
                    }
                }
            })));
            Assert.True(failures.IsEmpty, $"{failures.Count} of {Threads * Rounds} searches differed from the same search alone, e.g. {failures.FirstOrDefault()}");
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static string Facets(SearchResponse response) =>
        response.Total + " " + string.Join("; ", response.Facets.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => f.Key + ": " + string.Join(",", f.Value.Select(c => $"{c.Value}={c.Count}"))));
}

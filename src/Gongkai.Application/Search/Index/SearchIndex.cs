using System.Collections.Concurrent;
using System.Globalization;
using Gongkai.Application.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Gongkai.Application.Search;

/// <summary>
/// One Lucene index on disk with its single writer and a searcher manager. The position in the
/// database change log that the index reflects is stored in the index's own commit data, so that
/// documents and position are committed together: after a crash the index resumes exactly where
/// its last commit left it.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private const string PositionKey = "gongkai.changePosition";
    private const string BuiltAtKey = "gongkai.builtAtUtc";
    private const string FormatKey = "gongkai.format";

    /// <summary>
    /// The fields documents carry, as a number: raised when a field is added that queries depend on,
    /// so that an index written before is rebuilt (<see cref="IsOutdated"/>). 2: the column and the
    /// theme path for the catalog (<see cref="CatalogSearch"/>).
    /// </summary>
    public const int CurrentFormat = 2;

    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _commitLock = new();
    private readonly bool _ownCaches;

    /// <param name="caches">what queries learn about the segments; shared by the indexes of one process, or this index's own when null</param>
    public SearchIndex(string path, Analyzer analyzer, SearchIndexSettings settings, SearchCaches? caches = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Path = path;
        _ownCaches = caches is null;
        Caches = caches ?? new SearchCaches();
        System.IO.Directory.CreateDirectory(path);
        _directory = FSDirectory.Open(path);
        Analyzer = analyzer;
        var config = new IndexWriterConfig(Version, analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = settings.RamBufferMb,
            MaxBufferedDocs = settings.MaxBufferedDocs ?? IndexWriterConfig.DISABLE_AUTO_FLUSH,
            UseCompoundFile = settings.UseCompoundFile,
            MergePolicy = new SearchMergePolicy(settings.MaxSmallSegments)
            {
                SegmentsPerTier = settings.SegmentsPerTier,
                FloorSegmentMB = settings.FloorSegmentMb,
                NoCFSRatio = settings.UseCompoundFile ? 0.1 : 0,
            },
        };
        _writer = new IndexWriter(_directory, config);
        if (!DirectoryReader.IndexExists(_directory))
        {
            _writer.Commit();
        }
        Position = ReadCommitData(PositionKey) is { } p ? long.Parse(p, CultureInfo.InvariantCulture) : 0;
        // An index without the mark is either new (empty: it gets documents of this format) or
        // older than the mark. Updates never change the format: only a rebuild does.
        Format = ReadCommitData(FormatKey) is { } f ? int.Parse(f, CultureInfo.InvariantCulture)
            : Position == 0 && _writer.NumDocs == 0 ? CurrentFormat : 1;
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: new ParallelSearcherFactory());
    }

    public string Path { get; }

    public Analyzer Analyzer { get; }

    /// <summary>What text queries on this index keep about its segments (<see cref="SearchCaches"/>).</summary>
    public SearchCaches Caches { get; }

    /// <summary>The id of the last change-log entry whose effect the committed index contains.</summary>
    public long Position { get; private set; }

    /// <summary>The format its documents were written in (<see cref="CurrentFormat"/>).</summary>
    public int Format { get; }

    /// <summary>Whether the documents lack fields this version queries: the index must be rebuilt.</summary>
    public bool IsOutdated => Format < CurrentFormat;

    /// <summary>Adds or replaces documents. Safe to call from several threads at once.</summary>
    public void Upsert(IEnumerable<SearchDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            _writer.UpdateDocument(new Term(SearchFields.Id, Id(document.Id)), DocumentMapper.ToLucene(document));
        }
    }

    /// <summary>
    /// Adds the documents built from the items of <paramref name="batches"/> on
    /// <paramref name="threads"/> threads, until the collection is marked complete (a rebuild; use
    /// <see cref="SearchIndexSettings.Rebuild"/>). Each thread writes its own segments. It keeps its
    /// last document back until every thread has run out of input, then adds it with the flush
    /// threshold lowered, so that each thread writes out its last segment at once, in parallel with
    /// the others; otherwise the commit would write them one after another on one core. (When a
    /// thread's segment was written just with its last documents, the one it held back starts a new
    /// segment alone, which the commit writes.)
    /// </summary>
    /// <param name="batches">filled by the caller, who calls <c>CompleteAdding</c> at the end</param>
    /// <param name="build">turns an item into its document; runs on the indexing threads</param>
    /// <param name="threads">indexing threads</param>
    /// <param name="added">called with each batch's size once it has been added (each thread's very last document goes in at the end)</param>
    /// <param name="cancellationToken">stops the threads</param>
    public async Task AddInParallelAsync<T>(BlockingCollection<T[]> batches, Func<T, SearchDocument> build, int threads,
        Action<int>? added = null, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(build);
        using var inputDone = new CountdownEvent(threads);
        var maxBufferedDocs = _writer.Config.MaxBufferedDocs;
        var workers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            T? last = null;
            try
            {
                foreach (var batch in batches.GetConsumingEnumerable(cancellationToken))
                {
                    foreach (var item in batch)
                    {
                        if (last is not null)
                        {
                            Add(build(last));
                        }
                        last = item;
                    }
                    added?.Invoke(batch.Length);
                }
            }
            catch
            {
                // The producer must not wait for room that no thread will make.
                batches.CompleteAdding();
                throw;
            }
            finally
            {
                inputDone.Signal();
            }
            inputDone.Wait(cancellationToken);
            // From now on the thread that adds a document writes out its buffered segment.
            _writer.Config.MaxBufferedDocs = 2;
            if (last is not null)
            {
                Add(build(last));
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            _writer.Config.MaxBufferedDocs = maxBufferedDocs;
        }
    }

    /// <summary>Adds a document known not to be in the index yet (a rebuild, through <see cref="AddInParallelAsync"/>).</summary>
    private void Add(SearchDocument document) => _writer.AddDocument(DocumentMapper.ToLucene(document));

    public void Delete(IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var terms = ids.Select(id => new Term(SearchFields.Id, Id(id))).ToArray();
        if (terms.Length > 0)
        {
            _writer.DeleteDocuments(terms);
        }
    }

    /// <summary>Commits the documents together with the change-log position they reflect, then refreshes searchers.</summary>
    public void Commit(long position)
    {
        lock (_commitLock)
        {
            _writer.SetCommitData(new Dictionary<string, string>
            {
                [PositionKey] = position.ToString(CultureInfo.InvariantCulture),
                [BuiltAtKey] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                [FormatKey] = Format.ToString(CultureInfo.InvariantCulture),
            });
            _writer.Commit();
            Position = position;
        }
        _searchers.MaybeRefreshBlocking();
    }

    /// <summary>
    /// Segments a rebuilt index is merged down to. Every segment costs every query a set of scorers
    /// with their buffers (Lucene's ExactPhraseScorer allocates two arrays of 4,096 ints per segment), so at a million records 23
    /// segments spent more on allocation and garbage collection than on matching; a few segments
    /// still leave work for two cores (docs/benchmarks.md, "Segments").
    /// </summary>
    public const int SegmentsAfterRebuild = 4;

    /// <summary>Waits until the merges under way are done (tests and benchmarks: they are written in the background).</summary>
    internal void WaitForMerges() => _writer.WaitForMerges();

    /// <summary>Merges the index down to at most <paramref name="maxSegments"/> segments (after a rebuild).</summary>
    public void ForceMerge(int maxSegments)
    {
        _writer.ForceMerge(maxSegments);
        Commit(Position);
    }

    /// <summary>Runs <paramref name="use"/> on a current searcher (released afterwards).</summary>
    public T Search<T>(Func<IndexSearcher, T> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        var searcher = _searchers.Acquire();
        try
        {
            return use(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Every record id in the index as the current searcher sees it.</summary>
    public HashSet<long> AllIds() => Search(searcher => CollectIds(searcher.IndexReader));

    public int Count => Search(s => s.IndexReader.NumDocs);

    /// <summary>Documents added but not yet written to a segment.</summary>
    internal int BufferedDocuments => _writer.NumRamDocs();

    /// <summary>The records of each segment, largest first (for benchmarks and diagnostics).</summary>
    public IReadOnlyList<int> SegmentSizes => Search(s => s.IndexReader.Leaves.Select(l => l.AtomicReader.NumDocs).OrderDescending().ToList());

    /// <summary>Size of the index files on disk, in bytes.</summary>
    public long SizeOnDisk => new DirectoryInfo(Path).EnumerateFiles().Sum(f => f.Length);

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private string? ReadCommitData(string key)
    {
        using var reader = DirectoryReader.Open(_directory);
        return reader.IndexCommit.UserData.TryGetValue(key, out var value) ? value : null;
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        Analyzer.Dispose();
        if (_ownCaches)
        {
            Caches.Dispose();
        }
    }

    /// <summary>
    /// The record ids and change-log position of the last commit in <paramref name="path"/>, read
    /// without a writer, so it works while another process (the web app) has the index open.
    /// </summary>
    public static (HashSet<long> Ids, long Position) ReadCommitted(string path)
    {
        using var directory = FSDirectory.Open(path);
        if (!DirectoryReader.IndexExists(directory))
        {
            return ([], 0);
        }
        using var reader = DirectoryReader.Open(directory);
        var ids = CollectIds(reader);
        var position = reader.IndexCommit.UserData.TryGetValue(PositionKey, out var p) ? long.Parse(p, CultureInfo.InvariantCulture) : 0;
        return (ids, position);
    }

    /// <summary>
    /// Whether an index writer, in this process or another, holds the index at <paramref name="path"/>
    /// (its native write lock, which the operating system drops when a process dies).
    /// </summary>
    public static bool IsOpenForWriting(string path)
    {
        using var directory = FSDirectory.Open(path);
        return IndexWriter.IsLocked(directory);
    }

    private static HashSet<long> CollectIds(IndexReader reader)
    {
        var ids = new HashSet<long>();
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var values = atomic.GetNumericDocValues(SearchFields.Id);
            var live = atomic.LiveDocs;
            for (var doc = 0; doc < atomic.MaxDoc; doc++)
            {
                if (values is not null && (live is null || live.Get(doc)))
                {
                    ids.Add(values.Get(doc));
                }
            }
        }
        return ids;
    }

    /// <summary>Opens the index with the default analyzers (or the overrides by field name).</summary>
    public static SearchIndex Open(string path, IReadOnlyDictionary<string, string>? analyzers = null, SearchIndexSettings? settings = null, SearchCaches? caches = null) =>
        new(path, AnalyzerRegistry.PerField(analyzers), settings ?? new SearchIndexSettings(), caches);
}

/// <summary>How the writer buffers, packs and merges (docs/benchmarks.md, "Search indexing").</summary>
public sealed record SearchIndexSettings
{
    /// <summary>Settings for a rebuild of <paramref name="records"/> records with <paramref name="ramBufferMb"/> of buffer.</summary>
    /// <remarks>
    /// Each indexing thread writes its own segment and flushes it when it holds its share of
    /// <see cref="SearchIndex.SegmentsAfterRebuild"/> segments (with 10 % to spare, so that the
    /// last flush is the commit's), or earlier when the buffer is full; nothing is merged while
    /// writing. When the buffer allows it, the rebuild thus ends with about
    /// <see cref="SearchIndex.SegmentsAfterRebuild"/> segments of similar size and nothing to merge:
    /// merging a million records afterwards took 75 s and left one segment of 85 % of them, which
    /// a query then searched on one core.
    /// </remarks>
    public static SearchIndexSettings Rebuild(int records, int threads, double ramBufferMb) => new()
    {
        RamBufferMb = ramBufferMb,
        MaxBufferedDocs = Math.Max(1000, (int)Math.Ceiling(records * 1.1 / Math.Max(SearchIndex.SegmentsAfterRebuild, threads))),
        UseCompoundFile = false,
        SegmentsPerTier = 50,
        MaxSmallSegments = null,
    };

    public double RamBufferMb { get; init; } = 64;

    /// <summary>Documents a thread buffers before it flushes a segment; null: flush by <see cref="RamBufferMb"/> only.</summary>
    public int? MaxBufferedDocs { get; init; }

    public bool UseCompoundFile { get; init; } = true;
    public double SegmentsPerTier { get; init; } = 10;

    /// <summary>Lucene's tiered floor: segments below it count as this size, and as small (<see cref="SearchMergePolicy"/>).</summary>
    public double FloorSegmentMb { get; init; } = 2;

    /// <summary>
    /// Segments below the floor an index keeps before merging them into one (<see cref="SearchMergePolicy"/>);
    /// null: as many as the tiers allow (a rebuild, which merges nothing while it writes).
    /// </summary>
    public int? MaxSmallSegments { get; init; } = SearchMergePolicy.DefaultMaxSmallSegments;
}

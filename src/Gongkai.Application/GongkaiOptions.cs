using System.ComponentModel.DataAnnotations;

namespace Gongkai.Application;

/// <summary>The <c>Gongkai</c> configuration section. Every key is listed in docs/configuration.md.</summary>
public sealed class GongkaiOptions
{
    public const string Section = "Gongkai";

    /// <summary>
    /// Folder for the SQLite database, the search index and attachments. Relative paths are taken
    /// from the application's content root (the web) or the current directory (the CLI).
    /// </summary>
    [Required]
    public string DataPath { get; set; } = "App_Data";

    /// <summary>Name of the site group, shown in the header and the SiteName meta tag.</summary>
    [Required]
    public string SiteGroupName { get; set; } = "江阴市人民政府";

    public DemoOptions Demo { get; set; } = new();

    public SearchOptions Search { get; set; } = new();
}

public sealed class SearchOptions
{
    /// <summary>Folder of this node's search index; relative to <see cref="GongkaiOptions.DataPath"/>.</summary>
    [Required]
    public string IndexPath { get; set; } = "search";

    /// <summary>How often the indexer looks for new entries in the change log, in milliseconds.</summary>
    [Range(20, 60_000)]
    public int PollIntervalMs { get; set; } = 200;

    /// <summary>Change-log entries applied per index commit.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Run the background indexer in this process (the web app); the CLI never does.</summary>
    public bool RunIndexer { get; set; } = true;

    /// <summary>Analyzer per analysed field, by name (cjk-bigram, smartcn, keyword); unset fields keep their default.</summary>
    public Dictionary<string, string> Analyzers { get; set; } = [];
}

public sealed class DemoOptions
{
    /// <summary>Load the demo site group when the database has no organization yet.</summary>
    public bool LoadWhenEmpty { get; set; } = true;

    /// <summary>How many records the generator adds beside the reference record.</summary>
    [Range(0, 2_000_000)]
    public int GeneratedRecords { get; set; } = 360;

    /// <summary>Seed of the deterministic generator: the same seed gives the same records.</summary>
    public int Seed { get; set; } = 20200103;
}

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

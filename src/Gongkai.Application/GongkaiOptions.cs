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

    /// <summary>
    /// Folder of the attachments. Empty: <c>attachments</c> in the data folder. Several nodes share
    /// one (e.g. on NFS); a relative path is taken from the data folder.
    /// </summary>
    public string? AttachmentsPath { get; set; }

    /// <summary>The attachments folder, resolved.</summary>
    public string AttachmentsFolder => string.IsNullOrWhiteSpace(AttachmentsPath)
        ? Path.Combine(DataPath, "attachments")
        : Path.GetFullPath(Path.Combine(DataPath, AttachmentsPath));

    /// <summary>Name of the site group, shown in the header and the SiteName meta tag.</summary>
    [Required]
    public string SiteGroupName { get; set; } = "江阴市人民政府";

    /// <summary>
    /// The address citizens use (e.g. <c>https://xxgk.jiangyin.gov.cn</c>): the absolute links of the
    /// sitemaps, RSS and the JSON API are made from it, never from the request's Host header (which
    /// anyone can set). Empty: from the request, for a machine of one's own.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Folder of the State Council holiday notices shipped with the app (one <c>YYYY.json</c> per
    /// notice). Empty: <c>data/holidays</c> beside the binaries. Notices an administrator imports at
    /// /admin/holidays are kept in the database and win for their year.
    /// </summary>
    public string? HolidaysPath { get; set; }

    public DemoOptions Demo { get; set; } = new();

    public SearchOptions Search { get; set; } = new();

    public EditorialOptions Editorial { get; set; } = new();

    public AccountOptions Accounts { get; set; } = new();

    public RequestOptions Requests { get; set; } = new();

    public EmailOptions Email { get; set; } = new();

    public CachingOptions Caching { get; set; } = new();
}

/// <summary>Gongkai:Caching — the public pages' cache in each web node and what proxies may keep.</summary>
public sealed class CachingOptions
{
    /// <summary>Serve public pages from the node's output cache (evicted by the change log).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Longest a page stays in the node's cache without a change evicting it (statistics of requests change without one).</summary>
    [Range(1, 86_400)]
    public int PageSeconds { get; set; } = 300;

    /// <summary>Memory the node's output cache may hold.</summary>
    [Range(1, 16_384)]
    public int SizeMegabytes { get; set; } = 256;

    /// <summary><c>s-maxage</c> of public pages: how long a CDN or the nginx in front may keep them; 0: not at all.</summary>
    [Range(0, 86_400)]
    public int SharedMaxAgeSeconds { get; set; } = 5;

    /// <summary><c>max-age</c> of public pages in browsers; they revalidate with ETag after it.</summary>
    [Range(0, 86_400)]
    public int BrowserMaxAgeSeconds { get; set; }
}

/// <summary>Gongkai:Email — optional e-mail to request handlers over SMTP (MailKit).</summary>
public sealed class EmailOptions
{
    public bool Enabled { get; set; }
    public string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>None, Auto (STARTTLS when offered), StartTls or SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "gongkai@localhost";
    public string FromName { get; set; } = "政府信息公开平台";
}

/// <summary>Gongkai:Requests — disclosure on request.</summary>
public sealed class RequestOptions
{
    /// <summary>Years after the answer before the applicant's personal data may be erased.</summary>
    [Range(1, 30)]
    public int RetentionYears { get; set; } = 3;
}

/// <summary>Gongkai:Editorial — the review workflow and attachments.</summary>
public sealed class EditorialOptions
{
    /// <summary>May a reviewer approve a revision they wrote or submitted? Off by default (two-person rule).</summary>
    public bool AllowSelfApproval { get; set; }

    /// <summary>How often the scheduler looks for approved revisions whose publication time has come.</summary>
    [Range(1, 3600)]
    public int SchedulerIntervalSeconds { get; set; } = 5;

    public bool RunScheduler { get; set; } = true;

    /// <summary>Largest attachment accepted, in MiB.</summary>
    [Range(1, 1024)]
    public int MaxAttachmentMegabytes { get; set; } = 50;

    /// <summary>Largest Word file accepted for import, in MiB.</summary>
    [Range(1, 200)]
    public int MaxImportMegabytes { get; set; } = 20;

    /// <summary>Most a Word file may unpack to in all (its parts' sizes); beyond it, or a part packed more than a hundredfold, it is refused unread.</summary>
    [Range(1, 2000)]
    public int MaxImportUnpackedMegabytes { get; set; } = 64;
}

/// <summary>Gongkai:Accounts — sign-in rules for the console.</summary>
public sealed class AccountOptions
{
    /// <summary>Failed sign-ins within <see cref="LockoutWindowSeconds"/> that lock the account.</summary>
    [Range(1, 100)]
    public int LockoutFailures { get; set; } = 5;

    /// <summary>
    /// How long a failure counts towards a lockout: 15 minutes, so that a slow guesser (four a minute)
    /// is locked out too (probe finding F11; with 60 s it never was).
    /// </summary>
    [Range(1, 86_400)]
    public int LockoutWindowSeconds { get; set; } = 900;

    /// <summary>Sign-in attempts (POST /admin/login) one address may make in ten minutes, whatever the account.</summary>
    [Range(1, 100_000)]
    public int SignInsPerTenMinutesPerIp { get; set; } = 20;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A console session ends after this many minutes without a request.</summary>
    [Range(1, 1440)]
    public int IdleTimeoutMinutes { get; set; } = 30;

    [Range(8, 128)]
    public int PasswordMinLength { get; set; } = 10;

    /// <summary>
    /// The console and the editorial API answer only over HTTPS, except to a browser on the same
    /// machine (loopback), so that <c>dotnet run</c> works on http://localhost. Cookies are marked
    /// Secure whenever the request is HTTPS. Behind a TLS-terminating proxy, the proxy must send
    /// X-Forwarded-Proto (trusted from loopback proxies).
    /// </summary>
    public bool RequireHttps { get; set; } = true;
}

public sealed class SearchOptions
{
    /// <summary>Folder of this node's search index; relative to <see cref="GongkaiOptions.DataPath"/>.</summary>
    [Required]
    public string IndexPath { get; set; } = "search";

    /// <summary>
    /// This node's name in the change log's list of nodes (<c>SearchNodes</c>). Empty: the machine's
    /// name and the index folder, which tells apart nodes on one machine too.
    /// </summary>
    [StringLength(Data.SearchNode.NameMaxLength)]
    public string? NodeName { get; set; }

    /// <summary>
    /// Days a node may be away and still catch up from the change log. Entries every node seen within
    /// this time has applied are pruned (hourly, by one node); a node away longer rebuilds its index
    /// by itself when it is back.
    /// </summary>
    [Range(1, 365)]
    public int ChangeLogKeepDays { get; set; } = 7;

    /// <summary>How often the indexer looks for new entries in the change log, in milliseconds.</summary>
    [Range(20, 60_000)]
    public int PollIntervalMs { get; set; } = 200;

    /// <summary>Change-log entries applied per index commit.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Run the background indexer in this process (the web app); the CLI never does.</summary>
    public bool RunIndexer { get; set; } = true;

    /// <summary>
    /// Memory a rebuild may hold in documents not yet written, in MB. With enough for a quarter of
    /// the records per indexing thread, the rebuild writes its segments once and merges nothing; with
    /// less, it writes more, smaller segments and merges them at the end (slower; docs/configuration.md).
    /// </summary>
    [Range(64, 4096)]
    public int RebuildBufferMb { get; set; } = 2048;

    /// <summary>
    /// Seconds the web app may spend at start, before it serves, building the search caches of the
    /// clauses its queries used before the last stop (<c>warm-clauses.json</c> in the index folder); 0: none.
    /// </summary>
    [Range(0, 600)]
    public int WarmUpSeconds { get; set; } = 60;

    /// <summary>Memory for the matches of common query clauses, kept per index segment (least recently used out first).</summary>
    [Range(1, 16_384)]
    public int MatchCacheMegabytes { get; set; } = Search.SearchCaches.DefaultMatchMegabytes;

    /// <summary>Memory for each query clause's highest score and per-block shares in each segment.</summary>
    [Range(1, 16_384)]
    public int BoundCacheMegabytes { get; set; } = Search.SearchCaches.DefaultBoundMegabytes;

    /// <summary>Analyzer per analysed field, by name (cjk-bigram, smartcn, keyword); unset fields keep their default.</summary>
    public Dictionary<string, string> Analyzers { get; set; } = [];
}

public sealed class DemoOptions
{
    /// <summary>Load the demo site group when the database has no organization yet.</summary>
    public bool LoadWhenEmpty { get; set; } = true;

    /// <summary>How many records the generator adds beside the reference record.</summary>
    public const int MaxGeneratedRecords = 2_000_000;
    public const int MaxGeneratedRequests = 100_000;

    [Range(0, MaxGeneratedRecords)]
    public int GeneratedRecords { get; set; } = 360;

    /// <summary>Seed of the deterministic generator: the same seed gives the same records.</summary>
    public int Seed { get; set; } = 20200103;

    /// <summary>Generated requests for disclosure (2025–2026, every state and outcome).</summary>
    [Range(0, MaxGeneratedRequests)]
    public int GeneratedRequests { get; set; } = 150;
}

using System.Text.Json;

namespace Gongkai.Application;

/// <summary>
/// Seed data shipped with the app under <c>data/</c> (copied beside the binaries): vocabularies
/// and the demo site group. The product never reads ../shared at run time.
/// </summary>
public static class DataFiles
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Root => Path.Combine(AppContext.BaseDirectory, "data");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static async Task<T> ReadAsync<T>(string relative, CancellationToken cancellationToken = default)
    {
        var path = PathOf(relative);
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken).ConfigureAwait(false)
               ?? throw new InvalidDataException($"{path} is empty.");
    }

    public static T Read<T>(string relative)
    {
        var path = PathOf(relative);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{path} is empty.");
    }
}

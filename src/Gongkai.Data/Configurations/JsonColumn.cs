using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gongkai.Data.Configurations;

/// <summary>A property kept as one JSON text column, compared by its JSON so that changes inside it are saved.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property, string column, Func<T> empty)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(property);
        return property
            .HasColumnName(column)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                s => JsonSerializer.Deserialize<T>(s, Json) ?? empty(),
                new ValueComparer<T>(
                    (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                    v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Json), Json) ?? empty()));
    }
}

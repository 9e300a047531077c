using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gongkai.Application;

/// <summary>
/// Checks the <c>Gongkai</c> section and every section inside it (Demo, Search, Accounts…) by their
/// data annotations, for the web app and the CLI alike; <c>ValidateDataAnnotations</c> alone checks
/// only the top level, so <c>Gongkai:Search:PollIntervalMs=5</c> would pass it.
/// </summary>
public sealed class GongkaiOptionsValidator : IValidateOptions<GongkaiOptions>
{
    public ValidateOptionsResult Validate(string? name, GongkaiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Check(options, GongkaiOptions.Section, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(object section, string path, List<string> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
        errors.AddRange(results.Select(r => $"配置项 {path}:{string.Join("、", r.MemberNames)} 无效（{Explain(section, r)}）。"));
        foreach (var property in section.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType.IsClass && property.PropertyType.Namespace == typeof(GongkaiOptions).Namespace
                && property.GetIndexParameters().Length == 0 && property.GetValue(section) is { } inner)
            {
                Check(inner, $"{path}:{property.Name}", errors);
            }
        }
    }

    private static string Explain(object section, ValidationResult result)
    {
        var property = result.MemberNames.Select(m => section.GetType().GetProperty(m)).FirstOrDefault();
        return property?.GetCustomAttribute<RangeAttribute>() is { } range
            ? $"应在 {range.Minimum} 到 {range.Maximum} 之间"
            : property?.GetCustomAttribute<RequiredAttribute>() is not null ? "不能为空" : result.ErrorMessage ?? "不合要求";
    }
}

public static class GongkaiOptionsRegistration
{
    /// <summary>Binds the <c>Gongkai</c> section and checks it (at start for the web; when first read for the CLI).</summary>
    public static OptionsBuilder<GongkaiOptions> AddGongkaiOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<GongkaiOptions>, GongkaiOptionsValidator>();
        return services.AddOptions<GongkaiOptions>().Bind(configuration.GetSection(GongkaiOptions.Section)).ValidateOnStart();
    }
}

using Microsoft.Extensions.Configuration;

namespace CodingRules.Cli;

/// <summary>Configuration sources of the CLI.</summary>
internal static class ConfigurationExtensions
{
    /// <summary>Adds <c>CODINGRULES_*</c> environment variables (e.g. <c>CODINGRULES_RULES</c> for the default rules folder).</summary>
    public static IConfigurationBuilder AddEnvironmentVariablesWithPrefix(this IConfigurationBuilder builder) =>
        builder.AddEnvironmentVariables("CODINGRULES_");
}

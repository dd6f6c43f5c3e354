namespace CodingRules.Cli;

/// <summary>
/// The rules folder a command uses when it is given none: the <c>rules/</c> folder of the repository the working
/// directory is in (the nearest <c>rules/</c> holding rule files, from the working directory upward), so that an
/// editor working in the repository sees the repository's rules, not the copy taken into the build output; outside
/// any such folder, the shipped copy next to the program. <c>RULES</c> in the environment overrides both.
/// </summary>
internal static class RulesFolder
{
    /// <summary>Folders looked at, at most, on the way up (a bound for deep or looping trees).</summary>
    private const int MaxLevels = 64;

    /// <summary>The default rules folder; a repository's is given relative to the working directory, as locations are shown.</summary>
    public static string Default(string? configured, string workingDirectory) =>
        configured
        ?? (FindUpward(workingDirectory) is { } found ? Path.GetRelativePath(workingDirectory, found) : null)
        ?? Path.Combine(AppContext.BaseDirectory, "rules");

    /// <summary>The nearest <c>rules/</c> with a rule file in it or in a folder below it (one level), or null.</summary>
    public static string? FindUpward(string start)
    {
        var directory = new DirectoryInfo(start);
        for (var level = 0; directory is not null && level < MaxLevels; level++, directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "rules");
            if (Directory.Exists(candidate) && HoldsRuleFiles(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool HoldsRuleFiles(string folder)
    {
        try
        {
            return IsRuleFileIn(folder) || Directory.EnumerateDirectories(folder).Take(1000).Any(IsRuleFileIn);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsRuleFileIn(string folder) =>
        Directory.EnumerateFiles(folder).Take(1000).Any(f => Path.GetExtension(f) is ".yaml" or ".yml" or ".json");
}

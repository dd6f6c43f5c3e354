namespace CodingRules.Tests.Golden;

/// <summary>
/// Finds files of the repository at run time. The golden data is read from the source tree, not copied to the
/// test output, so that <c>CODINGRULES_UPDATE_GOLDEN=1</c> rewrites the files that are committed.
/// </summary>
internal static class GoldenPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The folder that holds the numbered golden folders.</summary>
    public static string GoldenRoot => Path.Combine(RepositoryRoot, "tests", "CodingRules.Tests", "Golden");

    public static string ShippedRules => Path.Combine(RepositoryRoot, "rules");

    public static string Examples => Path.Combine(RepositoryRoot, "examples");

    public static string Source => Path.Combine(RepositoryRoot, "src");

    public static string DiagnosticsDoc => Path.Combine(RepositoryRoot, "docs", "diagnostics.md");

    /// <summary>True when expected files are to be rewritten from the actual output.</summary>
    public static bool UpdateGolden => Environment.GetEnvironmentVariable("CODINGRULES_UPDATE_GOLDEN") == "1";

    private static string FindRoot() => CodingRules.Tests.RepositoryRoot.Path;
}

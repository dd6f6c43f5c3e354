namespace CodingRules.Benchmarks;

/// <summary>Finds the repository the benchmarks run in, so that they load the shipped <c>rules/</c> folder.</summary>
internal static class RepositoryPaths
{
    private const string SolutionFile = "RulesEngine.sln";

    /// <summary>The shipped rules folder (<c>rules/</c> at the repository root).</summary>
    public static string RulesFolder => Path.Combine(Root, "rules");

    /// <summary>
    /// The folder holding the solution file, found by walking up from the running assembly. BenchmarkDotNet runs
    /// each benchmark from a generated project under this project's <c>bin/</c>, which is still inside the repository.
    /// </summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No {SolutionFile} found above {AppContext.BaseDirectory}.");
        }
    }
}

namespace CodingRules.Tests.Encounters;

/// <summary>
/// Finds files of the repository at run time (the test project does not copy them to its output): walks up from
/// the test binaries to the folder that holds RulesEngine.sln.
/// </summary>
internal static class EncounterTestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string EncounterSchema => Path.Combine(RepositoryRoot, "schemas", "encounter.schema.json");

    public static string ResultSchema => Path.Combine(RepositoryRoot, "schemas", "result.schema.json");

    public static string ConformanceCases => Path.Combine(RepositoryRoot, "tests", "CodingRules.Tests", "Encounters", "Conformance");

    private static string FindRoot() => CodingRules.Tests.RepositoryRoot.Path;
}

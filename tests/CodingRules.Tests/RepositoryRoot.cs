namespace CodingRules.Tests;

/// <summary>
/// The repository's folder, found at run time by walking up from the test binaries to the folder that holds
/// RulesEngine.sln (the test project reads rules, schemas and golden files in place rather than copying them).
/// </summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "RulesEngine.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds RulesEngine.sln.");
    }
}

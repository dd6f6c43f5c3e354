namespace CodingRules.Tests.Diff;

/// <summary>
/// Expected outputs under <c>tests/CodingRules.Tests/Diff/Golden/</c>; with <c>CODINGRULES_UPDATE_GOLDEN=1</c> the
/// actual output is written instead (review the diff before committing).
/// </summary>
internal static class DiffGolden
{
    public static string Folder => Path.Combine(RepositoryRoot.Path, "tests", "CodingRules.Tests", "Diff", "Golden");

    public static bool Updating => Environment.GetEnvironmentVariable("CODINGRULES_UPDATE_GOLDEN") == "1";

    /// <summary>Asserts <paramref name="actual"/> equals the file's text (line endings normalised), or rewrites the file.</summary>
    public static void Check(string path, string actual)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}; run with CODINGRULES_UPDATE_GOLDEN=1 to write it.");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), actual);
    }
}

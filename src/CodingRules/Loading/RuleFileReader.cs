using CodingRules.Diagnostics;
using CodingRules.Text;

namespace CodingRules.Loading;

/// <summary>
/// Finds rule and test files under the paths given and reads one file's text, within <see cref="LoadLimits"/>.
/// Problems are diagnostics (CR1002, CR1009, CR1012, CR1013), never exceptions.
/// </summary>
public static class RuleFileReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>The rule and test files under <paramref name="paths"/> (files or folders), sorted by ordinal path.</summary>
    public static IEnumerable<string> FindFiles(IEnumerable<string> paths, DiagnosticBag bag)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(bag);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .ToList();
                if (found.Count == 0)
                {
                    bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1012_NoRuleFiles, SourceLocation.Start(path), path));
                }

                files.UnionWith(found);
            }
            else
            {
                bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1013_PathNotFound, SourceLocation.Start(path), path));
            }
        }

        return files;
    }

    /// <summary>True for <c>*.tests.yaml</c> (and .yml, .json).</summary>
    public static bool IsTestFile(string path) =>
        Path.GetFileNameWithoutExtension(path).EndsWith(".tests", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's text, or null (with a diagnostic) when it cannot be read or is too large.</summary>
    public static SourceText? Read(string path, DiagnosticBag bag)
    {
        ArgumentNullException.ThrowIfNull(bag);
        try
        {
            var info = new FileInfo(path);
            if (info.Length > LoadLimits.MaxFileBytes)
            {
                bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1009_InputLimit, SourceLocation.Start(path), $"the file is larger than {LoadLimits.MaxFileBytes} bytes"));
                return null;
            }

            return SourceText.From(path, File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1002_FileUnreadable, SourceLocation.Start(path), e.Message));
            return null;
        }
    }
}

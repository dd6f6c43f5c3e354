using System.Collections.Immutable;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;

namespace CodingRules.Cli.Service;

/// <summary>
/// A rule or test file sent to the service, loaded as if it stood at a path of the rules folder served: composed
/// against that folder (so a file that extends a template or imports a library is loaded with them), with its
/// file-relative data tables and its diagnostics as they would be there.
/// </summary>
internal static class UploadedRules
{
    /// <summary>
    /// True when <paramref name="path"/> may name an uploaded file: relative, inside the folder (no <c>..</c>, no
    /// empty or <c>.</c> part), no control characters, at most 1,024 characters, ending <c>.yaml</c>, <c>.yml</c> or
    /// <c>.json</c>.
    /// </summary>
    public static bool IsRulePath(string path) =>
        path.Length <= 1024 && !path.Any(char.IsControl) && !path.Split('/').Any(p => p is "" or "." or "..") && !Path.IsPathRooted(path)
        && Path.GetExtension(path) is ".yaml" or ".yml" or ".json";

    /// <summary>
    /// Loads <paramref name="content"/> as the file <paramref name="path"/> (relative, checked by
    /// <see cref="IsRulePath"/>) of <paramref name="rules"/>. The file is written to a folder of its own, deleted
    /// before this returns. <c>Show</c> turns a file path of the diagnostics and of the catalog into the path people see: <paramref name="path"/> for the file, the folder's files relative to it.
    /// </summary>
    public static (RuleCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics, Func<string, string> Show) Load(string rules, string path, ReadOnlySpan<byte> content, bool includeTests)
    {
        // Note: a temporary folder that cannot be written (TMPDIR) throws here; the service answers 503 for it.
        var folder = Directory.CreateTempSubdirectory("codingrules-upload-");
        try
        {
            var file = Path.Combine(folder.FullName, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, content);
            // Note: dated in the past, so that the loader does not wait for the file to settle as it would for an editor's save.
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow - RuleFileReader.SettleTime - RuleFileReader.SettleTime);
            var (catalog, diagnostics) = RuleCatalog.Load([file], includeTests, SchemaCheckCache.FromEnvironment(), [rules]);
            return (catalog, diagnostics, p => string.Equals(Path.GetFullPath(p), file, StringComparison.Ordinal) ? path : Relative(rules, p));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A path relative to the rules folder, with forward slashes.</summary>
    public static string Relative(string rules, string path) => Path.GetRelativePath(rules, Path.GetFullPath(path)).Replace('\\', '/');
}

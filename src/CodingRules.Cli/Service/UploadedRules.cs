using System.Collections.Immutable;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Model;

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
            CopyDataFiles(Path.GetDirectoryName(Path.Combine(rules, path))!, Path.GetDirectoryName(file)!);
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

    /// <summary>Most bytes of data files copied beside an uploaded file (two of the largest data tables).</summary>
    public const long MaxDataBytes = 2 * TableFileReader.MaxFileBytes;

    /// <summary>
    /// The data files of the folder the uploaded file stands in (files that are not rule files, not hidden, at most
    /// four folders down), copied beside it, so that its file-relative data tables read what they would read there:
    /// none when they weigh more than <see cref="MaxDataBytes"/> together (the tables then report CR4042) or the folder
    /// does not exist (a new folder). Links are not copied (the loader would refuse them there too).
    /// </summary>
    private static void CopyDataFiles(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        var files = new DirectoryInfo(from).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4, IgnoreInaccessible = true })
            .Where(f => f.LinkTarget is null && !Path.GetRelativePath(from, f.FullName).Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.'))
                && Path.GetExtension(f.Name) is not (".yaml" or ".yml" or ".json"))
            .Take(1000)
            .ToList();
        if (files.Sum(f => f.Length) > MaxDataBytes)
        {
            return;
        }

        foreach (var data in files)
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, data.FullName));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            data.CopyTo(target, overwrite: false);
        }
    }

    /// <summary>A path relative to the rules folder, with forward slashes.</summary>
    public static string Relative(string rules, string path) => Path.GetRelativePath(rules, Path.GetFullPath(path)).Replace('\\', '/');
}

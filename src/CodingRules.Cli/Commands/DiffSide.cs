using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Testing;

namespace CodingRules.Cli.Commands;

/// <summary>
/// One side of a diff: the compiled rule sets (and their tests) of a file, a folder, a git revision's folder, or
/// one version of a rule set; with a label for headings and a way to show its file paths to people.
/// </summary>
/// <param name="Label">How the side is named in headings (a path, <c>ID@VERSION</c>, <c>REV:path</c>).</param>
/// <param name="RuleSets">The side's rule sets.</param>
/// <param name="Tests">The side's test files.</param>
/// <param name="OneVersion">
/// True when the side is one version of one rule set (<c>ID@V</c>, a date, a single rule file). It is compared
/// with the other side's version as a next version, and in a replay it takes the place of every version of its
/// rule set in the base rules, in force on every date: the replay answers "what if these encounters were coded
/// under this version rather than that one", whatever their dates.
/// </param>
/// <param name="Show">Turns a file path of this side into the path people see.</param>
internal sealed record DiffSide(string Label, ImmutableArray<RuleSet> RuleSets, ImmutableArray<RuleTestFile> Tests, bool OneVersion, Func<string, string> Show)
{
    /// <summary>Paths relative to the current folder, with forward slashes.</summary>
    public static string Relative(string path) =>
        Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(path)).Replace('\\', '/');

    /// <summary>
    /// Loads a rule file or folder, composed against <paramref name="buildingOn"/> when given (the rules folder: what
    /// a file extends or imports and does not hold itself); null (after reporting) when it has errors. A template's
    /// file gives every version built on it.
    /// </summary>
    public static DiffSide? FromPath(CliConsole console, string path, Func<string, string>? show = null, string? label = null, string? buildingOn = null)
    {
        var (catalog, diagnostics) = buildingOn is null
            ? RuleCatalog.Load([path], includeTests: true, SchemaCheckCache.FromEnvironment())
            : RuleCatalog.Load([path], includeTests: true, SchemaCheckCache.FromEnvironment(), [buildingOn]);
        if (HasErrors(console, diagnostics, label ?? path))
        {
            return null;
        }

        var oneVersion = File.Exists(path) && catalog.RuleSets.Length == 1;
        return new DiffSide(label ?? Relative(path), catalog.RuleSets, catalog.Tests, oneVersion, show ?? Relative);
    }

    /// <summary>One version of a rule set of <paramref name="catalog"/> with the tests written beside it.</summary>
    public static DiffSide FromVersion(RuleCatalog catalog, RuleSet version, string label) =>
        new(label, [version], [.. catalog.Tests.Where(t => t.RuleSetId == version.Id && SameStem(t.Location.Path, version.Location.Path))], true, Relative);

    /// <summary>Finds <c>ID@V</c>: V is the version label, the file name (<c>2015-01</c>), or a unique prefix of the label.</summary>
    public static RuleSet? FindVersion(CliConsole console, RuleCatalog catalog, string idAtVersion)
    {
        var found = FindVersion(catalog, idAtVersion, out var error);
        if (found is null)
        {
            console.Error.WriteLine($"codingrules: {error}");
        }

        return found;
    }

    /// <summary>Finds <c>ID@V</c> as <see cref="FindVersion(CliConsole, RuleCatalog, string)"/> does; null with the reason when none (or several) match.</summary>
    public static RuleSet? FindVersion(RuleCatalog catalog, string idAtVersion, out string error)
    {
        var at = idAtVersion.LastIndexOf('@');
        if (at <= 0)
        {
            error = $"'{idAtVersion}' is not ID@VERSION";
            return null;
        }

        var (id, wanted) = (idAtVersion[..at], idAtVersion[(at + 1)..]);
        var versions = catalog.Versions(id);
        if (versions.IsEmpty)
        {
            error = $"no rule set '{id}'; loaded: {string.Join(", ", catalog.RuleSetIds)}";
            return null;
        }

        var match = versions.Where(v => v.Version == wanted).ToList() is { Count: 1 } exact ? exact
            : versions.Where(v => Path.GetFileNameWithoutExtension(v.Location.Path) == wanted).ToList() is { Count: 1 } file ? file
            : versions.Where(v => v.Version.StartsWith(wanted, StringComparison.Ordinal)).ToList();
        if (match.Count != 1)
        {
            error = $"no{(match.Count > 1 ? " single" : string.Empty)} version '{wanted}' of '{id}'; versions: {string.Join(", ", versions.Select(v => v.Version))}";
            return null;
        }

        error = string.Empty;
        return match[0];
    }

    /// <summary>The version of <paramref name="id"/> in force on a date (YYYY-MM-DD); null (after reporting) when none is.</summary>
    public static RuleSet? InForce(CliConsole console, RuleCatalog catalog, string id, string date)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            console.Error.WriteLine($"codingrules: '{date}' is not a date (YYYY-MM-DD)");
            return null;
        }

        if (catalog.Versions(id).IsEmpty)
        {
            console.Error.WriteLine($"codingrules: no rule set '{id}'; loaded: {string.Join(", ", catalog.RuleSetIds)}");
            return null;
        }

        var resolution = catalog.Resolve(id, day);
        if (resolution.InForce is null)
        {
            console.Error.WriteLine($"codingrules: {resolution.Explanation}");
        }

        return resolution.InForce;
    }

    /// <summary>
    /// The rule sets an impact replay evaluates with on this side: a folder as it is; one version in place of every
    /// version of its rule set in <paramref name="baseRules"/>, in force on every date.
    /// </summary>
    public ImmutableArray<RuleSet> ForReplay(Func<ImmutableArray<RuleSet>> baseRules)
    {
        if (!OneVersion)
        {
            return RuleSets;
        }

        return RuleCatalog.InPlaceOf(baseRules(), RuleSets[0]);
    }

    public static bool HasErrors(CliConsole console, ImmutableArray<Diagnostic> diagnostics, string what)
    {
        if (!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return false;
        }

        DiagnosticFormatter.WriteText(console.Error, diagnostics);
        console.Error.WriteLine($"codingrules: the rules in '{what}' have errors; run 'codingrules validate {what}'.");
        return true;
    }

    private static bool SameStem(string testPath, string rulePath)
    {
        var name = Path.GetFileName(testPath);
        var dot = name.IndexOf(".tests.", StringComparison.Ordinal);
        var stem = dot >= 0 ? name[..dot] : name;
        return string.Equals(Path.GetDirectoryName(Path.GetFullPath(testPath)), Path.GetDirectoryName(Path.GetFullPath(rulePath)), StringComparison.Ordinal)
            && stem == Path.GetFileNameWithoutExtension(rulePath);
    }
}

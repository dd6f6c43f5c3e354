using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Diff;
using CodingRules.Model;
using CodingRules.Testing;
using CodingRules.Text;

namespace CodingRules.Tests.DiffEngine;

/// <summary>
/// The shipped rule files the diff tests edit, and small helpers: compile text in memory (failing loudly on any
/// diagnostic error), replace exactly one occurrence of a string, find the line of a string.
/// </summary>
internal static class DiffFiles
{
    private static readonly Lazy<string> Facet = new(() => ShippedRules.Flat("cpt-facet-joint-destruction", "2012-01"));

    private static readonly Lazy<string> FacetOlder = new(() => ShippedRules.Flat("cpt-facet-joint-destruction", "2000-01"));

    private static readonly Lazy<string> FacetTests = new(() => File.ReadAllText(FacetTestsPath));

    public static string RulesFolder => Path.Combine(RepositoryRoot.Path, "rules");

    public static string FacetPath => Path.Combine(RulesFolder, "cpt-facet-joint-destruction", "2012-01.yaml");

    public static string FacetTestsPath => Path.Combine(RulesFolder, "cpt-facet-joint-destruction", "2012-01.tests.yaml");

    /// <summary>The shipped facet rule set, version 2012-01, written out flat (one file that builds on nothing).</summary>
    public static string FacetText => Facet.Value;

    /// <summary>The shipped facet rule set, version 2000-01, written out flat.</summary>
    public static string FacetOlderText => FacetOlder.Value;

    /// <summary>The text of the shipped facet test file for version 2012-01.</summary>
    public static string FacetTestsText => FacetTests.Value;

    /// <summary>Every shipped rule set version (<c>id@version</c>), each written out flat by <see cref="ShippedRules.Flat"/>.</summary>
    public static IEnumerable<string> ShippedVersions() =>
        ShippedRules.Composed.Select(c => c.File.Name).Order(StringComparer.Ordinal);

    /// <summary>The flat text of a shipped version named <c>id@version</c>.</summary>
    public static string FlatText(string name) => ShippedRules.Flat(name[..name.LastIndexOf('@')], name[(name.LastIndexOf('@') + 1)..]);

    /// <summary>Compiles a rule file held in memory; throws with the diagnostics when it does not compile.</summary>
    public static RuleSet Compile(string text, string path = "before.yaml") =>
        Load(text, path) as RuleSet ?? throw new InvalidOperationException($"{path} is not a rule set");

    /// <summary>Reads a rule test file held in memory; throws with the diagnostics when it has errors.</summary>
    public static RuleTestFile CompileTests(string text, string path = "before.tests.yaml") =>
        Load(text, path) as RuleTestFile ?? throw new InvalidOperationException($"{path} is not a test file");

    /// <summary>The text with the single occurrence of <paramref name="find"/> replaced; throws unless it occurs exactly once.</summary>
    public static string Replace(string text, string find, string with)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{find}' occurs {(at < 0 ? "nowhere" : "more than once")} in the text", nameof(find));
        }

        return string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + find.Length));
    }

    /// <summary>The 1-based line of the single occurrence of <paramref name="find"/>.</summary>
    public static int LineOf(string text, string find)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"'{find}' must occur exactly once");
        return text.AsSpan(0, at).Count('\n') + 1;
    }

    /// <summary>A change with its sides swapped: Added and Removed trade places, as do the values and locations.</summary>
    public static RuleChange Swapped(RuleChange c) => c with
    {
        Kind = c.Kind switch { ChangeKind.Added => ChangeKind.Removed, ChangeKind.Removed => ChangeKind.Added, var k => k },
        Before = c.After,
        After = c.Before,
        BeforeLocation = c.AfterLocation,
        AfterLocation = c.BeforeLocation,
    };

    /// <summary>A change without its sentence, to compare two changes field by field.</summary>
    public static string Key(RuleChange c) =>
        $"{c.Kind} {c.RuleSet} {c.Version} {c.Area} [{c.Item}] '{c.Before}' -> '{c.After}' @ {c.BeforeLocation} | {c.AfterLocation}";

    private static object Load(string text, string path)
    {
        var bag = new DiagnosticBag();
        var loaded = RuleFileLoader.LoadText(SourceText.From(path, text), bag);
        var errors = bag.ToSortedArray().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return loaded is not null && errors.Count == 0
            ? loaded
            : throw new InvalidOperationException($"{path} has errors: {string.Join("; ", errors)}");
    }
}

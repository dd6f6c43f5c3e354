using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Model;
using CodingRules.Results;
using CodingRules.Text;

namespace CodingRules.Tests.Properties;

/// <summary>
/// Finds the repository (the folder holding RulesEngine.sln, walking up from the test binaries) and loads the
/// shipped facet rule set once for the property and security tests.
/// </summary>
internal static class PropertyTestPaths
{
    public const string FacetKind = "facet-joint-destruction";

    private static readonly Lazy<string> Root = new(FindRoot);

    private static readonly Lazy<string> FacetText = new(() => ShippedRules.Flat("cpt-facet-joint-destruction", "2012-01"));

    private static readonly Lazy<RuleCatalog> FacetCatalog = new(LoadFacetCatalog);

    public static string RepositoryRoot => Root.Value;

    public static string FacetRuleFile =>
        Path.Combine(RepositoryRoot, "rules", "cpt-facet-joint-destruction", "2012-01.yaml");

    /// <summary>The shared facet anatomy the facet rule set imports.</summary>
    public static string SpineLibrary => Path.Combine(RepositoryRoot, "rules", "shared", "spine.yaml");

    /// <summary>The shipped facet rule set written out flat: one file that builds on nothing.</summary>
    public static string FacetRuleText => FacetText.Value;

    /// <summary>A catalog holding only the shipped facet rule set (loaded once).</summary>
    public static RuleCatalog Catalog => FacetCatalog.Value;

    /// <summary>Compiles rule text in memory; the rule set (null on errors) and the diagnostics.</summary>
    public static (RuleSet? RuleSet, ImmutableArray<Diagnostic> Diagnostics) Compile(string text, string path = "gen.yaml")
    {
        var bag = new DiagnosticBag();
        var loaded = RuleFileLoader.LoadText(SourceText.From(path, text), bag);
        return (loaded as RuleSet, bag.ToSortedArray());
    }

    /// <summary>A stable text of a result's lines (sorted), for comparing results.</summary>
    public static string LinesOf(EvaluationResult result) =>
        string.Join(" | ", result.Lines.Select(LineText).Order(StringComparer.Ordinal));

    /// <summary>The result's finding ids, sorted.</summary>
    public static string FindingIdsOf(EvaluationResult result) =>
        string.Join(" ", result.Findings.Select(f => f.Id).Order(StringComparer.Ordinal));

    /// <summary>Everything observable in a result, in result order, for determinism checks.</summary>
    public static string Everything(EvaluationResult result) =>
        string.Join(
            Environment.NewLine,
            [
                $"id={result.EncounterId} date={result.DateOfService?.ToString("O", CultureInfo.InvariantCulture)}",
                .. result.RuleSets.Select(r => $"ruleset {r}"),
                .. result.Lines.Select(LineText),
                .. result.Findings.Select(f => $"finding {f}"),
                .. result.Errors.Select(e => $"error {e.Id} {e.Path} {e.Message}"),
            ]);

    private static string LineText(CodedLine line) =>
        $"{line} [{string.Join(",", line.Joints)}] by {line.Rule}";

    private static RuleCatalog LoadFacetCatalog()
    {
        var (catalog, diagnostics) = RuleCatalog.Load([FacetRuleFile, SpineLibrary]);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || catalog.RuleSets.Length != 1)
        {
            throw new InvalidOperationException("The shipped facet rules do not load: " + string.Join(Environment.NewLine, errors));
        }

        return catalog;
    }

    private static string FindRoot() => CodingRules.Tests.RepositoryRoot.Path;
}

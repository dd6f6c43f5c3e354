using System.Collections.Immutable;
using CodingRules.Catalog;
using CodingRules.Composition;
using CodingRules.Diagnostics;

namespace CodingRules.Tests;

/// <summary>
/// The shipped <c>rules/</c> folder, loaded once (rule files only), and its versions written out flat. Tests that edit
/// one rule file's text (the diff, hashing and loading properties) edit a version's flat text: one self-contained
/// file, generated from the shipped rules so it cannot drift from them.
/// </summary>
internal static class ShippedRules
{
    private static readonly Lazy<RuleCatalog> Loaded = new(Load);

    public static string Folder => System.IO.Path.Combine(RepositoryRoot.Path, "rules");

    /// <summary>The shipped rules, compiled (test files not read).</summary>
    public static RuleCatalog Catalog => Loaded.Value;

    /// <summary>Every shipped rule set version as composed.</summary>
    public static ImmutableArray<ComposedRuleSet> Composed => Catalog.Composed;

    /// <summary>A shipped version written out flat; throws when it is not shipped.</summary>
    public static string Flat(string ruleSetId, string version) =>
        Catalog.Flat(ruleSetId, version) ?? throw new InvalidOperationException($"{ruleSetId}@{version} is not shipped");

    private static RuleCatalog Load()
    {
        var (catalog, diagnostics) = RuleCatalog.Load([Folder], includeTests: false);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return errors.Count == 0
            ? catalog
            : throw new InvalidOperationException("The shipped rules do not load: " + string.Join(Environment.NewLine, errors));
    }
}

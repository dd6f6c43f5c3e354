using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;

namespace CodingRules.Cli.Commands;

/// <summary>Loads the rules a verb evaluates with; rules with errors stop the verb (exit 2) with their diagnostics.</summary>
internal static class RuleLoading
{
    public static RuleCatalog? LoadOrReport(CliConsole console, string rules)
    {
        // Note: evaluate, versions and resolve need the rule sets only; validate and test load the tests too.
        var (catalog, diagnostics) = RuleCatalog.Load([rules], includeTests: false, SchemaCheckCache.FromEnvironment());
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            DiagnosticFormatter.WriteText(console.Error, diagnostics);
            console.Error.WriteLine($"codingrules: the rules in '{rules}' have errors; run 'codingrules validate {rules}'.");
            return null;
        }

        return catalog;
    }
}

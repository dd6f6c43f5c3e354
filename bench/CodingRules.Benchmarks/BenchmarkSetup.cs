using System.Globalization;
using CodingRules.Catalog;
using CodingRules.Encounters;
using CodingRules.Results;

namespace CodingRules.Benchmarks;

/// <summary>What the benchmarks share: loading the shipped catalog and checking the comparisons agree with it.</summary>
internal static class BenchmarkSetup
{
    private static readonly string[] AddOnCodes = ["64634", "64636"];

    /// <summary>Loads the shipped rules; a diagnostic of any severity fails the run (the numbers would mean nothing).</summary>
    public static RuleCatalog LoadShippedCatalog()
    {
        var (catalog, diagnostics) = RuleCatalog.Load([RepositoryPaths.RulesFolder]);
        if (!diagnostics.IsEmpty || catalog.RuleSets.IsEmpty)
        {
            throw new InvalidOperationException(
                $"The shipped rules in {RepositoryPaths.RulesFolder} did not load cleanly:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}");
        }

        return catalog;
    }

    /// <summary>
    /// Checks that the hand-coded baseline derives the same lines (code, modifier, units) and finding ids as the
    /// engine for every encounter, so that the two benchmarks time the same work; prints the mix once.
    /// </summary>
    public static void CheckBaselineAgrees(RuleCatalog catalog, Encounter[] encounters)
    {
        int lines = 0, findings = 0, unlisted = 0, joints = 0;
        foreach (var encounter in encounters)
        {
            var engine = catalog.Evaluate(encounter);
            var baseline = HandCodedFacetCoder.Code(encounter);
            var engineLines = engine.Lines.Select(l => new HandCodedLine(l.Code, l.Modifiers.IsDefaultOrEmpty ? null : l.Modifiers[0], l.Units));
            Require(engine.IsError == false && engineLines.SequenceEqual(baseline.Lines), encounter, "lines", engine, baseline);
            var engineFindings = engine.Findings.Select(f => f.Id).Order(StringComparer.Ordinal);
            Require(engineFindings.SequenceEqual(baseline.Findings.Order(StringComparer.Ordinal)), encounter, "findings", engine, baseline);
            lines += baseline.Lines.Count;
            findings += baseline.Findings.Count;
            unlisted += baseline.Lines.Count(l => l.Code == "64999");
            joints += encounter.Procedures.Sum(p => p.Joints.Length);
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// {encounters.Length} encounters, {joints} joint entries -> {lines} lines ({unlisted} unlisted), {findings} findings; baseline agrees with the engine"));
    }

    /// <summary>Checks that the Microsoft RulesEngine workflow decides the same primary codes and add-on units.</summary>
    public static void CheckRulesEngineAgrees(Encounter[] encounters, FacetProcedureInput[] inputs, RulesEngineFacetWorkflow workflow)
    {
        for (var i = 0; i < encounters.Length; i++)
        {
            var expected = HandCodedFacetCoder.Code(encounters[i]);
            var actual = workflow.EvaluateAsync(inputs[i]).GetAwaiter().GetResult();
            var primary = expected.Lines.Where(l => !AddOnCodes.Contains(l.Code)).Select(l => l.Code).Distinct();
            var addOnUnits = expected.Lines.Where(l => AddOnCodes.Contains(l.Code)).Sum(l => l.Units);
            if (!primary.SequenceEqual(actual.PrimaryCodes) || addOnUnits != actual.AddOnUnits)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"RulesEngine disagrees on {encounters[i].Id}: expected [{string.Join(", ", primary)}] + {addOnUnits} add-on units, got [{string.Join(", ", actual.PrimaryCodes)}] + {actual.AddOnUnits}"));
            }
        }
    }

    private static void Require(bool agrees, Encounter encounter, string what, EvaluationResult engine, HandCodedResult baseline)
    {
        if (!agrees)
        {
            throw new InvalidOperationException(
                $"Baseline and engine disagree on the {what} of {encounter.Id}: engine [{string.Join("; ", engine.Lines)}] {{{string.Join(", ", engine.Findings.Select(f => f.Id))}}}, "
                + $"baseline [{string.Join("; ", baseline.Lines)}] {{{string.Join(", ", baseline.Findings)}}}");
        }
    }
}

using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using CodingRules.Evaluation;
using CodingRules.Testing;
using CodingRules.Results;

namespace CodingRules.Catalog;

/// <summary>Runs rule test cases against a catalog and compares lines (as a multiset), finding ids (as a set) and input error ids.</summary>
public static class RuleTestRunner
{
    /// <summary>
    /// Runs all test files of <paramref name="catalog"/>, in file then case order. A template's cases run once for
    /// every rule set version that extends the template (in id order), an encounter without a payer field being sent
    /// with that version's first payer (<c>payer: null</c> keeps it without one); a case dated outside the version's period fails (it would test another version).
    /// </summary>
    public static ImmutableArray<RuleTestResult> Run(RuleCatalog catalog) => Run(catalog, null, null);

    /// <summary>
    /// Runs the test cases <paramref name="include"/> selects, in the order of <see cref="Run(RuleCatalog)"/>: it is
    /// asked for each case with the version a template's case would run for (<c>id@version</c>; null for a rule set's
    /// own case), and a case it refuses is not evaluated. With <paramref name="coverage"/>, every evaluation tells it
    /// what it exercised.
    /// </summary>
    public static ImmutableArray<RuleTestResult> Run(RuleCatalog catalog, Func<RuleTestFile, RuleTestCase, string?, bool>? include, CoverageRecorder? coverage)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var cases = new List<(RuleTestFile File, RuleTestCase Case, Model.RuleSet? For)>();
        foreach (var file in catalog.Tests)
        {
            if (file.Template is { } template)
            {
                foreach (var ruleSet in catalog.RuleSets.Where(r => r.Extends == template).OrderBy(r => r.Id, StringComparer.Ordinal))
                {
                    cases.AddRange(file.Cases.Where(c => include is null || include(file, c, $"{ruleSet.Id}@{ruleSet.Version}")).Select(c => (file, c, (Model.RuleSet?)ruleSet)));
                }

                continue;
            }

            cases.AddRange(file.Cases.Where(c => include is null || include(file, c, null)).Select(c => (file, c, (Model.RuleSet?)null)));
        }

        // The cases run over the cores, 16 to a batch, each batch with a coverage recorder of its own, added to
        // coverage in case order: the results and the coverage are those of one case after the other.
        var results = ImmutableArray.CreateBuilder<RuleTestResult>(cases.Count);
        OrderedBatches.Run(cases, new OrderedBatches.Limits(Environment.ProcessorCount, 16, long.MaxValue), _ => 1, batch =>
        {
            var recorder = coverage is null ? null : new CoverageRecorder();
            var ran = batch.Select(c => c.For is { } ruleSet ? RunFor(catalog, c.File, c.Case, ruleSet, recorder) : Run(catalog, c.File, c.Case, recorder)).ToList();
            return (Results: ran, Coverage: recorder);
        }, done =>
        {
            results.AddRange(done.Results);
            if (done.Coverage is not null)
            {
                coverage!.Add(done.Coverage);
            }
        });
        return results.MoveToImmutable();
    }

    private static RuleTestResult Run(RuleCatalog catalog, RuleTestFile file, RuleTestCase testCase, CoverageRecorder? coverage)
    {
        var actual = catalog.Evaluate(testCase.EncounterJson.Span, null, coverage);
        return new RuleTestResult(file, testCase, actual, Compare(testCase, actual));
    }

    private static RuleTestResult RunFor(RuleCatalog catalog, RuleTestFile file, RuleTestCase testCase, Model.RuleSet ruleSet, CoverageRecorder? coverage)
    {
        var encounter = JsonNode.Parse(testCase.EncounterJson.Span) as JsonObject ?? [];
        // Note: "payer: null" in a template's case means no payer, on purpose; only a case without the field gets one.
        if (!encounter.ContainsKey("payer") && !ruleSet.Payers.IsDefaultOrEmpty)
        {
            encounter["payer"] = ruleSet.Payers[0];
        }

        var actual = catalog.Evaluate(Encoding.UTF8.GetBytes(encounter.ToJsonString()), null, coverage);
        var failures = Compare(testCase, actual);
        if (actual.DateOfService is { } date && !ruleSet.Effective.Contains(date))
        {
            failures = failures.Add($"the case is dated {date:yyyy-MM-dd}, outside {ruleSet.Id} {ruleSet.Version} ({ruleSet.Effective}): a template's case must suit every version that extends it");
        }

        return new RuleTestResult(file, testCase, actual, failures) { RanFor = $"{ruleSet.Id}@{ruleSet.Version}" };
    }

    private static ImmutableArray<string> Compare(RuleTestCase expected, EvaluationResult actual)
    {
        var failures = ImmutableArray.CreateBuilder<string>();
        if (expected.Errors is { } errors)
        {
            var actualErrors = actual.Errors.IsDefault ? [] : actual.Errors.Select(e => e.Id).Distinct().Order(StringComparer.Ordinal).ToList();
            if (!actualErrors.SequenceEqual(errors.Distinct().Order(StringComparer.Ordinal)))
            {
                failures.Add($"errors: expected [{string.Join(", ", errors)}] but got [{string.Join(", ", actual.Errors.Select(e => $"{e.Id} at {e.Path}"))}]");
            }
        }
        else if (actual.IsError)
        {
            failures.Add($"the encounter is invalid: {string.Join("; ", actual.Errors.Select(e => $"{e.Id} at {e.Path}: {e.Message}"))}");
            return failures.ToImmutable();
        }

        if (expected.Lines is { } lines)
        {
            var remaining = actual.Lines.ToList();
            var missing = new List<string>();
            foreach (var line in lines)
            {
                var match = remaining.FindIndex(line.Matches);
                if (match < 0)
                {
                    missing.Add(line.ToString());
                }
                else
                {
                    remaining.RemoveAt(match);
                }
            }

            if (missing.Count > 0 || remaining.Count > 0)
            {
                failures.Add($"lines: expected [{string.Join("; ", lines)}] but got [{string.Join("; ", actual.Lines.Select(Describe))}]");
            }
        }

        if (expected.Findings is { } findings)
        {
            var actualIds = actual.Findings.Select(f => f.Id).Distinct().Order(StringComparer.Ordinal).ToList();
            if (!actualIds.SequenceEqual(findings.Distinct().Order(StringComparer.Ordinal)))
            {
                failures.Add($"findings: expected [{string.Join(", ", findings)}] but got [{string.Join(", ", actualIds)}]");
            }
        }

        return failures.ToImmutable();
    }

    private static string Describe(CodedLine line) => $"{line} [{string.Join(", ", line.Joints)}]";
}

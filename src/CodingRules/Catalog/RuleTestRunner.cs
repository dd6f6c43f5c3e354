using System.Collections.Immutable;
using CodingRules.Testing;
using CodingRules.Results;

namespace CodingRules.Catalog;

/// <summary>Runs rule test cases against a catalog and compares lines (as a multiset), finding ids (as a set) and input error ids.</summary>
public static class RuleTestRunner
{
    /// <summary>Runs all test files of <paramref name="catalog"/>, in file then case order.</summary>
    public static ImmutableArray<RuleTestResult> Run(RuleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var results = ImmutableArray.CreateBuilder<RuleTestResult>();
        foreach (var file in catalog.Tests)
        {
            foreach (var testCase in file.Cases)
            {
                var actual = catalog.Evaluate(testCase.EncounterJson.Span);
                results.Add(new RuleTestResult(file, testCase, actual, Compare(testCase, actual)));
            }
        }

        return results.ToImmutable();
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

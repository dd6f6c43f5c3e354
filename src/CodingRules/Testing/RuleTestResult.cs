using System.Collections.Immutable;
using CodingRules.Results;

namespace CodingRules.Testing;

/// <summary>The outcome of one test case: passed, or the differences found.</summary>
public sealed record RuleTestResult(RuleTestFile File, RuleTestCase Case, EvaluationResult Actual, ImmutableArray<string> Failures)
{
    /// <summary>For a template's case: the rule set version it ran for (<c>id@version</c>); null otherwise.</summary>
    public string? RanFor { get; init; }

    /// <summary>The case's name, with the rule set a template's case ran for.</summary>
    public string Title => RanFor is null ? Case.Name : $"{Case.Name} [{RanFor}]";

    /// <summary>True when every expectation held.</summary>
    public bool Passed => Failures.IsEmpty;
}

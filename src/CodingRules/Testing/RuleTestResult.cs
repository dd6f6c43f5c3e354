using System.Collections.Immutable;
using CodingRules.Results;

namespace CodingRules.Testing;

/// <summary>The outcome of one test case: passed, or the differences found.</summary>
public sealed record RuleTestResult(RuleTestFile File, RuleTestCase Case, EvaluationResult Actual, ImmutableArray<string> Failures)
{
    /// <summary>True when every expectation held.</summary>
    public bool Passed => Failures.IsEmpty;
}

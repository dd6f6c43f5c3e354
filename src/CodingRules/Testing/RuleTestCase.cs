using System.Collections.Immutable;
using CodingRules.Text;

namespace CodingRules.Testing;

/// <summary>
/// One test case: an encounter (as JSON, read through the same reader as real input) and what must come out.
/// A null expectation is not checked; an empty one must match exactly nothing.
/// </summary>
public sealed record RuleTestCase(
    string Name,
    ReadOnlyMemory<byte> EncounterJson,
    ImmutableArray<ExpectedLine>? Lines,
    ImmutableArray<string>? Findings,
    ImmutableArray<string>? Errors,
    SourceLocation Location);

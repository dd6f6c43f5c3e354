using CodingRules.Results;

namespace CodingRules.Diff;

/// <summary>One encounter whose claim lines or findings differ between the two sides, with both results.</summary>
/// <param name="Record">The record's number in the input, from 1.</param>
/// <param name="Line">The input line the record starts on.</param>
/// <param name="EncounterId">The encounter's id.</param>
/// <param name="DateOfService">The encounter's date of service.</param>
/// <param name="Payer">The encounter's payer, if any.</param>
/// <param name="Before">The result under the rules before.</param>
/// <param name="After">The result under the rules after.</param>
public sealed record ImpactedEncounter(
    int Record,
    long Line,
    string EncounterId,
    DateOnly DateOfService,
    string? Payer,
    EvaluationResult Before,
    EvaluationResult After);

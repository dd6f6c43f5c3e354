using System.Collections.Immutable;
using CodingRules.Encounters;

namespace CodingRules.Results;

/// <summary>
/// The outcome of evaluating one input record: either coded lines and findings, or (when the record was not a valid
/// encounter) the input errors. Exactly one result is produced per input record. Immutable.
/// </summary>
public sealed record EvaluationResult(
    string? EncounterId,
    DateOnly? DateOfService,
    ImmutableArray<RuleSetUse> RuleSets,
    ImmutableArray<CodedLine> Lines,
    ImmutableArray<Finding> Findings,
    ImmutableArray<InputError> Errors)
{
    /// <summary>The lines as billed, when the encounter carried any (their findings have <see cref="Finding.BilledLine"/>).</summary>
    public ImmutableArray<BilledLine> Billed { get; init; } = [];

    /// <summary>True when the record could not be evaluated because it was not a valid encounter.</summary>
    public bool IsError => !Errors.IsDefaultOrEmpty;

    /// <summary>A result for a record that failed input validation.</summary>
    public static EvaluationResult Invalid(string? encounterId, ImmutableArray<InputError> errors) =>
        new(encounterId, null, [], [], [], errors);
}

using System.Collections.Immutable;
using CodingRules.Encounters;

namespace CodingRules.Diff;

/// <summary>An input record that is not a valid encounter: reported with its errors and skipped.</summary>
/// <param name="Record">The record's number in the input, from 1.</param>
/// <param name="Line">The input line the record starts on.</param>
/// <param name="EncounterId">The id, when the record had a readable one.</param>
/// <param name="Errors">Why the record is not a valid encounter (at least one).</param>
public sealed record ImpactSkippedRecord(int Record, long Line, string? EncounterId, ImmutableArray<InputError> Errors);

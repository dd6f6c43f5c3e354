using System.Collections.Immutable;

namespace CodingRules.Encounters;

/// <summary>
/// What <see cref="EncounterReader.Read"/> made of one record. Exactly one of two shapes:
/// a valid record (<see cref="Encounter"/> set, <see cref="Errors"/> empty) or an invalid one
/// (<see cref="Encounter"/> null, <see cref="Errors"/> non-empty, in document order, at most
/// <see cref="EncounterContract.MaxErrors"/>). Immutable.
/// </summary>
/// <param name="Encounter">The encounter; null exactly when <paramref name="Errors"/> is non-empty.</param>
/// <param name="EncounterId">
/// The record's <c>id</c> string when one was read, even if the record is otherwise invalid (so the caller can
/// name the record in its error result); null when absent, not a string, or longer than
/// <see cref="EncounterContract.MaxIdLength"/>.
/// </param>
/// <param name="Errors">The input errors; empty for a valid record.</param>
public sealed record EncounterReadResult(Encounter? Encounter, string? EncounterId, ImmutableArray<InputError> Errors)
{
    /// <summary>True when the record is a valid encounter.</summary>
    public bool IsValid => Encounter is not null;
}

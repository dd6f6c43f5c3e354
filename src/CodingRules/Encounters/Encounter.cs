using System.Collections.Immutable;

namespace CodingRules.Encounters;

/// <summary>
/// One documented encounter (a date of service and its procedures), as read from the input contract
/// (<c>schemas/encounter.schema.json</c>). Immutable; values are as the caller sent them, except joint levels,
/// which are normalised (<see cref="JointTarget.Level"/>).
/// </summary>
public sealed record Encounter(
    string Id,
    DateOnly DateOfService,
    string? Payer,
    string? PlaceOfService,
    ImmutableArray<string> Diagnoses,
    ImmutableArray<Procedure> Procedures,
    ImmutableArray<BilledLine> Billed)
{
    /// <summary>Earlier procedures of the patient, in any order; empty when not given.</summary>
    public ImmutableArray<HistoryEntry> History { get; init; } = [];

    /// <summary>The prior authorization status (affirmed, non-affirmed, none), or null when not given.</summary>
    public string? PriorAuthorization { get; init; }

    /// <summary>The claim the lines are for (<see cref="EncounterContract.ClaimTypes"/>); null when not given (professional).</summary>
    public string? ClaimType { get; init; }
}

using System.Collections.Immutable;

namespace CodingRules.Encounters;

/// <summary>
/// An earlier procedure of the same patient, as the caller documents it: its date, kind, purpose, technique, the
/// joints (or nerves) treated and the relief it gave. Payer policies read history (frequency, prior diagnostic
/// blocks, response to an earlier ablation); coding rules usually do not.
/// </summary>
public sealed record HistoryEntry(
    DateOnly Date,
    string Kind,
    string? Purpose,
    string? Technique,
    ImmutableArray<JointTarget> Joints,
    double? ReliefPercent,
    double? ReliefDurationMonths)
{
    /// <summary>Nerves treated, when the record names nerves instead of joints; empty otherwise.</summary>
    public ImmutableArray<NerveTarget> Nerves { get; init; } = [];
}

using System.Collections.Immutable;
using CodingRules.Model;

namespace CodingRules.Diff;

/// <summary>
/// The totals of an impact replay, without its lists: what a report says before it lists the encounters, and the
/// counts by code and finding it ends with. Its size depends on the rules (the codes and finding ids that differ),
/// never on the number of encounters. Immutable.
/// </summary>
/// <param name="EncountersRead">Records read from the input, invalid ones included.</param>
/// <param name="ChangedEncounters">Encounters whose outcome differs.</param>
/// <param name="SkippedRecords">Records that are not valid encounters.</param>
/// <param name="ByCode">For each code whose lines differ in some encounter, the count; ordered by code.</param>
/// <param name="ByFinding">For each finding id that differs in some encounter, the count; ordered by id.</param>
public sealed record ImpactSummary(
    int EncountersRead,
    int ChangedEncounters,
    int SkippedRecords,
    ImmutableArray<ImpactCount> ByCode,
    ImmutableArray<ImpactCount> ByFinding)
{
    /// <summary>The periods of the date of service in which the two sides differ (what the replay was limited to).</summary>
    public ImmutableArray<EffectivePeriod> ChangedPeriods { get; init; } = [];

    /// <summary>Valid encounters dated outside <see cref="ChangedPeriods"/>, not evaluated (0 with every date replayed).</summary>
    public int OutsideChangedPeriods { get; init; }

    /// <summary>True when every encounter was replayed, whatever its date.</summary>
    public bool AllDates { get; init; }
}

using System.Collections.Immutable;
using CodingRules.Model;

namespace CodingRules.Diff;

/// <summary>
/// What a rule change does to a set of encounters: how many were read, those whose outcome (claim lines or
/// findings) differs between the two sides, the records that could not be read, and the differing encounters
/// counted by code and by finding id. Immutable. It holds both results of every changed encounter, so its size grows
/// with them; a caller that only writes the report gives <see cref="ImpactReplay"/> an <see cref="ImpactSink"/>
/// instead (the CLI does, through <see cref="DiffFormatter"/>), whose memory does not grow with the input.
/// </summary>
/// <param name="EncountersRead">Records read from the input, invalid ones included.</param>
/// <param name="Changed">The encounters whose outcome differs, in input order.</param>
/// <param name="Skipped">The records that are not valid encounters (reported, never evaluated), in input order.</param>
/// <param name="ByCode">For each code whose lines differ in some encounter, the count; ordered by code.</param>
/// <param name="ByFinding">For each finding id that differs in some encounter, the count; ordered by id.</param>
public sealed record ImpactReport(
    int EncountersRead,
    ImmutableArray<ImpactedEncounter> Changed,
    ImmutableArray<ImpactSkippedRecord> Skipped,
    ImmutableArray<ImpactCount> ByCode,
    ImmutableArray<ImpactCount> ByFinding)
{
    /// <summary>The periods of the date of service in which the two sides differ (what the replay was limited to).</summary>
    public ImmutableArray<EffectivePeriod> ChangedPeriods { get; init; } = [];

    /// <summary>Valid encounters dated outside <see cref="ChangedPeriods"/>, not evaluated (0 with every date replayed).</summary>
    public int OutsideChangedPeriods { get; init; }

    /// <summary>True when every encounter was replayed, whatever its date.</summary>
    public bool AllDates { get; init; }

    /// <summary>The report's totals, without its lists.</summary>
    public ImpactSummary Summarize() =>
        new(EncountersRead, Changed.IsDefault ? 0 : Changed.Length, Skipped.IsDefault ? 0 : Skipped.Length, ByCode.IsDefault ? [] : ByCode, ByFinding.IsDefault ? [] : ByFinding)
        {
            ChangedPeriods = ChangedPeriods.IsDefault ? [] : ChangedPeriods,
            OutsideChangedPeriods = OutsideChangedPeriods,
            AllDates = AllDates,
        };

    /// <summary>Gives <paramref name="sink"/> the changed encounters, then the skipped records (each list in input order); returns the totals.</summary>
    internal ImpactSummary WriteTo(ImpactSink sink)
    {
        foreach (var e in Changed.IsDefault ? [] : Changed)
        {
            sink.OnChanged(e);
        }

        foreach (var s in Skipped.IsDefault ? [] : Skipped)
        {
            sink.OnSkipped(s);
        }

        return Summarize();
    }
}

namespace CodingRules.Diff;

/// <summary>
/// Receives the records of an impact replay as they are decided (<see cref="ImpactReplay.Run(IEnumerable{Model.RuleSet}, IEnumerable{Model.RuleSet}, Stream, ImpactSink, bool)"/>):
/// each changed encounter and each skipped record once, in input order, on the thread that called the replay, one call
/// at a time. A sink that keeps nothing makes a replay whose memory does not grow with the input; one that keeps every
/// record is the in-memory <see cref="ImpactReport"/>.
/// </summary>
public abstract class ImpactSink
{
    /// <summary>An encounter whose claim lines or findings differ between the two sides.</summary>
    public abstract void OnChanged(ImpactedEncounter encounter);

    /// <summary>A record that is not a valid encounter (reported, never evaluated).</summary>
    public abstract void OnSkipped(ImpactSkippedRecord record);
}

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

    /// <summary>
    /// False when the sink never reads the findings' messages (a report that shows finding ids and severities): the
    /// replay then does not word them (their <see cref="Results.Finding.Message"/> is empty), which saves about a
    /// tenth of the evaluation. The outcome compared is the same either way.
    /// </summary>
    public virtual bool NeedsMessages => true;
}

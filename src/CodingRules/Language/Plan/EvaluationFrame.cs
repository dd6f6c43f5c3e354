namespace CodingRules.Language.Plan;

/// <summary>
/// The variable slots one evaluation reads: the host's variables (encounter, procedure, joint) and predicate
/// parameters. One frame per thread at a time; frames are cheap to reuse.
/// </summary>
public sealed class EvaluationFrame(int slotCount)
{
    /// <summary>The slots, indexed by the numbers the binder assigned.</summary>
    public Value[] Slots { get; } = new Value[slotCount];
}

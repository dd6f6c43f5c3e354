namespace CodingRules.Language.Plan;

/// <summary>
/// A node of a compiled evaluation plan. Nodes are immutable and thread-safe; all state lives in the
/// <see cref="EvaluationFrame"/>. <see cref="Start"/>/<see cref="Length"/> locate the node in the expression text.
/// </summary>
public abstract class PlanNode(int start, int length)
{
    /// <summary>Offset in the expression text.</summary>
    public int Start { get; } = start;

    /// <summary>Length in the expression text.</summary>
    public int Length { get; } = length;

    /// <summary>The direct children (for inspection; evaluation does not walk them generically).</summary>
    public virtual IReadOnlyList<PlanNode> Children => [];

    /// <summary>True when evaluating the children runs some of them once per list element under a bound parameter.</summary>
    public virtual bool IsPredicateScope => false;

    /// <summary>Evaluates the node. Never throws for any facts that match the declared types.</summary>
    public abstract Value Evaluate(EvaluationFrame frame);

    /// <summary>
    /// Evaluates a condition without building a <see cref="Value"/> where the node can say true or false directly
    /// (logic, comparisons, membership). Same answer as <c>Evaluate(frame).AsBoolean</c>.
    /// </summary>
    public virtual bool EvaluateBoolean(EvaluationFrame frame) => Evaluate(frame).AsBoolean;
}

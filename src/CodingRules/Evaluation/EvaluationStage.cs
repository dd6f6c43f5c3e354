namespace CodingRules.Evaluation;

/// <summary>
/// One stage of evaluation, built by the catalog from the rule sets of one kind: coding, then payer policies, then
/// claim audits. A stage reads and extends the <see cref="EvaluationContext"/>: the lines, the findings, the facts.
/// Immutable and thread-safe; every call works on the context it is given.
/// </summary>
internal abstract class EvaluationStage
{
    /// <summary>The rule set kind the stage runs (<c>coding</c>, <c>policy</c>, <c>audit</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>Runs the stage's rule sets that apply to the context's encounter.</summary>
    public abstract void Run(EvaluationContext context);
}

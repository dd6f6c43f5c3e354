using CodingRules.Encounters;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Evaluation;

/// <summary>
/// Evaluates encounters against compiled rule sets: the stages of the index (coding, payer policies, claim audits)
/// run in order over one <see cref="EvaluationContext"/>. Stateless and thread-safe: every call works on its own
/// context. Evaluation parses nothing and performs no I/O; the date of service comes with the encounter.
/// </summary>
public static class Evaluator
{
    /// <summary>The finding raised when no coding rule set handles a procedure on its date of service.</summary>
    public const string NoRuleSetFinding = "E-NO-RULE-SET";

    /// <summary>Evaluates one encounter with the rule sets that apply (selected by procedure kind, payer and date).</summary>
    public static EvaluationResult Evaluate(Encounter encounter, IReadOnlyList<RuleSet> ruleSets, EvaluationTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        return Evaluate(encounter, new CodingIndex(ruleSets), trace);
    }

    /// <summary>Evaluates one encounter with an index built once (the catalog keeps one).</summary>
    public static EvaluationResult Evaluate(Encounter encounter, CodingIndex ruleSets, EvaluationTrace? trace = null) =>
        Evaluate(encounter, ruleSets, trace, null);

    /// <summary>Evaluates one encounter, telling <paramref name="coverage"/> (when not null) what it exercised.</summary>
    public static EvaluationResult Evaluate(Encounter encounter, CodingIndex ruleSets, EvaluationTrace? trace, CoverageRecorder? coverage) =>
        Evaluate(encounter, ruleSets, trace, coverage, messages: true);

    /// <summary>
    /// Evaluates one encounter; with <paramref name="messages"/> false the findings are not worded (each message is
    /// empty), for a caller that compares outcomes (lines, finding ids and severities) only.
    /// </summary>
    internal static EvaluationResult Evaluate(Encounter encounter, CodingIndex ruleSets, EvaluationTrace? trace, CoverageRecorder? coverage, bool messages)
    {
        ArgumentNullException.ThrowIfNull(encounter);
        ArgumentNullException.ThrowIfNull(ruleSets);
        var context = EvaluationContext.Start(encounter, ruleSets, trace, coverage, messages);
        try
        {
            foreach (var stage in ruleSets.Stages)
            {
                stage.Run(context);
            }
        }
        catch (Language.Plan.EvaluationBudgetException e)
        {
            // Note: one error result for the record; the batch goes on, and the next record starts a new budget.
            context.Finish();
            trace?.Step("stopped", "stopped: " + e.Message, ("error", "CR5010"));
            return EvaluationResult.Invalid(encounter.Id, [new Encounters.InputError(
                string.Empty,
                Diagnostics.DiagnosticDescriptors.CR5010_BudgetExceeded,
                Diagnostics.DiagnosticDescriptors.CR5010_BudgetExceeded.Format([e.Message]))]);
        }

        return context.Finish();
    }
}

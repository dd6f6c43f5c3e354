using CodingRules.Language;
using CodingRules.Language.Plan;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Evaluation;

/// <summary>
/// Runs a rule set's checks over one procedure (procedure, joint and nerve scope; session checks run per session)
/// and words the findings. Shared by the coding and policy stages.
/// </summary>
internal static class CheckRunner
{
    /// <summary>What the checks of one procedure decided about its lines.</summary>
    public readonly record struct Outcome(bool Stopped, Check? Replacement, List<JointFacts>? Excluded);

    /// <summary>
    /// Runs the checks; fired checks add their findings to <paramref name="context"/>. A fired stop ends the run; the
    /// first fired replace is the replacement; fired checks that adjust lines go to <paramref name="adjustments"/>.
    /// </summary>
    public static Outcome Run(RuleSet ruleSet, EvaluationContext context, EncounterFacts encounter, ProcedureFacts procedure, EvaluationFrame frame, List<Check>? adjustments)
    {
        var trace = context.Trace;
        var coverage = context.Coverage;
        EvaluationContext.Bind(frame, encounter, procedure);
        Check? replacement = null;
        List<JointFacts>? excluded = null;
        foreach (var check in ruleSet.Checks)
        {
            switch (check.Scope)
            {
                case CheckScope.Session:
                    continue;
                case CheckScope.Nerve:
                    foreach (var nerve in procedure.Nerves)
                    {
                        frame.Bind(FactSchemas.NerveSlot, Value.FromObject(nerve));
                        var fired = check.When.IsTrue(frame);
                        coverage?.Evaluated(check, fired);
                        if (fired)
                        {
                            Explain(trace, check, true, frame, $" ({nerve})");
                            context.Add(Finding(ruleSet, check, frame, context));
                        }
                    }

                    frame.Bind(FactSchemas.NerveSlot, Value.Null);
                    continue;
                case CheckScope.Joint:
                    {
                        var quiet = 0;
                        foreach (var joint in procedure.Joints)
                        {
                            frame.Bind(FactSchemas.JointSlot, Value.FromObject(joint));
                            var fired = check.When.IsTrue(frame);
                            coverage?.Evaluated(check, fired);
                            if (fired)
                            {
                                Explain(trace, check, true, frame, $" ({joint})");
                                context.Add(Finding(ruleSet, check, frame, context));
                                if (check.Effect is ExcludeEffect)
                                {
                                    trace?.Line($"  -> exclude: the {joint} is not counted");
                                    (excluded ??= []).Add(joint);
                                }
                            }
                            else
                            {
                                quiet++;
                            }
                        }

                        frame.Bind(FactSchemas.JointSlot, Value.Null);
                        trace?.Step(
                            "checkSummary",
                            $"check {check.Id} (per joint, {check.DefinedIn}): not fired for {quiet} of {procedure.Joints.Length} joint(s); when: {check.When.Text.Trim()}",
                            ("check", check.Id), ("finding", check.Finding), ("scope", "joint"), ("notFired", quiet), ("of", procedure.Joints.Length), ("definedIn", check.DefinedIn));
                        continue;
                    }
            }

            var holds = check.When.IsTrue(frame);
            coverage?.Evaluated(check, holds);
            Explain(trace, check, holds, frame, string.Empty);
            if (!holds)
            {
                continue;
            }

            context.Add(Finding(ruleSet, check, frame, context));
            switch (check.Effect)
            {
                case StopEffect:
                    trace?.Line("  -> stop: no lines for this procedure, later checks skipped");
                    return new Outcome(true, replacement, excluded);
                case ReplaceEffect:
                    replacement ??= check;
                    break;
                case AddModifierEffect or RecodeEffect or RecountEffect:
                    adjustments?.Add(check);
                    break;
            }
        }

        return new Outcome(false, replacement, excluded);
    }

    /// <summary>The finding a fired check raises, its message formatted for the facts in the frame (empty when the context words none).</summary>
    public static Finding Finding(RuleSet ruleSet, Check check, EvaluationFrame frame, EvaluationContext context) =>
        new(check.Finding, check.Severity, check.Category, context.Messages ? check.Message.Format(frame) : string.Empty, ruleSet.Id, ruleSet.Version, check.Id, check.Source)
        {
            DefinedIn = check.DefinedIn,
        };

    /// <summary>For <c>--explain --format json</c>: a rule set's identity, period, content hash and what it was built on.</summary>
    public static (string Name, object? Value)[] RuleSetFields(RuleSet ruleSet) =>
    [
        ("id", ruleSet.Id), ("version", ruleSet.Version), ("ruleSetKind", ruleSet.Kind), ("effective", ruleSet.Effective.ToString()),
        ("sha256", ruleSet.Sha256), ("builtOn", ruleSet.Bases.ToList()), ("file", ruleSet.Location.Path),
    ];

    /// <summary>For <c>--explain</c>: what a composed rule set was built on (<c>; built on my-policy@2021, library shared</c>).</summary>
    public static string BuiltOn(RuleSet ruleSet) =>
        ruleSet.Bases.IsEmpty ? string.Empty : "; built on " + string.Join(", ", ruleSet.Bases);

    /// <summary>For <c>--explain</c>: whether the check fired and the facts its condition read.</summary>
    public static void Explain(EvaluationTrace? trace, Check check, bool fired, EvaluationFrame frame, string subject)
    {
        if (trace is null)
        {
            return;
        }

        var when = check.When.Text.Trim().ReplaceLineEndings(" ");
        trace.Step(
            "check",
            $"check {check.Id}{subject}: {(fired ? "FIRED -> " + check.Finding : "not fired")}",
            ("check", check.Id), ("finding", check.Finding), ("severity", check.Severity.ToString().ToLowerInvariant()), ("scope", check.Scope.ToString().ToLowerInvariant()),
            ("target", subject.Trim().TrimStart('(').TrimEnd(')') is { Length: > 0 } target ? target : null), ("fired", fired), ("definedIn", check.DefinedIn), ("when", when), ("source", check.Source));
        using var _ = trace.Indent();
        trace.Line($"written at {check.DefinedIn}");
        trace.Line($"when: {when}");
        foreach (var (expression, value) in check.When.Explain(frame))
        {
            trace.Step("fact", $"{expression} = {value.ToDisplayString()}", ("expression", expression), ("value", value.ToDisplayString()));
        }
    }
}

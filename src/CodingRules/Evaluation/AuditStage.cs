using System.Collections.Immutable;
using CodingRules.Language;
using CodingRules.Language.Plan;
using CodingRules.Model;

namespace CodingRules.Evaluation;

/// <summary>
/// Claim audits: when the encounter carries billed lines, every audit rule set in force compares them with the
/// derived ones. Checks run once per encounter, per billed line (their findings name the line) or per derived line.
/// An audit only reports: the derived lines stand beside the billed ones as the corrected claim.
/// </summary>
internal sealed class AuditStage(ImmutableArray<RuleSet> audits, Func<DateOnly, IValueList> validCodes) : EvaluationStage
{
    public override string Kind => "audit";

    /// <summary>The claim-audit rule sets (any date).</summary>
    public ImmutableArray<RuleSet> Audits => audits;

    public override void Run(EvaluationContext context)
    {
        var encounter = context.Encounter;
        if (encounter.Billed.IsDefaultOrEmpty)
        {
            return;
        }

        foreach (var audit in audits)
        {
            if (!audit.Effective.Contains(encounter.DateOfService))
            {
                continue;
            }

            var frame = context.FrameFor(audit);
            var facts = new EncounterFacts(encounter, new ObjectList<ProcedureFacts>(context.Procedures), context.Vocabulary, HistoryResolver.Resolve)
            {
                Lines = new ObjectList<LineFacts>([.. context.Lines.Select(l => new LineFacts(l))]),
                ValidCodes = validCodes(encounter.DateOfService),
            };
            Run(audit, context, facts, frame);
            context.Use(audit);
        }
    }

    private static void Run(RuleSet audit, EvaluationContext context, EncounterFacts encounter, EvaluationFrame frame)
    {
        var trace = context.Trace;
        var coverage = context.Coverage;
        trace?.Step("audit", $"claim audit {audit.Id} version {audit.Version} (in force {audit.Effective}{CheckRunner.BuiltOn(audit)})", CheckRunner.RuleSetFields(audit));
        using var indent = trace?.Indent();
        frame.Bind(FactSchemas.EncounterSlot, Value.FromObject(encounter));
        foreach (var check in audit.Checks)
        {
            switch (check.Scope)
            {
                case CheckScope.Billed:
                    var billed = encounter.Billed;
                    for (var i = 0; i < billed.Count; i++)
                    {
                        var line = (BilledFacts)billed[i].AsObject!;
                        frame.Bind(FactSchemas.BilledSlot, billed[i]);
                        var fired = check.When.IsTrue(frame);
                        coverage?.Evaluated(check, fired);
                        if (fired)
                        {
                            CheckRunner.Explain(trace, check, true, frame, $" (billed line {line.Index + 1}: {line})");
                            context.Add(CheckRunner.Finding(audit, check, frame, context) with { BilledLine = line.Index });
                        }
                    }

                    frame.Bind(FactSchemas.BilledSlot, Value.Null);
                    break;
                case CheckScope.Line:
                    var lines = encounter.Lines;
                    for (var i = 0; i < lines.Count; i++)
                    {
                        frame.Bind(FactSchemas.LineSlot, lines[i]);
                        var fired = check.When.IsTrue(frame);
                        coverage?.Evaluated(check, fired);
                        if (fired)
                        {
                            CheckRunner.Explain(trace, check, true, frame, $" (derived line {lines[i].AsObject})");
                            context.Add(CheckRunner.Finding(audit, check, frame, context));
                        }
                    }

                    frame.Bind(FactSchemas.LineSlot, Value.Null);
                    break;
                default:
                    var holds = check.When.IsTrue(frame);
                    coverage?.Evaluated(check, holds);
                    CheckRunner.Explain(trace, check, holds, frame, string.Empty);
                    if (holds)
                    {
                        context.Add(CheckRunner.Finding(audit, check, frame, context));
                    }

                    break;
            }
        }
    }
}

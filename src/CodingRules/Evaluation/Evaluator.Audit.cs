using CodingRules.Language;
using CodingRules.Language.Plan;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Evaluation;

/// <summary>
/// Claim audits: after coding and policies, every audit rule set in force compares the billed lines with the
/// derived ones. Checks run once per encounter, per billed line (their findings name the line) or per derived line.
/// An audit only reports: the derived lines stand beside the billed ones as the corrected claim.
/// </summary>
public static partial class Evaluator
{
    private static void RunAudit(RuleSet audit, EncounterFacts encounter, EvaluationFrame frame, ref List<Finding>? findings, EvaluationTrace? trace)
    {
        trace?.Line($"claim audit {audit.Id} version {audit.Version} (in force {audit.Effective})");
        using var indent = trace?.Indent();
        frame.Slots[FactSchemas.EncounterSlot] = Value.FromObject(encounter);
        foreach (var check in audit.Checks)
        {
            switch (check.Scope)
            {
                case CheckScope.Billed:
                    var billed = encounter.Billed;
                    for (var i = 0; i < billed.Count; i++)
                    {
                        var line = (BilledFacts)billed[i].AsObject!;
                        frame.Slots[FactSchemas.BilledSlot] = billed[i];
                        if (check.When.IsTrue(frame))
                        {
                            Explain(trace, check, true, frame, $" (billed line {line.Index + 1}: {line})");
                            (findings ??= []).Add(MakeFinding(audit, check, frame) with { BilledLine = line.Index });
                        }
                    }

                    frame.Slots[FactSchemas.BilledSlot] = Value.Null;
                    break;
                case CheckScope.Line:
                    var lines = encounter.Lines;
                    for (var i = 0; i < lines.Count; i++)
                    {
                        frame.Slots[FactSchemas.LineSlot] = lines[i];
                        if (check.When.IsTrue(frame))
                        {
                            Explain(trace, check, true, frame, $" (derived line {lines[i].AsObject})");
                            (findings ??= []).Add(MakeFinding(audit, check, frame));
                        }
                    }

                    frame.Slots[FactSchemas.LineSlot] = Value.Null;
                    break;
                default:
                    var holds = check.When.IsTrue(frame);
                    Explain(trace, check, holds, frame, string.Empty);
                    if (holds)
                    {
                        (findings ??= []).Add(MakeFinding(audit, check, frame));
                    }

                    break;
            }
        }
    }
}

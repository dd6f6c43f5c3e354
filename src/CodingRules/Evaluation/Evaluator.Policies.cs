using CodingRules.Encounters;
using CodingRules.Language;
using CodingRules.Language.Plan;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Evaluation;

/// <summary>
/// Payer policies: after coding, every policy in force for the encounter's payer reads the procedures it handles,
/// their coded lines and the patient's history, raises coverage findings, and adjusts lines where its billing
/// article says so (append a modifier, re-code). A policy never removes a line.
/// </summary>
public static partial class Evaluator
{
    private static bool ApplyPolicy(
        RuleSet policy, Encounter encounter, EvaluationFrame frame, List<CodedLine> lines, (int Start, int End)[] ranges, ref List<Finding>? findings, EvaluationTrace? trace)
    {
        var count = encounter.Procedures.IsDefault ? 0 : encounter.Procedures.Length;
        var facts = new ProcedureFacts[count];
        var handled = false;
        for (var p = 0; p < count; p++)
        {
            var procedure = encounter.Procedures[p];
            facts[p] = policy.Handles.Contains(procedure.Kind) ? ProcedureResolver.Resolve(procedure, policy) : new ProcedureFacts(procedure, []);
            handled |= policy.Handles.Contains(procedure.Kind);
        }

        if (!handled)
        {
            return false;
        }

        trace?.Line($"policy {policy.Id} version {policy.Version} (payer {encounter.Payer}, in force {policy.Effective})");
        using var indent = trace?.Indent();
        var encounterFacts = new EncounterFacts(encounter, new ObjectList<ProcedureFacts>(facts), policy, ResolveHistory);
        var adjustments = new List<Check>();
        for (var p = 0; p < count; p++)
        {
            if (!policy.Handles.Contains(encounter.Procedures[p].Kind))
            {
                continue;
            }

            var (start, end) = ranges[p];
            facts[p].Lines = new ObjectList<LineFacts>([.. lines.Skip(start).Take(end - start).Select(l => new LineFacts(l))]);
            trace?.Line($"procedure {p + 1} ({encounter.Procedures[p].Kind})");
            using var inner = trace?.Indent();
            adjustments.Clear();
            RunChecks(policy, encounterFacts, facts[p], frame, ref findings, adjustments, trace, out _);
            foreach (var check in adjustments)
            {
                Adjust(check.Effect, lines, start, end, trace);
            }
        }

        RunSessions(policy, encounterFacts, facts, frame, ref findings, trace);
        return true;
    }

    private static void Adjust(CheckEffect effect, List<CodedLine> lines, int start, int end, EvaluationTrace? trace)
    {
        for (var i = start; i < end; i++)
        {
            var line = lines[i];
            var adjusted = effect.Kind switch
            {
                EffectKind.AddModifier when (effect.Codes.IsEmpty || effect.Codes.Contains(line.Code)) && !line.Modifiers.Contains(effect.Modifier!)
                    => line with { Modifiers = line.Modifiers.Add(effect.Modifier!) },
                EffectKind.Recode when line.Code == effect.From => line with { Code = effect.Code! },
                _ => line,
            };
            if (!ReferenceEquals(adjusted, line))
            {
                trace?.Line($"  -> line {line} becomes {adjusted}");
                lines[i] = adjusted;
            }
        }
    }

    /// <summary>Groups the handled procedures' joints by region into sessions and runs the session checks on each.</summary>
    private static void RunSessions(RuleSet policy, EncounterFacts encounter, ProcedureFacts[] procedures, EvaluationFrame frame, ref List<Finding>? findings, EvaluationTrace? trace)
    {
        if (policy.SessionChecks.IsEmpty)
        {
            return;
        }

        var byRegion = new SortedDictionary<string, (List<JointFacts> Joints, List<string> Kinds)>(StringComparer.Ordinal);
        foreach (var procedure in procedures)
        {
            if (!policy.Handles.Contains(procedure.Procedure.Kind))
            {
                continue;
            }

            foreach (var joint in procedure.Joints.Where(j => j.Known && !j.Duplicate))
            {
                if (!byRegion.TryGetValue(joint.Region!, out var session))
                {
                    byRegion[joint.Region!] = session = ([], []);
                }

                session.Joints.Add(joint);
                if (!session.Kinds.Contains(procedure.Procedure.Kind))
                {
                    session.Kinds.Add(procedure.Procedure.Kind);
                }
            }
        }

        frame.Slots[FactSchemas.EncounterSlot] = Value.FromObject(encounter);
        foreach (var (region, (joints, kinds)) in byRegion)
        {
            var levels = joints.OrderBy(j => j.Order).Select(j => j.Level).Distinct(StringComparer.Ordinal).Select(Value.FromString).ToArray();
            var session = new SessionFacts(
                region,
                new ValueList([.. kinds.Select(Value.FromString)]),
                new ValueList(levels),
                new ObjectList<JointFacts>([.. joints.OrderBy(j => j.Order)]));
            frame.Slots[FactSchemas.SessionSlot] = Value.FromObject(session);
            foreach (var check in policy.SessionChecks)
            {
                var holds = check.When.IsTrue(frame);
                Explain(trace, check, holds, frame, $" ({region} session: {string.Join(", ", levels.Select(l => l.AsString))})");
                if (holds)
                {
                    (findings ??= []).Add(MakeFinding(policy, check, frame));
                }
            }
        }

        frame.Slots[FactSchemas.SessionSlot] = Value.Null;
    }
}

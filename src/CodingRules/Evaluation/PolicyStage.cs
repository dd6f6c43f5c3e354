using System.Collections.Frozen;
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
internal sealed class PolicyStage(FrozenDictionary<string, RuleSet[]> byPayer) : EvaluationStage
{
    public override string Kind => "policy";

    /// <summary>Every policy rule set (any date) that lists <paramref name="payer"/>; empty when none.</summary>
    public ReadOnlySpan<RuleSet> For(string? payer) =>
        payer is not null && byPayer.TryGetValue(payer, out var policies) ? policies : [];

    public override void Run(EvaluationContext context)
    {
        foreach (var policy in For(context.Encounter.Payer))
        {
            if (policy.Effective.Contains(context.Encounter.DateOfService) && Apply(policy, context))
            {
                context.Use(policy);
            }
        }
    }

    private static bool Apply(RuleSet policy, EvaluationContext context)
    {
        var encounter = context.Encounter;
        var sessions = context.Sessions;
        var count = sessions.Count;
        var facts = new ProcedureFacts[count];
        var handled = false;
        for (var p = 0; p < count; p++)
        {
            var procedure = sessions.Procedures[p];
            var handles = policy.Handles.Contains(procedure.Kind);
            facts[p] = handles ? ProcedureResolver.Resolve(procedure, policy) : new ProcedureFacts(procedure, []);
            handled |= handles;
        }

        if (!handled)
        {
            return false;
        }

        var trace = context.Trace;
        var frame = context.FrameFor(policy);
        var lines = context.Lines;
        trace?.Step("policy", $"policy {policy.Id} version {policy.Version} (payer {encounter.Payer}, in force {policy.Effective}{CheckRunner.BuiltOn(policy)})", [.. CheckRunner.RuleSetFields(policy), ("payer", encounter.Payer)]);
        using var indent = trace?.Indent();
        var encounterFacts = new EncounterFacts(encounter, new ObjectList<ProcedureFacts>(facts), policy, HistoryResolver.Resolve);
        var adjustments = new List<Check>();
        for (var p = 0; p < count; p++)
        {
            if (!policy.Handles.Contains(sessions.Procedures[p].Kind))
            {
                continue;
            }

            var (start, end) = context.LinesOf(p);
            facts[p].Lines = new ObjectList<LineFacts>([.. lines.Skip(start).Take(end - start).Select(l => new LineFacts(l))]);
            trace?.Step("procedure", $"{sessions.Name(p)} ({sessions.Procedures[p].Kind})", ("procedure", sessions.Name(p)), ("procedureKind", sessions.Procedures[p].Kind));
            using var inner = trace?.Indent();
            adjustments.Clear();
            CheckRunner.Run(policy, context, encounterFacts, facts[p], frame, adjustments);
            // A recount first: the modifiers and re-codes of the same policy then apply to the recounted lines, as
            // every check decided on the procedure, not on the lines of another check.
            foreach (var check in adjustments)
            {
                if (check.Effect is RecountEffect recount)
                {
                    (start, end) = Recount(context, p, recount, trace);
                    frame = context.FrameFor(policy); // the coding rule set's families were evaluated in between
                    EvaluationContext.Bind(frame, encounterFacts, facts[p]);
                }
            }

            foreach (var check in adjustments)
            {
                if (check.Effect is not RecountEffect)
                {
                    Adjust(check.Effect, lines, start, end, trace);
                }
            }
        }

        RunSessions(policy, context, encounterFacts, facts, frame);
        return true;
    }

    /// <summary>
    /// Codes the family of a recount again for procedure <paramref name="p"/> with the coding rule set that coded it,
    /// and puts the new lines where the family's lines were (modifiers an earlier policy added, other than the coding's
    /// laterality modifiers, are kept on lines of the same code). Returns the procedure's new line range; later
    /// procedures' ranges move with it.
    /// </summary>
    private static (int Start, int End) Recount(EvaluationContext context, int p, RecountEffect recount, EvaluationTrace? trace)
    {
        var (start, end) = context.LinesOf(p);
        if (context.Sessions.Chosen[p] is not { } coding || !coding.Families.Any(f => f.Id == recount.Family))
        {
            trace?.Line($"  -> recount of family {recount.Family}: the coding rule set has no such family; lines unchanged");
            return (start, end);
        }

        var lines = context.Lines;
        var old = lines.GetRange(start, end - start);
        var first = old.FindIndex(l => l.Rule == recount.Family);
        if (first < 0)
        {
            trace?.Line($"  -> recount of family {recount.Family}: no line of it; lines unchanged");
            return (start, end);
        }

        var recounted = new List<CodedLine>();
        var frame = context.FrameFor(coding);
        EvaluationContext.Bind(frame, context.Facts!, context.Procedures[p]);
        LineCoder.Recount(coding, context.Procedures[p], frame, recounted, trace, recount.Family, recount.After, context.Coverage);
        for (var i = 0; i < recounted.Count; i++)
        {
            // Modifiers an earlier policy appended to the family's lines (KX, say; not the coding's own laterality
            // modifiers) stay on the recounted lines of that code.
            var laterality = new[] { coding.Laterality.Left, coding.Laterality.Right, coding.Laterality.Bilateral };
            var added = old.Where(l => l.Rule == recount.Family && l.Code == recounted[i].Code).SelectMany(l => l.Modifiers).Distinct(StringComparer.Ordinal)
                .Where(m => !laterality.Contains(m) && !recounted[i].Modifiers.Contains(m)).ToList();
            if (added.Count > 0)
            {
                recounted[i] = recounted[i] with { Modifiers = recounted[i].Modifiers.AddRange(added) };
            }
        }

        var kept = old.Where(l => l.Rule != recount.Family).ToList();
        kept.InsertRange(Math.Min(first, kept.Count), recounted);
        lines.RemoveRange(start, end - start);
        lines.InsertRange(start, kept);
        var shift = kept.Count - (end - start);
        context.MoveLinesAfter(p, start + kept.Count, shift);
        trace?.Line($"  -> recount of family {recount.Family} from position {recount.After + 1}: {string.Join(", ", old.Where(l => l.Rule == recount.Family))} become {string.Join(", ", recounted)}");
        return (start, start + kept.Count);
    }

    private static void Adjust(CheckEffect effect, List<CodedLine> lines, int start, int end, EvaluationTrace? trace)
    {
        for (var i = start; i < end; i++)
        {
            var line = lines[i];
            var adjusted = effect switch
            {
                AddModifierEffect add when (add.Codes.IsEmpty || add.Codes.Contains(line.Code)) && !line.Modifiers.Contains(add.Modifier)
                    => line with { Modifiers = line.Modifiers.Add(add.Modifier) },
                RecodeEffect recode when line.Code == recode.From => line with { Code = recode.To },
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
    private static void RunSessions(RuleSet policy, EvaluationContext context, EncounterFacts encounter, ProcedureFacts[] procedures, EvaluationFrame frame)
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

        frame.Bind(FactSchemas.EncounterSlot, Value.FromObject(encounter));
        foreach (var (region, (joints, kinds)) in byRegion)
        {
            var levels = joints.OrderBy(j => j.Order).Select(j => j.Level).Distinct(StringComparer.Ordinal).Select(Value.FromString).ToArray();
            var session = new SessionFacts(
                region,
                new ValueList([.. kinds.Select(Value.FromString)]),
                new ValueList(levels),
                new ObjectList<JointFacts>([.. joints.OrderBy(j => j.Order)]));
            frame.Bind(FactSchemas.SessionSlot, Value.FromObject(session));
            foreach (var check in policy.SessionChecks)
            {
                var holds = check.When.IsTrue(frame);
                context.Coverage?.Evaluated(check, holds);
                CheckRunner.Explain(context.Trace, check, holds, frame, $" ({region} session: {string.Join(", ", levels.Select(l => l.AsString))})");
                if (holds)
                {
                    context.Add(CheckRunner.Finding(policy, check, frame, context));
                }
            }
        }

        frame.Bind(FactSchemas.SessionSlot, Value.Null);
    }
}

using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Encounters;
using CodingRules.Language;
using CodingRules.Language.Plan;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Evaluation;

/// <summary>
/// Evaluates encounters against compiled rule sets. Stateless and thread-safe: every call works on its own frame.
/// Evaluation parses nothing and performs no I/O; the date of service comes with the encounter.
/// </summary>
public static partial class Evaluator
{
    /// <summary>The finding raised when no coding rule set handles a procedure on its date of service.</summary>
    public const string NoRuleSetFinding = "E-NO-RULE-SET";

    // Note: one frame per thread, reused; evaluation is not re-entrant (expressions cannot call back into it).
    [ThreadStatic]
    private static EvaluationFrame? t_frame;

    [ThreadStatic]
    private static List<CodedLine>? t_lines;

    /// <summary>Evaluates one encounter with the rule sets that apply (selected by procedure kind and date).</summary>
    public static EvaluationResult Evaluate(Encounter encounter, IReadOnlyList<RuleSet> ruleSets, EvaluationTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        return Evaluate(encounter, new CodingIndex(ruleSets), trace);
    }

    /// <summary>Evaluates one encounter with an index built once (the catalog keeps one).</summary>
    public static EvaluationResult Evaluate(Encounter encounter, CodingIndex ruleSets, EvaluationTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(encounter);
        ArgumentNullException.ThrowIfNull(ruleSets);
        var count = encounter.Procedures.IsDefault ? 0 : encounter.Procedures.Length;
        var chosen = new RuleSet?[count];
        var procedures = new ProcedureFacts[count];
        // All facts first, so that every check sees every procedure of the encounter. A procedure's facts are
        // resolved against the vocabulary of the first rule set that codes it.
        for (var p = 0; p < count; p++)
        {
            var procedure = encounter.Procedures[p];
            chosen[p] = SelectNext(ruleSets.Handling(procedure.Kind), encounter.DateOfService, null);
            procedures[p] = chosen[p] is { } r ? ProcedureResolver.Resolve(procedure, r) : new ProcedureFacts(procedure, []);
        }

        var vocabulary = Array.Find(chosen, r => r is not null);
        var encounterFacts = new EncounterFacts(
            encounter,
            new ObjectList<ProcedureFacts>(procedures),
            vocabulary,
            ResolveHistory);
        var lines = t_lines ??= new List<CodedLine>(8);
        lines.Clear();
        List<Finding>? findings = null;
        RuleSetUse? firstUse = null;
        RuleSet? firstRuleSet = null;
        List<RuleSetUse>? moreUses = null;
        EvaluationFrame? frame = null;
        var policies = ruleSets.PoliciesFor(encounter.Payer);
        var ranges = policies.IsEmpty ? null : new (int Start, int End)[count];
        for (var p = 0; p < count; p++)
        {
            var procedure = encounter.Procedures[p];
            trace?.Line($"procedure {p + 1} ({procedure.Kind})");
            using var indent = trace?.Indent();
            if (chosen[p] is null)
            {
                var message = NoRuleSetMessage(ruleSets.Handling(procedure.Kind), procedure.Kind, encounter.DateOfService, p + 1);
                trace?.Line(message);
                (findings ??= []).Add(new Finding(NoRuleSetFinding, FindingSeverity.Error, "coding", message, string.Empty, string.Empty, "catalog", null));
                continue;
            }

            var firstLine = lines.Count;
            // Every coding rule set in force that handles the kind codes the procedure (usually exactly one).
            for (var ruleSet = chosen[p]; ruleSet is not null; ruleSet = SelectNext(ruleSets.Handling(procedure.Kind), encounter.DateOfService, ruleSet))
            {
                if (firstUse is null)
                {
                    firstUse = ruleSet.Use;
                    firstRuleSet = ruleSet;
                }
                else if (!ReferenceEquals(firstUse, ruleSet.Use) && !(moreUses ??= []).Contains(ruleSet.Use))
                {
                    moreUses.Add(ruleSet.Use);
                }

                if (frame is null || frame.Slots.Length < ruleSet.SlotCount)
                {
                    frame = t_frame is { } cached && cached.Slots.Length >= ruleSet.SlotCount ? cached : new EvaluationFrame(ruleSet.SlotCount);
                    t_frame = frame;
                }

                var facts = ReferenceEquals(ruleSet, chosen[p]) ? procedures[p] : ProcedureResolver.Resolve(procedure, ruleSet);
                EvaluateProcedure(ruleSet, encounterFacts, facts, frame, lines, ref findings, trace);
            }

            if (ranges is not null)
            {
                ranges[p] = (firstLine, lines.Count);
            }
        }

        foreach (var policy in policies)
        {
            if (policy.Effective.Contains(encounter.DateOfService))
            {
                if (frame is null || frame.Slots.Length < policy.SlotCount)
                {
                    if (frame is not null)
                    {
                        Array.Clear(frame.Slots);
                    }

                    frame = t_frame = new EvaluationFrame(policy.SlotCount);
                }
                if (!ApplyPolicy(policy, encounter, frame, lines, ranges!, ref findings, trace))
                {
                    continue;
                }

                moreUses ??= [];
                if (firstUse is null)
                {
                    firstUse = policy.Use;
                    firstRuleSet = policy;
                }
                else
                {
                    moreUses.Add(policy.Use);
                }
            }
        }

        if (!encounter.Billed.IsDefaultOrEmpty)
        {
            foreach (var audit in ruleSets.Audits)
            {
                if (!audit.Effective.Contains(encounter.DateOfService))
                {
                    continue;
                }

                if (frame is null || frame.Slots.Length < audit.SlotCount)
                {
                    frame = t_frame = new EvaluationFrame(audit.SlotCount);
                }

                var auditFacts = new EncounterFacts(encounter, encounterFacts.Procedures, vocabulary, ResolveHistory)
                {
                    Lines = new ObjectList<LineFacts>([.. lines.Select(l => new LineFacts(l))]),
                    ValidCodes = ruleSets.ValidCodes(encounter.DateOfService),
                };
                RunAudit(audit, auditFacts, frame, ref findings, trace);
                (moreUses ??= []).Add(audit.Use);
                if (firstUse is null)
                {
                    firstUse = audit.Use;
                    firstRuleSet = audit;
                    moreUses.Clear();
                }
            }
        }

        if (frame is not null)
        {
            Array.Clear(frame.Slots); // the cached frame must not keep this encounter alive
        }

        ImmutableArray<RuleSetUse> uses = firstUse is null ? [] : moreUses is null ? firstRuleSet!.Uses : [firstUse, .. moreUses];
        return new EvaluationResult(
            encounter.Id,
            encounter.DateOfService,
            uses,
            lines.Count == 0 ? [] : [.. lines], // copied out of the per-thread list
            findings is null ? [] : [.. findings],
            [])
        {
            Billed = encounter.Billed.IsDefault ? [] : encounter.Billed,
        };
    }

    // History entries resolve like procedures: documented joints, plus joints completed by documented nerves.
    private static readonly Func<HistoryEntry, RuleSet, HistoryFacts> ResolveHistory =
        static (entry, ruleSet) => new HistoryFacts(entry, ProcedureResolver.Resolve(
            new Procedure(entry.Kind, entry.Technique, null, null, entry.Purpose, null, entry.Joints) { Nerves = entry.Nerves }, ruleSet).Joints);

    /// <summary>The first rule set in force on <paramref name="date"/> after <paramref name="previous"/> (or the first at all).</summary>
    private static RuleSet? SelectNext(ReadOnlySpan<RuleSet> handling, DateOnly date, RuleSet? previous)
    {
        var started = previous is null;
        foreach (var r in handling)
        {
            if (!started)
            {
                started = ReferenceEquals(r, previous);
                continue;
            }

            if (r.Effective.Contains(date))
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>Names the kind, the date and the nearest versions before and after that handle the kind.</summary>
    private static string NoRuleSetMessage(ReadOnlySpan<RuleSet> ruleSets, string kind, DateOnly date, int procedureNumber)
    {
        RuleSet? before = null, after = null;
        foreach (var r in ruleSets)
        {
            if (r.Kind != "coding" || !r.Handles.Contains(kind))
            {
                continue;
            }

            if (r.Effective.Until is { } u && u < date && (before is null || u > before.Effective.Until))
            {
                before = r;
            }

            if (r.Effective.From > date && (after is null || r.Effective.From < after.Effective.From))
            {
                after = r;
            }
        }

        var nearest = (before, after) switch
        {
            (null, null) => "no rule set handles this kind on any date",
            _ => string.Join("; ", new[]
            {
                before is null ? null : $"nearest earlier: {before.Id} {before.Version} (until {Iso(before.Effective.Until!.Value)})",
                after is null ? null : $"nearest later: {after.Id} {after.Version} (from {Iso(after.Effective.From)})",
            }.Where(x => x is not null)),
        };
        return $"No coding rule set handles procedure kind '{kind}' on {Iso(date)}; procedure {procedureNumber} is not coded ({nearest}).";
    }

    private static void EvaluateProcedure(
        RuleSet ruleSet, EncounterFacts encounter, ProcedureFacts procedure, EvaluationFrame frame, List<CodedLine> lines, ref List<Finding>? findings, EvaluationTrace? trace)
    {
        trace?.Line($"rule set {ruleSet.Id} version {ruleSet.Version} (in force {ruleSet.Effective})");
        if (trace is not null)
        {
            var joints = procedure.Joints.Select(j => $"{j.Side} {j.Level}{(j.Known ? $" [{j.Region}]" : " [not in vocabulary]")}{(j.Duplicate ? " (duplicate)" : string.Empty)}");
            trace.Line($"joints: {(procedure.Joints.Length == 0 ? "none" : string.Join(", ", joints))}");
        }

        var replacement = RunChecks(ruleSet, encounter, procedure, frame, ref findings, null, trace, out var stopped);
        var first = lines.Count;
        if (stopped)
        {
            return;
        }

        if (replacement is not null)
        {
            ImmutableArray<string> levels = [.. procedure.Joints.Where(j => j.Known && !j.Duplicate).OrderBy(j => j.Order).Select(j => j.Level).Distinct(StringComparer.Ordinal)];
            lines.Add(new CodedLine(replacement.Effect.Code!, [], replacement.Effect.Units, levels, replacement.Id));
        }
        else
        {
            LineCoder.Code(ruleSet, procedure, frame, lines, trace);
        }

        foreach (var extra in ruleSet.ExtraLines)
        {
            var holds = extra.When.IsTrue(frame);
            trace?.Line($"extra line {extra.Id} ({extra.Code}): {(holds ? "added" : "not added")}; when: {extra.When.Text.Trim()}");
            if (holds)
            {
                lines.Add(new CodedLine(extra.Code, [], extra.Units, [], extra.Id));
            }
        }

        if (trace is not null)
        {
            for (var i = first; i < lines.Count; i++)
            {
                trace.Line($"line {lines[i]} joints [{string.Join(", ", lines[i].Joints)}] by {(replacement is null ? "family" : "check")} '{lines[i].Rule}'");
            }
        }
    }

    /// <summary>
    /// Runs a rule set's procedure, joint and nerve checks for one procedure (session checks run per session).
    /// Returns the first fired replace check; <paramref name="stopped"/> tells whether a stop check fired. Fired
    /// checks that adjust lines are added to <paramref name="adjustments"/> when given.
    /// </summary>
    private static Check? RunChecks(
        RuleSet ruleSet, EncounterFacts encounter, ProcedureFacts procedure, EvaluationFrame frame, ref List<Finding>? findings,
        List<Check>? adjustments, EvaluationTrace? trace, out bool stopped)
    {
        frame.Slots[FactSchemas.EncounterSlot] = Value.FromObject(encounter);
        frame.Slots[FactSchemas.ProcedureSlot] = Value.FromObject(procedure);
        Check? replacement = null;
        stopped = false;
        foreach (var check in ruleSet.Checks)
        {
            switch (check.Scope)
            {
                case CheckScope.Session:
                    continue;
                case CheckScope.Nerve:
                    foreach (var nerve in procedure.Nerves)
                    {
                        frame.Slots[FactSchemas.NerveSlot] = Value.FromObject(nerve);
                        if (check.When.IsTrue(frame))
                        {
                            Explain(trace, check, true, frame, $" ({nerve})");
                            (findings ??= []).Add(MakeFinding(ruleSet, check, frame));
                        }
                    }

                    frame.Slots[FactSchemas.NerveSlot] = Value.Null;
                    continue;
                case CheckScope.Joint:
                    {
                        var quiet = 0;
                        foreach (var joint in procedure.Joints)
                        {
                            frame.Slots[FactSchemas.JointSlot] = Value.FromObject(joint);
                            if (check.When.IsTrue(frame))
                            {
                                Explain(trace, check, true, frame, $" ({joint})");
                                (findings ??= []).Add(MakeFinding(ruleSet, check, frame));
                            }
                            else
                            {
                                quiet++;
                            }
                        }

                        frame.Slots[FactSchemas.JointSlot] = Value.Null;
                        trace?.Line($"check {check.Id} (per joint): not fired for {quiet} of {procedure.Joints.Length} joint(s); when: {check.When.Text.Trim()}");
                        continue;
                    }
            }

            var holds = check.When.IsTrue(frame);
            Explain(trace, check, holds, frame, string.Empty);
            if (!holds)
            {
                continue;
            }

            (findings ??= []).Add(MakeFinding(ruleSet, check, frame));
            switch (check.Effect.Kind)
            {
                case EffectKind.Stop:
                    stopped = true;
                    trace?.Line("  -> stop: no lines for this procedure, later checks skipped");
                    return replacement;
                case EffectKind.Replace:
                    replacement ??= check;
                    break;
                case EffectKind.AddModifier or EffectKind.Recode:
                    adjustments?.Add(check);
                    break;
            }
        }

        return replacement;
    }

    private static Finding MakeFinding(RuleSet ruleSet, Check check, EvaluationFrame frame) =>
        new(check.Finding, check.Severity, check.Category, check.Message.Format(frame), ruleSet.Id, ruleSet.Version, check.Id, check.Source);

    private static void Explain(EvaluationTrace? trace, Check check, bool fired, EvaluationFrame frame, string subject)
    {
        if (trace is null)
        {
            return;
        }

        trace.Line($"check {check.Id}{subject}: {(fired ? "FIRED -> " + check.Finding : "not fired")}");
        using var _ = trace.Indent();
        trace.Line($"when: {check.When.Text.Trim().ReplaceLineEndings(" ")}");
        foreach (var (expression, value) in check.When.Explain(frame))
        {
            trace.Line($"{expression} = {value.ToDisplayString()}");
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Encounters;
using CodingRules.Language;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Evaluation;

/// <summary>
/// Coding: every coding rule set in force on the date of service that handles a procedure's kind codes it (usually
/// exactly one); a procedure none handles gets <see cref="Evaluator.NoRuleSetFinding"/>. The procedure entries are
/// first made sessions (<see cref="SessionCombiner"/>: entries that the rule set combines are one procedure from
/// here on, for the policies and audits too). Every procedure's facts are resolved first, against the vocabulary of
/// the first rule set that codes it, so that every check sees every procedure of the encounter.
/// </summary>
internal sealed class CodingStage(FrozenDictionary<string, RuleSet[]> byKind) : EvaluationStage
{
    public override string Kind => "coding";

    /// <summary>Every coding rule set (any date) that handles <paramref name="kind"/>, oldest first; empty when none.</summary>
    public ReadOnlySpan<RuleSet> Handling(string kind) => byKind.TryGetValue(kind, out var ruleSets) ? ruleSets : [];

    /// <summary>The coding rule sets by kind, for the catalog's code list.</summary>
    public IEnumerable<RuleSet[]> All => byKind.Values;

    public override void Run(EvaluationContext context)
    {
        var encounter = context.Encounter;
        var entries = context.ProcedureCount;
        var chosenByEntry = new RuleSet?[entries];
        for (var e = 0; e < entries; e++)
        {
            chosenByEntry[e] = SelectNext(Handling(encounter.Procedures[e].Kind), encounter.DateOfService, null);
        }

        var sessions = entries == 0 ? Sessions.None : SessionCombiner.Combine(encounter.Procedures, chosenByEntry);
        var count = sessions.Count;
        var chosen = sessions.Chosen;
        var procedures = new ProcedureFacts[count];
        for (var p = 0; p < count; p++)
        {
            var procedure = sessions.Procedures[p];
            procedures[p] = chosen[p] is { } r ? ProcedureResolver.Resolve(procedure, r) : new ProcedureFacts(procedure, []);
        }

        context.Sessions = sessions;
        context.Procedures = procedures;
        context.Vocabulary = Array.Find(chosen, r => r is not null);
        context.Facts = new EncounterFacts(encounter, new ObjectList<ProcedureFacts>(procedures), context.Vocabulary, HistoryResolver.Resolve);
        var trace = context.Trace;
        for (var p = 0; p < count; p++)
        {
            var procedure = sessions.Procedures[p];
            trace?.Step("procedure", $"{sessions.Name(p)} ({procedure.Kind})", ("procedure", sessions.Name(p)), ("procedureKind", procedure.Kind));
            using var indent = trace?.Indent();
            var first = context.Lines.Count;
            if (chosen[p] is null)
            {
                var message = NoRuleSetMessage(Handling(procedure.Kind), procedure.Kind, encounter.DateOfService, sessions.Name(p));
                trace?.Step("noRuleSet", message, ("finding", Evaluator.NoRuleSetFinding));
                context.Add(new Finding(Evaluator.NoRuleSetFinding, FindingSeverity.Error, "coding", message, string.Empty, string.Empty, "catalog", null));
            }

            for (var ruleSet = chosen[p]; ruleSet is not null; ruleSet = SelectNext(Handling(procedure.Kind), encounter.DateOfService, ruleSet))
            {
                context.Use(ruleSet);
                var facts = ReferenceEquals(ruleSet, chosen[p]) ? procedures[p] : ProcedureResolver.Resolve(procedure, ruleSet);
                Code(ruleSet, context, facts);
            }

            context.SetLinesOf(p, first, context.Lines.Count);
        }
    }

    /// <summary>Checks, then the family lines (or the replacement), then the extra lines.</summary>
    private static void Code(RuleSet ruleSet, EvaluationContext context, ProcedureFacts procedure)
    {
        var trace = context.Trace;
        var frame = context.FrameFor(ruleSet);
        var lines = context.Lines;
        trace?.Step("ruleSet", $"rule set {ruleSet.Id} version {ruleSet.Version} (in force {ruleSet.Effective}{CheckRunner.BuiltOn(ruleSet)})", CheckRunner.RuleSetFields(ruleSet));
        if (trace is not null)
        {
            var joints = procedure.Joints.Select(j => $"{j.Side.Name()} {j.Level}{(j.Known ? $" [{j.Region}]" : " [not in vocabulary]")}{(j.Duplicate ? " (duplicate)" : string.Empty)}");
            trace.Step("joints", $"joints: {(procedure.Joints.Length == 0 ? "none" : string.Join(", ", joints))}", ("joints", joints.ToList()));
        }

        var outcome = CheckRunner.Run(ruleSet, context, context.Facts!, procedure, frame, null);
        procedure.Excluded = outcome.Excluded;
        var first = lines.Count;
        if (outcome.Stopped)
        {
            return;
        }

        if (outcome.Replacement is { Effect: ReplaceEffect replace } replacement)
        {
            ImmutableArray<string> levels = [.. procedure.Joints.Where(j => j.Known && !j.Duplicate && !(outcome.Excluded?.Contains(j) ?? false)).OrderBy(j => j.Order).Select(j => j.Level).Distinct(StringComparer.Ordinal)];
            lines.Add(new CodedLine(replace.Code, [], replace.Units, levels, replacement.Id));
        }
        else
        {
            LineCoder.Code(ruleSet, procedure, frame, lines, trace, outcome.Excluded, context.Coverage);
        }

        foreach (var extra in ruleSet.ExtraLines)
        {
            var holds = extra.When.IsTrue(frame);
            trace?.Step("extraLine", $"extra line {extra.Id} ({extra.Code}): {(holds ? "added" : "not added")}; when: {extra.When.Text.Trim()}", ("id", extra.Id), ("code", extra.Code), ("added", holds), ("when", extra.When.Text.Trim()));
            if (holds)
            {
                lines.Add(new CodedLine(extra.Code, [], extra.Units, [], extra.Id));
            }
        }

        if (trace is not null)
        {
            for (var i = first; i < lines.Count; i++)
            {
                var line = lines[i];
                trace.Step(
                    "line",
                    $"line {line} joints [{string.Join(", ", line.Joints)}] by {(outcome.Replacement is null ? "family" : "check")} '{line.Rule}'",
                    ("code", line.Code), ("modifiers", line.Modifiers.ToList()), ("units", line.Units), ("joints", line.Joints.ToList()),
                    ("by", outcome.Replacement is null ? "family" : "check"), ("rule", line.Rule));
            }
        }
    }

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
    private static string NoRuleSetMessage(ReadOnlySpan<RuleSet> ruleSets, string kind, DateOnly date, string procedureName)
    {
        RuleSet? before = null, after = null;
        foreach (var r in ruleSets)
        {
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
        return $"No coding rule set handles procedure kind '{kind}' on {Iso(date)}; {procedureName} is not coded ({nearest}).";
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

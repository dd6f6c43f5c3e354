using System.Collections.Immutable;
using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Diff;

/// <summary>
/// Impact replay: evaluates every encounter of an input under two sets of rule sets and keeps those whose
/// outcome differs. The outcome is the claim lines (code, modifiers, units) and the findings (id, severity), each
/// compared as a multiset: the order of lines and the wording of messages (which name the version) are not
/// outcomes. A record that is not a valid encounter is reported and skipped, never fatal.
/// </summary>
/// <remarks>
/// Each side is indexed once (<see cref="CodingIndex"/>); the encounter is read once and evaluated on both sides.
/// Records are evaluated in parallel (evaluation is thread-safe on compiled rule sets) and reported in input
/// order, so the report is the same whatever the number of threads.
/// </remarks>
public static class ImpactReplay
{
    /// <summary>Replays the records of <paramref name="input"/> (NDJSON, a JSON array or one object).</summary>
    public static ImpactReport Run(IEnumerable<RuleSet> before, IEnumerable<RuleSet> after, Stream input, bool allDates = false)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(input);
        var beforeList = before.ToList();
        var afterList = after.ToList();
        var left = new CodingIndex(beforeList);
        var right = new CodingIndex(afterList);
        var periods = ChangedPeriods.Of(beforeList, afterList);
        var outside = 0;
        var read = 0;
        var changed = ImmutableArray.CreateBuilder<ImpactedEncounter>();
        var skipped = ImmutableArray.CreateBuilder<ImpactSkippedRecord>();
        var outcomes = RecordReader.ReadRecords(input)
            .AsParallel()
            .AsOrdered()
            .WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(record => Replay(record, left, right, allDates ? null : periods));
        foreach (var (impact, skip, notReplayed) in outcomes)
        {
            read++;
            outside += notReplayed ? 1 : 0;
            if (impact is not null)
            {
                changed.Add(impact);
            }
            else if (skip is not null)
            {
                skipped.Add(skip);
            }
        }

        var list = changed.ToImmutable();
        return new ImpactReport(read, list, skipped.ToImmutable(), Count(list, Codes), Count(list, FindingIds))
        {
            ChangedPeriods = periods,
            OutsideChangedPeriods = outside,
            AllDates = allDates,
        };
    }

    /// <summary>One record: skipped when invalid; not evaluated when dated outside <paramref name="periods"/> (null: every date).</summary>
    private static (ImpactedEncounter? Impact, ImpactSkippedRecord? Skip, bool NotReplayed) Replay(InputRecord record, CodingIndex left, CodingIndex right, ImmutableArray<EffectivePeriod>? periods)
    {
        var read = EncounterReader.Read(record.Utf8.Span);
        if (read.Encounter is not { } encounter)
        {
            return (null, new ImpactSkippedRecord(record.Number, record.Line, read.EncounterId, read.Errors), false);
        }

        if (periods is { } changed && !ChangedPeriods.Contains(changed, encounter.DateOfService))
        {
            return (null, null, true);
        }

        var a = Evaluator.Evaluate(encounter, left);
        var b = Evaluator.Evaluate(encounter, right);
        return SameOutcome(a, b)
            ? (null, null, false)
            : (new ImpactedEncounter(record.Number, record.Line, encounter.Id, encounter.DateOfService, encounter.Payer, a, b), null, false);
    }

    /// <summary>True when both results have the same lines and the same findings (as multisets).</summary>
    public static bool SameOutcome(EvaluationResult before, EvaluationResult after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return Keys(before.Lines, LineKey).SequenceEqual(Keys(after.Lines, LineKey), StringComparer.Ordinal)
            && Keys(before.Findings, FindingKey).SequenceEqual(Keys(after.Findings, FindingKey), StringComparer.Ordinal);
    }

    /// <summary>A line as a claim shows it: code, modifiers, units.</summary>
    internal static string LineKey(CodedLine line) => line.ToString();

    /// <summary>A finding as an outcome: its id and severity (not its message, which names the version).</summary>
    internal static string FindingKey(Finding finding) => $"{finding.Id} ({finding.Severity.ToString().ToLowerInvariant()})";

    private static List<string> Keys<T>(ImmutableArray<T> items, Func<T, string> key) =>
        [.. (items.IsDefault ? [] : items).Select(key).Order(StringComparer.Ordinal)];

    private static IEnumerable<(string Key, string Outcome)> Codes(EvaluationResult r) =>
        (r.Lines.IsDefault ? [] : r.Lines).Select(l => (l.Code, LineKey(l)));

    private static IEnumerable<(string Key, string Outcome)> FindingIds(EvaluationResult r) =>
        (r.Findings.IsDefault ? [] : r.Findings).Select(f => (f.Id, FindingKey(f)));

    /// <summary>For each key whose outcomes differ in an encounter: encounters, and how many had it on each side.</summary>
    private static ImmutableArray<ImpactCount> Count(ImmutableArray<ImpactedEncounter> changed, Func<EvaluationResult, IEnumerable<(string Key, string Outcome)>> parts)
    {
        var counts = new SortedDictionary<string, (int Encounters, int Before, int After)>(StringComparer.Ordinal);
        foreach (var e in changed)
        {
            var a = parts(e.Before).ToLookup(p => p.Key, p => p.Outcome, StringComparer.Ordinal);
            var b = parts(e.After).ToLookup(p => p.Key, p => p.Outcome, StringComparer.Ordinal);
            foreach (var key in a.Select(g => g.Key).Union(b.Select(g => g.Key), StringComparer.Ordinal))
            {
                var x = a[key].Order(StringComparer.Ordinal);
                var y = b[key].Order(StringComparer.Ordinal);
                if (!x.SequenceEqual(y, StringComparer.Ordinal))
                {
                    var (n, before, after) = counts.GetValueOrDefault(key);
                    counts[key] = (n + 1, before + (a.Contains(key) ? 1 : 0), after + (b.Contains(key) ? 1 : 0));
                }
            }
        }

        return [.. counts.Select(kv => new ImpactCount(kv.Key, kv.Value.Encounters, kv.Value.Before, kv.Value.After))];
    }
}

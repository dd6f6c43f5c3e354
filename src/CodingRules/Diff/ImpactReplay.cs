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
/// Each side is indexed once (<see cref="CodingIndex"/>); each record is read once and evaluated on both sides.
/// Records are evaluated in parallel, in bounded batches (evaluation is thread-safe on compiled rule sets), and
/// reported in input order, so the report is the same whatever the number of threads. Memory: a few batches of
/// records and their results (at most 2 per processor + 1, each at most 16 records or about 4 MiB of input) and one
/// count per code and finding id that differs, whatever the input's size and however many encounters change; what a
/// sink keeps is its own (<see cref="Run(IEnumerable{RuleSet}, IEnumerable{RuleSet}, Stream, bool)"/> keeps every
/// changed encounter).
/// </remarks>
public static class ImpactReplay
{
    /// <summary>
    /// Replays the records of <paramref name="input"/> (NDJSON, a JSON array or one object) and keeps the whole
    /// report in memory: both results of every changed encounter (a few KB each). To write a report of any size, give
    /// a sink instead (<see cref="Run(IEnumerable{RuleSet}, IEnumerable{RuleSet}, Stream, ImpactSink, bool)"/>).
    /// </summary>
    public static ImpactReport Run(IEnumerable<RuleSet> before, IEnumerable<RuleSet> after, Stream input, bool allDates = false)
    {
        var kept = new KeepingSink();
        var summary = Run(before, after, input, kept, allDates);
        return new ImpactReport(summary.EncountersRead, kept.Changed.DrainToImmutable(), kept.Skipped.DrainToImmutable(), summary.ByCode, summary.ByFinding)
        {
            ChangedPeriods = summary.ChangedPeriods,
            OutsideChangedPeriods = summary.OutsideChangedPeriods,
            AllDates = allDates,
        };
    }

    /// <summary>
    /// Replays the records of <paramref name="input"/> (NDJSON, a JSON array or one object), reading each once, and
    /// gives <paramref name="sink"/> each changed encounter and each skipped record as it is decided, in input order,
    /// on the calling thread; returns the totals. The replay itself holds a bounded number of records whatever the
    /// input's size (see the remarks of <see cref="ImpactReplay"/>). An exception thrown by the sink or by the
    /// stream ends the replay and is thrown here.
    /// </summary>
    public static ImpactSummary Run(IEnumerable<RuleSet> before, IEnumerable<RuleSet> after, Stream input, ImpactSink sink, bool allDates = false)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        var beforeList = before.ToList();
        var afterList = after.ToList();
        var left = new CodingIndex(beforeList);
        var right = new CodingIndex(afterList);
        var periods = ChangedPeriods.Of(beforeList, afterList);
        var limit = allDates ? (ImmutableArray<EffectivePeriod>?)null : periods;
        var tally = new ImpactTally();
        var (read, changed, skipped, outside) = (0, 0, 0, 0);
        ImpactPipeline.Run(
            RecordReader.ReadRecords(input),
            record => Replay(record, left, right, limit, sink.NeedsMessages),
            outcome =>
            {
                read++;
                if (outcome.Impact is { } impact)
                {
                    changed++;
                    tally.Add(outcome.Codes, outcome.Findings);
                    sink.OnChanged(impact);
                }
                else if (outcome.Skip is { } skip)
                {
                    skipped++;
                    sink.OnSkipped(skip);
                }
                else if (outcome.NotReplayed)
                {
                    outside++;
                }
            });
        return new ImpactSummary(read, changed, skipped, tally.ByCode, tally.ByFinding)
        {
            ChangedPeriods = periods,
            OutsideChangedPeriods = outside,
            AllDates = allDates,
        };
    }

    /// <summary>One record: skipped when invalid; not evaluated when dated outside <paramref name="periods"/> (null: every date).</summary>
    private static Outcome Replay(InputRecord record, CodingIndex left, CodingIndex right, ImmutableArray<EffectivePeriod>? periods, bool messages)
    {
        var read = EncounterReader.Read(record.Utf8.Span);
        if (read.Encounter is not { } encounter)
        {
            return new Outcome { Skip = new ImpactSkippedRecord(record.Number, record.Line, read.EncounterId, read.Errors) };
        }

        if (periods is { } changed && !ChangedPeriods.Contains(changed, encounter.DateOfService))
        {
            return new Outcome { NotReplayed = true };
        }

        var a = Evaluator.Evaluate(encounter, left, null, null, messages);
        var b = Evaluator.Evaluate(encounter, right, null, null, messages);
        if (SameOutcome(a, b))
        {
            return default;
        }

        var (codes, findings) = ImpactTally.Differences(a, b);
        return new Outcome
        {
            Impact = new ImpactedEncounter(record.Number, record.Line, encounter.Id, encounter.DateOfService, encounter.Payer, a, b),
            Codes = codes,
            Findings = findings,
        };
    }

    /// <summary>True when both results have the same lines and the same findings (as multisets).</summary>
    public static bool SameOutcome(EvaluationResult before, EvaluationResult after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        // Note: most encounters come out alike in the same order; that is decided without building the keys (equal
        // parts make equal keys), and only a difference in order or in parts is compared as multisets of keys.
        if (InOrder(before.Lines, after.Lines, SameLine) && InOrder(before.Findings, after.Findings, SameFinding))
        {
            return true;
        }

        return Keys(before.Lines, LineKey).SequenceEqual(Keys(after.Lines, LineKey), StringComparer.Ordinal)
            && Keys(before.Findings, FindingKey).SequenceEqual(Keys(after.Findings, FindingKey), StringComparer.Ordinal);
    }

    /// <summary>A line as a claim shows it: code, modifiers, units.</summary>
    internal static string LineKey(CodedLine line) => line.ToString();

    /// <summary>A finding as an outcome: its id and severity (not its message, which names the version).</summary>
    internal static string FindingKey(Finding finding) => $"{finding.Id} ({finding.Severity.ToString().ToLowerInvariant()})";

    private static bool InOrder<T>(ImmutableArray<T> a, ImmutableArray<T> b, Func<T, T, bool> same)
    {
        var x = a.IsDefault ? [] : a;
        var y = b.IsDefault ? [] : b;
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!same(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameLine(CodedLine a, CodedLine b) =>
        a.Code == b.Code && a.Units == b.Units && (a.Modifiers.IsDefault ? [] : a.Modifiers).AsSpan().SequenceEqual((b.Modifiers.IsDefault ? [] : b.Modifiers).AsSpan());

    private static bool SameFinding(Finding a, Finding b) => a.Id == b.Id && a.Severity == b.Severity;

    private static List<string> Keys<T>(ImmutableArray<T> items, Func<T, string> key) =>
        [.. (items.IsDefault ? [] : items).Select(key).Order(StringComparer.Ordinal)];

    /// <summary>What one record came to: changed (with the keys that differ), skipped, not replayed, or the same (all empty).</summary>
    private readonly record struct Outcome
    {
        public ImpactedEncounter? Impact { get; init; }

        public ImmutableArray<ImpactTally.KeyDifference> Codes { get; init; }

        public ImmutableArray<ImpactTally.KeyDifference> Findings { get; init; }

        public ImpactSkippedRecord? Skip { get; init; }

        public bool NotReplayed { get; init; }
    }

    /// <summary>Keeps every record it is given, for the in-memory report.</summary>
    private sealed class KeepingSink : ImpactSink
    {
        public ImmutableArray<ImpactedEncounter>.Builder Changed { get; } = ImmutableArray.CreateBuilder<ImpactedEncounter>();

        public ImmutableArray<ImpactSkippedRecord>.Builder Skipped { get; } = ImmutableArray.CreateBuilder<ImpactSkippedRecord>();

        public override void OnChanged(ImpactedEncounter encounter) => Changed.Add(encounter);

        public override void OnSkipped(ImpactSkippedRecord record) => Skipped.Add(record);
    }
}

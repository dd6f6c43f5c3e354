using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Diff;

/// <summary>
/// The impact replay section of the text and markdown formats: the changed encounters before and after, side by side.
/// The overloads taking a replay run it while they write, in memory that does not grow with the input.
/// </summary>
public static partial class DiffFormatter
{
    /// <summary>
    /// Runs <paramref name="replay"/> (typically <c>sink =&gt; ImpactReplay.Run(before, after, input, sink)</c>) and writes
    /// what <see cref="WriteText(TextWriter, ImmutableArray{RuleChange}, ImpactReport?)"/> writes for its report, byte for
    /// byte, without keeping the report: each changed encounter and skipped record is written to a temporary file as it
    /// comes (the section says its totals first) and copied into <paramref name="output"/> at the end. The files are
    /// deleted when this returns or throws. Nothing is written to <paramref name="output"/> before the replay has ended.
    /// </summary>
    /// <returns>The replay's totals.</returns>
    public static ImpactSummary WriteText(TextWriter output, ImmutableArray<RuleChange> changes, Func<ImpactSink, ImpactSummary> replay)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(replay);
        return WriteText(output, changes, replay, () => ImpactSpill.InTemporaryFile());
    }

    /// <summary>
    /// Runs <paramref name="replay"/> and writes what <see cref="WriteMarkdown(TextWriter, ImmutableArray{RuleChange}, string, string, ImpactReport?)"/>
    /// writes for its report, byte for byte, spilling the rows to temporary files as the text overload does.
    /// </summary>
    /// <returns>The replay's totals.</returns>
    public static ImpactSummary WriteMarkdown(TextWriter output, ImmutableArray<RuleChange> changes, string beforeLabel, string afterLabel, Func<ImpactSink, ImpactSummary> replay)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(replay);
        return WriteMarkdown(output, changes, beforeLabel, afterLabel, replay, () => ImpactSpill.InTemporaryFile());
    }

    internal static ImpactSummary WriteText(TextWriter output, ImmutableArray<RuleChange> changes, Func<ImpactSink, ImpactSummary> replay, Func<ImpactSpill> spill)
    {
        using var spool = new TextSpool(spill, output.NewLine, ChangedText, SkippedText);
        var impact = replay(spool);
        WriteChangesText(output, changes);
        output.WriteLine();
        output.WriteLine(ImpactLine(impact));
        spool.CopyChangedTo(output);
        spool.CopySkippedTo(output);
        foreach (var (title, counts) in new[] { ("by code:", impact.ByCode), ("by finding:", impact.ByFinding) })
        {
            foreach (var c in counts)
            {
                output.WriteLine($"  {title,-12}{c.Key} differs in {c.Encounters} encounter{(c.Encounters == 1 ? string.Empty : "s")} (present before in {c.Before}, after in {c.After})");
            }
        }

        return impact;
    }

    internal static ImpactSummary WriteMarkdown(TextWriter output, ImmutableArray<RuleChange> changes, string beforeLabel, string afterLabel, Func<ImpactSink, ImpactSummary> replay, Func<ImpactSpill> spill)
    {
        using var spool = new TextSpool(spill, output.NewLine, ChangedMarkdown, SkippedMarkdown);
        var impact = replay(spool);
        WriteChangesMarkdown(output, changes, beforeLabel, afterLabel);
        output.WriteLine();
        output.WriteLine("## Impact on encounters");
        output.WriteLine();
        output.WriteLine(ImpactLine(impact));
        if (impact.ChangedEncounters > 0)
        {
            output.WriteLine();
            output.WriteLine("| encounter | date | payer | before | after |");
            output.WriteLine("|---|---|---|---|---|");
            spool.CopyChangedTo(output);
        }

        foreach (var (title, counts) in new[] { ("By code", impact.ByCode), ("By finding", impact.ByFinding) })
        {
            if (counts.IsEmpty)
            {
                continue;
            }

            output.WriteLine();
            output.WriteLine($"### {title}");
            output.WriteLine();
            output.WriteLine("| key | encounters that differ | present before | present after |");
            output.WriteLine("|---|---|---|---|");
            foreach (var c in counts)
            {
                output.WriteLine($"| {Cell(c.Key)} | {c.Encounters} | {c.Before} | {c.After} |");
            }
        }

        if (impact.SkippedRecords > 0)
        {
            output.WriteLine();
            output.WriteLine("### Skipped records");
            output.WriteLine();
            output.WriteLine("| record | line | encounter | errors |");
            output.WriteLine("|---|---|---|---|");
            spool.CopySkippedTo(output);
        }

        return impact;
    }

    private static void ChangedText(TextWriter o, ImpactedEncounter e)
    {
        o.WriteLine($"  ~ {e.EncounterId} {Iso(e.DateOfService)} {e.Payer ?? "(no payer)"} (record {e.Record}, line {e.Line})");
        o.WriteLine($"      before: {Outcome(e.Before)}");
        o.WriteLine($"      after:  {Outcome(e.After)}");
    }

    private static void SkippedText(TextWriter o, ImpactSkippedRecord s) =>
        o.WriteLine($"  ! record {s.Record} (line {s.Line}){(s.EncounterId is null ? string.Empty : " " + s.EncounterId)} skipped: {Errors(s)}");

    private static void ChangedMarkdown(TextWriter o, ImpactedEncounter e) =>
        o.WriteLine($"| {Cell(e.EncounterId)} | {Iso(e.DateOfService)} | {Cell(e.Payer ?? "—")} | {Cell(Outcome(e.Before))} | {Cell(Outcome(e.After))} |");

    private static void SkippedMarkdown(TextWriter o, ImpactSkippedRecord s) =>
        o.WriteLine($"| {s.Record} | {s.Line} | {Cell(s.EncounterId ?? "—")} | {Cell(Errors(s))} |");

    private static string ImpactLine(ImpactSummary r) =>
        $"impact: {r.EncountersRead} encounters read, {r.ChangedEncounters} changed, {r.SkippedRecords} skipped"
        + (r.AllDates
            ? " (every date replayed)"
            : $"; {r.OutsideChangedPeriods} dated outside the periods where the sides differ ({Periods(r.ChangedPeriods)}) not replayed (--all-dates replays them)");

    private static string Periods(ImmutableArray<EffectivePeriod> periods) =>
        periods.IsEmpty ? "none" : string.Join(", ", periods.Select(p => p.Until is { } u ? $"{Iso(p.From)} to {Iso(u)}" : $"from {Iso(p.From)}"));

    /// <summary>Lines then findings, in the order the engine gave them: <c>CODE-MOD xUNITS, ... | FINDING (severity)</c>.</summary>
    private static string Outcome(EvaluationResult r)
    {
        var lines = r.Lines.IsDefaultOrEmpty ? "no lines" : string.Join(", ", r.Lines.Select(ImpactReplay.LineKey));
        var findings = r.Findings.IsDefaultOrEmpty ? "no findings" : string.Join(", ", r.Findings.Select(ImpactReplay.FindingKey));
        return $"{lines} | {findings}";
    }

    private static string Errors(ImpactSkippedRecord s) =>
        string.Join("; ", (s.Errors.IsDefault ? [] : s.Errors).Select(e => $"{e.Id} at {(e.Path.Length == 0 ? "/" : e.Path)}: {e.Message}"));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

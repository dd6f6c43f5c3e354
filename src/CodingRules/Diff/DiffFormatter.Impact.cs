using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Diff;

/// <summary>The impact replay section of each format: the changed encounters before and after, side by side.</summary>
public static partial class DiffFormatter
{
    private static void WriteImpactText(TextWriter o, ImpactReport impact)
    {
        o.WriteLine();
        o.WriteLine(ImpactLine(impact));
        foreach (var e in impact.Changed)
        {
            o.WriteLine($"  ~ {e.EncounterId} {Iso(e.DateOfService)} {e.Payer ?? "(no payer)"} (record {e.Record}, line {e.Line})");
            o.WriteLine($"      before: {Outcome(e.Before)}");
            o.WriteLine($"      after:  {Outcome(e.After)}");
        }

        foreach (var s in impact.Skipped)
        {
            o.WriteLine($"  ! record {s.Record} (line {s.Line}){(s.EncounterId is null ? string.Empty : " " + s.EncounterId)} skipped: {Errors(s)}");
        }

        foreach (var (title, counts) in new[] { ("by code:", impact.ByCode), ("by finding:", impact.ByFinding) })
        {
            foreach (var c in counts)
            {
                o.WriteLine($"  {title,-12}{c.Key} differs in {c.Encounters} encounter{(c.Encounters == 1 ? string.Empty : "s")} (present before in {c.Before}, after in {c.After})");
            }
        }
    }

    private static void WriteImpactMarkdown(TextWriter o, ImpactReport impact)
    {
        o.WriteLine();
        o.WriteLine("## Impact on encounters");
        o.WriteLine();
        o.WriteLine(ImpactLine(impact));
        if (!impact.Changed.IsEmpty)
        {
            o.WriteLine();
            o.WriteLine("| encounter | date | payer | before | after |");
            o.WriteLine("|---|---|---|---|---|");
            foreach (var e in impact.Changed)
            {
                o.WriteLine($"| {Cell(e.EncounterId)} | {Iso(e.DateOfService)} | {Cell(e.Payer ?? "—")} | {Cell(Outcome(e.Before))} | {Cell(Outcome(e.After))} |");
            }
        }

        foreach (var (title, counts) in new[] { ("By code", impact.ByCode), ("By finding", impact.ByFinding) })
        {
            if (counts.IsEmpty)
            {
                continue;
            }

            o.WriteLine();
            o.WriteLine($"### {title}");
            o.WriteLine();
            o.WriteLine("| key | encounters that differ | present before | present after |");
            o.WriteLine("|---|---|---|---|");
            foreach (var c in counts)
            {
                o.WriteLine($"| {Cell(c.Key)} | {c.Encounters} | {c.Before} | {c.After} |");
            }
        }

        if (!impact.Skipped.IsEmpty)
        {
            o.WriteLine();
            o.WriteLine("### Skipped records");
            o.WriteLine();
            o.WriteLine("| record | line | encounter | errors |");
            o.WriteLine("|---|---|---|---|");
            foreach (var s in impact.Skipped)
            {
                o.WriteLine($"| {s.Record} | {s.Line} | {Cell(s.EncounterId ?? "—")} | {Cell(Errors(s))} |");
            }
        }
    }

    private static void WriteImpactJson(Utf8JsonWriter w, ImpactReport impact)
    {
        w.WriteStartObject("impact"u8);
        w.WriteNumber("encountersRead"u8, impact.EncountersRead);
        w.WriteNumber("changed"u8, impact.Changed.Length);
        w.WriteNumber("skipped"u8, impact.Skipped.Length);
        w.WriteNumber("notReplayed"u8, impact.OutsideChangedPeriods);
        w.WriteBoolean("allDates"u8, impact.AllDates);
        w.WriteStartArray("changedPeriods"u8);
        foreach (var p in impact.ChangedPeriods)
        {
            w.WriteStartObject();
            w.WriteString("from"u8, Iso(p.From));
            if (p.Until is { } until)
            {
                w.WriteString("until"u8, Iso(until));
            }
            else
            {
                w.WriteNull("until"u8);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("encounters"u8);
        foreach (var e in impact.Changed)
        {
            w.WriteStartObject();
            w.WriteNumber("record"u8, e.Record);
            w.WriteNumber("line"u8, e.Line);
            w.WriteString("encounterId"u8, e.EncounterId);
            w.WriteString("dateOfService"u8, Iso(e.DateOfService));
            w.WriteString("payer"u8, e.Payer);
            OutcomeJson(w, "before"u8, e.Before);
            OutcomeJson(w, "after"u8, e.After);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("skippedRecords"u8);
        foreach (var s in impact.Skipped)
        {
            w.WriteStartObject();
            w.WriteNumber("record"u8, s.Record);
            w.WriteNumber("line"u8, s.Line);
            w.WriteString("encounterId"u8, s.EncounterId);
            ResultJsonWriter.WriteErrors(w, s.Errors);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        CountsJson(w, "byCode"u8, impact.ByCode);
        CountsJson(w, "byFinding"u8, impact.ByFinding);
        w.WriteEndObject();
    }

    private static void OutcomeJson(Utf8JsonWriter w, ReadOnlySpan<byte> name, EvaluationResult r)
    {
        w.WriteStartObject(name);
        w.WriteStartArray("lines"u8);
        foreach (var l in r.Lines.IsDefault ? [] : r.Lines)
        {
            w.WriteStartObject();
            w.WriteString("code"u8, l.Code);
            w.WriteStartArray("modifiers"u8);
            foreach (var m in l.Modifiers.IsDefault ? [] : l.Modifiers)
            {
                w.WriteStringValue(m);
            }

            w.WriteEndArray();
            w.WriteNumber("units"u8, l.Units);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("findings"u8);
        foreach (var f in r.Findings.IsDefault ? [] : r.Findings)
        {
            w.WriteStartObject();
            w.WriteString("id"u8, f.Id);
            w.WriteString("severity"u8, f.Severity.ToString().ToLowerInvariant());
            w.WriteString("message"u8, f.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void CountsJson(Utf8JsonWriter w, ReadOnlySpan<byte> name, ImmutableArray<ImpactCount> counts)
    {
        w.WriteStartArray(name);
        foreach (var c in counts)
        {
            w.WriteStartObject();
            w.WriteString("key"u8, c.Key);
            w.WriteNumber("encounters"u8, c.Encounters);
            w.WriteNumber("before"u8, c.Before);
            w.WriteNumber("after"u8, c.After);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string ImpactLine(ImpactReport r) =>
        $"impact: {r.EncountersRead} encounters read, {r.Changed.Length} changed, {r.Skipped.Length} skipped"
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

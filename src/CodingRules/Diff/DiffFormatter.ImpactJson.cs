using System.Collections.Immutable;
using System.Text.Json;
using CodingRules.Results;
using CodingRules.Text;

namespace CodingRules.Diff;

/// <summary>
/// The <c>impact</c> object of the JSON format: <c>{encountersRead, changed, skipped, notReplayed, allDates,
/// changedPeriods, encounters, skippedRecords, byCode, byFinding}</c>, its totals before its lists.
/// </summary>
/// <remarks>
/// Note: the lists are written while the replay runs, before the totals are known, each by a writer of its own into a
/// spill. Each of those writers is first taken to the depth where its list sits in the document (the root object, the
/// impact object, the list), and what it writes from there on is kept: an indented writer's bytes for a value depend
/// only on its depth and on whether a value came before it in its container, so they are the bytes one writer of the
/// whole document would have written there. The document is the main writer's part up to the opening of
/// <c>encounters</c>, then the encounters' spill (with the closing of the list and the opening of
/// <c>skippedRecords</c>), then the skipped records' spill (with the closing of the list, the counts and the end of
/// the document).
/// </remarks>
public static partial class DiffFormatter
{
    /// <summary>Bytes a spill's writer holds before it hands them on.</summary>
    private const int JsonSpillChunk = 32 * 1024;

    /// <summary>The impact object's totals and periods, up to the opening of <c>encounters</c>.</summary>
    private static void WriteImpactJsonHead(Utf8JsonWriter w, ImpactSummary impact)
    {
        w.WriteStartObject("impact"u8);
        w.WriteNumber("encountersRead"u8, impact.EncountersRead);
        w.WriteNumber("changed"u8, impact.ChangedEncounters);
        w.WriteNumber("skipped"u8, impact.SkippedRecords);
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
    }

    private static void ChangedJson(Utf8JsonWriter w, ImpactedEncounter e)
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

    private static void SkippedJson(Utf8JsonWriter w, ImpactSkippedRecord s)
    {
        w.WriteStartObject();
        w.WriteNumber("record"u8, s.Record);
        w.WriteNumber("line"u8, s.Line);
        w.WriteString("encounterId"u8, s.EncounterId);
        ResultJsonWriter.WriteErrors(w, s.Errors);
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

    /// <summary>
    /// Serialises each changed encounter and each skipped record as it comes, each list by its own writer into its own
    /// spill (see the remarks above); <see cref="Finish"/> writes the rest of the document after the lists.
    /// </summary>
    private sealed class JsonSpool : ImpactSink, IDisposable
    {
        private readonly ImpactSpill _changed;
        private readonly ImpactSpill _skipped;
        private readonly Utf8JsonWriter _changedJson;
        private readonly Utf8JsonWriter _skippedJson;
        private readonly long _changedFrom;
        private readonly long _skippedFrom;

        public JsonSpool(Func<ImpactSpill> spill)
        {
            (_changed, _skipped) = TwoSpills(spill);

            _changedJson = new Utf8JsonWriter(_changed.Stream, JsonOutput.Options(indented: true));
            _skippedJson = new Utf8JsonWriter(_skipped.Stream, JsonOutput.Options(indented: true));
            _changedFrom = AtList(_changedJson, _changed, "encounters"u8);
            _skippedFrom = AtList(_skippedJson, _skipped, "skippedRecords"u8);
        }

        public override void OnChanged(ImpactedEncounter encounter)
        {
            ChangedJson(_changedJson, encounter);
            Pass(_changedJson);
        }

        public override void OnSkipped(ImpactSkippedRecord record)
        {
            SkippedJson(_skippedJson, record);
            Pass(_skippedJson);
        }

        /// <summary>Closes the lists and writes the counts and the end of the document.</summary>
        public void Finish(ImpactSummary impact)
        {
            _changedJson.WriteEndArray();
            _changedJson.WriteStartArray("skippedRecords"u8);
            _changedJson.Flush();
            _skippedJson.WriteEndArray();
            CountsJson(_skippedJson, "byCode"u8, impact.ByCode);
            CountsJson(_skippedJson, "byFinding"u8, impact.ByFinding);
            _skippedJson.WriteEndObject();
            _skippedJson.WriteEndObject();
            _skippedJson.Flush();
        }

        /// <summary>Copies what follows the opening of <c>encounters</c> to the end of the document.</summary>
        public void CopyTo(Stream output)
        {
            _changed.CopyBytesTo(output, _changedFrom);
            _skipped.CopyBytesTo(output, _skippedFrom);
        }

        public void Dispose()
        {
            _changedJson.Dispose();
            _skippedJson.Dispose();
            _changed.Dispose();
            _skipped.Dispose();
        }

        /// <summary>Takes <paramref name="w"/> into the list <paramref name="name"/> of the impact object; returns where its bytes start to count.</summary>
        private static long AtList(Utf8JsonWriter w, ImpactSpill spill, ReadOnlySpan<byte> name)
        {
            w.WriteStartObject();
            w.WriteStartObject("impact"u8);
            w.WriteStartArray(name);
            w.Flush();
            return spill.Stream.Position;
        }

        private static void Pass(Utf8JsonWriter w)
        {
            if (w.BytesPending >= JsonSpillChunk)
            {
                w.Flush();
            }
        }
    }
}

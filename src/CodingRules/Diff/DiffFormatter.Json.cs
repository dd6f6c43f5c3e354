using System.Collections.Immutable;
using System.Text.Json;
using CodingRules.Text;

namespace CodingRules.Diff;

/// <summary>The JSON shape of <c>schemas/diff.schema.json</c>, written with a fixed property order.</summary>
public static partial class DiffFormatter
{
    /// <summary>
    /// Writes <c>{"changes":[{kind, ruleSet, version, area, item, before, after, summary, words, beforeLocation,
    /// afterLocation}], "summary":{added, removed, changed}, "impact"?: {...}}</c>, indented, and a final newline.
    /// Strings are escaped for JSON only (not for HTML), so conditions read as written; the stream is flushed, not closed.
    /// </summary>
    public static void WriteJson(Stream output, ImmutableArray<RuleChange> changes, ImpactReport? impact = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (impact is not null)
        {
            _ = WriteJson(output, changes, impact.WriteTo, ImpactSpill.InMemory);
            return;
        }

        using (var w = new Utf8JsonWriter(output, JsonOutput.Options(indented: true)))
        {
            WriteChangesJson(w, changes);
            w.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        output.Flush();
    }

    /// <summary>
    /// Runs <paramref name="replay"/> (typically <c>sink =&gt; ImpactReplay.Run(before, after, input, sink)</c>) and writes
    /// what <see cref="WriteJson(Stream, ImmutableArray{RuleChange}, ImpactReport?)"/> writes for its report, byte for
    /// byte, without keeping the report: each changed encounter and skipped record is serialised to a temporary file as
    /// it comes (the section says its totals first) and copied into <paramref name="output"/> at the end. The files are
    /// deleted when this returns or throws. Nothing is written to <paramref name="output"/> before the replay has ended.
    /// </summary>
    /// <returns>The replay's totals.</returns>
    public static ImpactSummary WriteJson(Stream output, ImmutableArray<RuleChange> changes, Func<ImpactSink, ImpactSummary> replay)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(replay);
        return WriteJson(output, changes, replay, () => ImpactSpill.InTemporaryFile());
    }

    internal static ImpactSummary WriteJson(Stream output, ImmutableArray<RuleChange> changes, Func<ImpactSink, ImpactSummary> replay, Func<ImpactSpill> spill)
    {
        using var spool = new JsonSpool(spill);
        var impact = replay(spool);
        spool.Finish(impact);
        using (var w = new Utf8JsonWriter(output, JsonOutput.Options(indented: true)))
        {
            WriteChangesJson(w, changes);
            WriteImpactJsonHead(w, impact);
            w.Flush();
            spool.CopyTo(output);
        }

        output.WriteByte((byte)'\n');
        output.Flush();
        return impact;
    }

    /// <summary>The document up to the end of <c>summary</c>, the root object left open.</summary>
    private static void WriteChangesJson(Utf8JsonWriter w, ImmutableArray<RuleChange> changes)
    {
        var list = changes.IsDefault ? [] : changes;
        w.WriteStartObject();
        w.WriteStartArray("changes"u8);
        foreach (var c in list)
        {
            w.WriteStartObject();
            w.WriteString("kind"u8, Kind(c.Kind));
            w.WriteString("ruleSet"u8, c.RuleSet);
            w.WriteString("version"u8, c.Version);
            w.WriteString("area"u8, c.Area);
            w.WriteString("item"u8, c.Item);
            w.WriteString("before"u8, c.Before);
            w.WriteString("after"u8, c.After);
            w.WriteString("summary"u8, c.Summary);
            w.WriteString("words"u8, c is { Kind: ChangeKind.Changed, Before: { } before, After: { } after } ? WordDiff.Readable(before, after, WordDiff.Marked) : null);
            Location(w, "beforeLocation"u8, c.BeforeLocation);
            Location(w, "afterLocation"u8, c.AfterLocation);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("summary"u8);
        w.WriteNumber("added"u8, list.Count(c => c.Kind == ChangeKind.Added));
        w.WriteNumber("removed"u8, list.Count(c => c.Kind == ChangeKind.Removed));
        w.WriteNumber("changed"u8, list.Count(c => c.Kind == ChangeKind.Changed));
        w.WriteEndObject();
    }

    private static void Location(Utf8JsonWriter w, ReadOnlySpan<byte> name, SourceLocation? location)
    {
        if (location is not { } l)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("path"u8, l.Path);
        w.WriteNumber("line"u8, l.Line);
        w.WriteNumber("column"u8, l.Column);
        w.WriteEndObject();
    }
}

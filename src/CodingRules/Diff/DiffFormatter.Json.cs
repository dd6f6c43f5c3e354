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
        var list = changes.IsDefault ? [] : changes;
        using (var w = new Utf8JsonWriter(output, JsonOutput.Options(indented: true)))
        {
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
            if (impact is not null)
            {
                WriteImpactJson(w, impact);
            }

            w.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
        output.Flush();
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

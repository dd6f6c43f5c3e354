using System.Text;
using CodingRules.Loading;

namespace CodingRules.Composition;

/// <summary>
/// Writes a composed rule set out flat: one YAML file that builds on nothing, with everything its bases gave it,
/// its parameters declared with their values as defaults, and its definitions. Loading the flat file gives the
/// same rule set (a property test keeps it so); <c>codingrules flatten</c> shows it to editors and auditors.
/// </summary>
public static class FlatWriter
{
    private const int FlowWidth = 110;

    /// <summary>
    /// The flat YAML text of <paramref name="composed"/>. A table read from a data file is written with its rows as
    /// <c>lines:</c> when <paramref name="dataLines"/> has them (by table name), so that the flat file needs no other.
    /// </summary>
    public static string Write(ComposedRuleSet composed, IReadOnlyDictionary<string, IReadOnlyList<string>>? dataLines = null)
    {
        ArgumentNullException.ThrowIfNull(composed);
        var text = new StringBuilder();
        text.Append("# ").Append(composed.File.Name).Append(", composed");
        if (!composed.Bases.IsEmpty)
        {
            text.Append(" from ").Append(string.Join(", ", composed.Bases));
        }

        text.Append(" and written out flat.\n");
        var entries = composed.Document.Entries;
        var identity = entries.TakeWhile(e => Sections.Identity.Contains(e.Key.Value)).ToList();
        foreach (var entry in identity)
        {
            WriteEntry(text, entry.Key.Value, entry.Value, 0);
        }

        if (!composed.Parameters.IsEmpty)
        {
            text.Append("parameters:\n");
            foreach (var p in composed.Parameters)
            {
                text.Append("  ").Append(Key(p.Name)).Append(":\n");
                text.Append("    type: ").Append(Composer.TypeName(p.Type)).Append('\n');
                if (p.Description.Length > 0)
                {
                    text.Append("    description: ").Append(Quote(p.Description)).Append('\n');
                }

                WriteEntry(text, "default", p.Value!, 4);
            }
        }

        foreach (var entry in entries.Skip(identity.Count))
        {
            WriteEntry(text, entry.Key.Value, entry.Key.Value == "tables" && dataLines is not null ? Inlined((DocMapping)entry.Value, dataLines) : entry.Value, 0);
        }

        return text.ToString();
    }

    /// <summary>The tables with each data file replaced by its rows (<c>lines:</c>), in the layout the table names.</summary>
    private static DocMapping Inlined(DocMapping tables, IReadOnlyDictionary<string, IReadOnlyList<string>> dataLines) =>
        tables with
        {
            Entries = [.. tables.Entries.Select(e => e.Value is DocMapping spec && spec["file"] is DocScalar file && dataLines.TryGetValue(e.Key.Value, out var lines)
                ? e with
                {
                    Value = spec with
                    {
                        Entries = [.. spec.Entries.Select(x => x.Key.Value == "file"
                            ? new DocEntry(x.Key with { Value = "lines" }, new DocSequence([.. lines.Select(l => (DocNode)new DocScalar(l, false, false, file.Span))], file.Span))
                            : x)],
                    },
                }
                : e)],
        };

    private static void WriteEntry(StringBuilder text, string key, DocNode value, int indent)
    {
        text.Append(' ', indent).Append(Key(key)).Append(':');
        WriteValue(text, value, indent);
    }

    private static void WriteValue(StringBuilder text, DocNode value, int indent)
    {
        if (Flow(value) is { } flow && indent + flow.Length <= FlowWidth && (indent > 0 || value is DocSequence))
        {
            text.Append(' ').Append(flow).Append('\n');
            return;
        }

        switch (value)
        {
            case DocScalar scalar when Folded(scalar, indent + 2) is { } folded:
                text.Append(" >\n").Append(folded);
                return;
            case DocScalar scalar:
                text.Append(' ').Append(Scalar(scalar, flow: false)).Append('\n');
                return;
            case DocMapping mapping:
                text.Append('\n');
                foreach (var entry in mapping.Entries)
                {
                    WriteEntry(text, entry.Key.Value, entry.Value, indent + 2);
                }

                return;
            case DocSequence sequence:
                text.Append('\n');
                foreach (var item in sequence.Items)
                {
                    WriteItem(text, item, indent + 2);
                }

                return;
        }
    }

    /// <summary>
    /// A small mapping or list of scalars on one line, as authors write them (<c>{ id: a, region: r }</c>);
    /// null for anything nested deeper or for a scalar.
    /// </summary>
    private static string? Flow(DocNode value) => value switch
    {
        DocSequence { Items.IsEmpty: true } => "[]",
        DocMapping { Entries.IsEmpty: true } => "{}",
        DocSequence sequence when sequence.Items.All(i => i is DocScalar) =>
            "[" + string.Join(", ", sequence.Items.Select(i => Scalar((DocScalar)i, flow: true))) + "]",
        DocMapping mapping when mapping.Entries.All(e => e.Value is DocScalar || (e.Value is DocSequence q && q.Items.All(i => i is DocScalar))) =>
            "{ " + string.Join(", ", mapping.Entries.Select(e => Key(e.Key.Value, flow: true) + ": " + (e.Value is DocScalar v ? Scalar(v, flow: true) : Flow(e.Value)))) + " }",
        _ => null,
    };

    /// <summary>
    /// A long text ending in one line break, written as a folded block wrapped at spaces (each break folds back to
    /// the one space it replaced); null when folding could not give the same text back.
    /// </summary>
    private static string? Folded(DocScalar scalar, int indent)
    {
        var s = scalar.Value;
        if (scalar.IsPlain || s.Length < FlowWidth || !s.EndsWith('\n') || s.IndexOf('\n') != s.Length - 1 || s.StartsWith(' ')
            || s.EndsWith(" \n", StringComparison.Ordinal) || s.Contains("  ", StringComparison.Ordinal) || s.Any(c => c < ' ' && c != '\n'))
        {
            return null;
        }

        var text = new StringBuilder();
        var line = new StringBuilder();
        foreach (var word in s[..^1].Split(' '))
        {
            if (line.Length > 0 && indent + line.Length + 1 + word.Length > FlowWidth)
            {
                text.Append(' ', indent).Append(line).Append('\n');
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        return text.Append(' ', indent).Append(line).Append('\n').ToString();
    }

    private static void WriteItem(StringBuilder text, DocNode item, int indent)
    {
        text.Append(' ', indent).Append('-');
        if (item is DocMapping { Entries.IsEmpty: false } mapping && !(Flow(item) is { } flow && indent + 2 + flow.Length <= FlowWidth))
        {
            var first = true;
            foreach (var entry in mapping.Entries)
            {
                if (first)
                {
                    text.Append(' ').Append(Key(entry.Key.Value)).Append(':');
                    WriteValue(text, entry.Value, indent + 2);
                    first = false;
                }
                else
                {
                    WriteEntry(text, entry.Key.Value, entry.Value, indent + 2);
                }
            }

            return;
        }

        WriteValue(text, item, indent);
    }

    private static string Key(string key, bool flow = false) => IsSafePlain(key, flow) ? key : Quote(key);

    /// <summary>A plain scalar stays plain (its type is the YAML core schema's); anything else is double-quoted.</summary>
    private static string Scalar(DocScalar scalar, bool flow) =>
        scalar.IsPlain && IsSafePlain(scalar.Value, flow) ? scalar.Value : Quote(scalar.Value);

    private static bool IsSafePlain(string s, bool flow) =>
        s.Length > 0
        && ("?:-".Contains(s[0], StringComparison.Ordinal) ? s.Length > 1 && s[1] != ' ' && !(flow && ",[]{}".Contains(s[1], StringComparison.Ordinal))
            : ",[]{}#&*!|>'\"%@` ".IndexOf(s[0], StringComparison.Ordinal) < 0)
        && !s.EndsWith(' ') && !s.EndsWith(':') && !s.Contains(": ", StringComparison.Ordinal) && !s.Contains(" #", StringComparison.Ordinal)
        && !(flow && s.AsSpan().IndexOfAny(",[]{}") >= 0)
        && s.All(c => c >= ' ' && c != '\u007f');

    private static string Quote(string s) => YamlQuoting.DoubleQuoted(s);
}

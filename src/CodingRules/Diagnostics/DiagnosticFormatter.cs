using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace CodingRules.Diagnostics;

/// <summary>
/// Writes diagnostics as text (<c>path:line:col: error CR1234: message</c>, the source line and a caret), as JSON,
/// or as SARIF 2.1.0. At most <see cref="MaxShown"/> are written, followed by "N more". Stateless.
/// </summary>
public static class DiagnosticFormatter
{
    /// <summary>Most diagnostics written in one report.</summary>
    public const int MaxShown = 100;

    /// <summary>Writes the text form.</summary>
    public static void WriteText(TextWriter writer, ImmutableArray<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var d in diagnostics.Take(MaxShown))
        {
            writer.WriteLine(d.ToString());
            if (d.Source is { } source && d.Location.Line <= source.LineCount)
            {
                var (line, column) = Excerpt(source.LineText(d.Location.Line), d.Location.Column);
                writer.WriteLine("  " + line);
                var width = Math.Clamp(d.Length, 1, Math.Max(1, line.Length - column + 1));
                writer.WriteLine("  " + new string(' ', Math.Max(column - 1, 0)) + new string('^', width));
            }
        }

        if (diagnostics.Length > MaxShown)
        {
            writer.WriteLine($"... and {diagnostics.Length - MaxShown} more");
        }
    }

    /// <summary>The longest source line shown under a diagnostic; a longer one is shown around the column.</summary>
    public const int MaxExcerptLength = 160;

    /// <summary>
    /// The part of a line shown under a diagnostic: the line itself when short, else a window of
    /// <see cref="MaxExcerptLength"/> characters around the column, cut ends marked "..."; control characters are
    /// shown as spaces so that no terminal control sequence from a file reaches the output. The column within it.
    /// </summary>
    internal static (string Line, int Column) Excerpt(string line, int column)
    {
        var start = 0;
        if (line.Length > MaxExcerptLength)
        {
            start = Math.Clamp(column - 1 - (MaxExcerptLength / 3), 0, line.Length - MaxExcerptLength);
            line = string.Concat(start > 0 ? "..." : string.Empty, line.AsSpan(start, MaxExcerptLength), start + MaxExcerptLength < line.Length ? "..." : string.Empty);
            column = column - start + (start > 0 ? 3 : 0);
        }

        return (string.Create(line.Length, line, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? ' ' : text[i];
            }
        }), column);
    }

    /// <summary>Writes a JSON array of <c>{id, severity, path, line, column, message, title}</c>.</summary>
    public static void WriteJson(Stream stream, ImmutableArray<Diagnostic> diagnostics)
    {
        using var json = new Utf8JsonWriter(stream, Text.JsonOutput.Options(indented: true));
        json.WriteStartObject();
        json.WriteNumber("count", diagnostics.Length);
        json.WriteStartArray("diagnostics");
        foreach (var d in diagnostics.Take(MaxShown))
        {
            json.WriteStartObject();
            json.WriteString("id", d.Id);
            json.WriteString("severity", Severity(d.Severity));
            json.WriteString("path", d.Location.Path);
            json.WriteNumber("line", d.Location.Line);
            json.WriteNumber("column", d.Location.Column);
            json.WriteString("message", d.Message);
            json.WriteString("title", d.Descriptor.Title);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("omitted", Math.Max(0, diagnostics.Length - MaxShown));
        json.WriteEndObject();
    }

    /// <summary>Writes a SARIF 2.1.0 log with one run, its rules (the descriptors used) and results.</summary>
    public static void WriteSarif(Stream stream, ImmutableArray<Diagnostic> diagnostics, string toolVersion)
    {
        using var json = new Utf8JsonWriter(stream, Text.JsonOutput.Options(indented: true));
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "codingrules");
        json.WriteString("version", toolVersion);
        json.WriteStartArray("rules");
        foreach (var descriptor in diagnostics.Select(d => d.Descriptor).Distinct().OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("id", descriptor.Id);
            json.WriteString("name", string.Concat(descriptor.Title.Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", descriptor.Title);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var d in diagnostics.Take(MaxShown))
        {
            json.WriteStartObject();
            json.WriteString("ruleId", d.Id);
            json.WriteString("level", d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "note" });
            json.WriteStartObject("message");
            json.WriteString("text", d.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", d.Location.Path.Replace('\\', '/'));
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", d.Location.Line);
            json.WriteNumber("startColumn", d.Location.Column);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Severity(DiagnosticSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>The text form as a string (for tests and logs).</summary>
    public static string ToText(ImmutableArray<Diagnostic> diagnostics)
    {
        var builder = new StringBuilder();
        using var writer = new StringWriter(builder);
        WriteText(writer, diagnostics);
        return builder.ToString();
    }
}

using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace CodingRules.Results;

/// <summary>
/// Writes an <see cref="EvaluationResult"/> as JSON in the shape of <c>schemas/result.schema.json</c>, with a
/// fixed property order so that the same result always gives the same bytes. A valid result:
/// <code>
/// {"encounterId","dateOfService","ruleSets":[{"id","version","sha256"}],
///  "lines":[{"code","modifiers","units","joints","rule"}],
///  "findings":[{"id","severity","category","message","ruleSet","version","rule","source"?,"definedIn"?}]}
/// </code>
/// an invalid record (<see cref="EvaluationResult.IsError"/>): <c>{"encounterId": string|null, "errors":[{"path","id","message"}]}</c>.
/// </summary>
/// <remarks>
/// Writes directly with <see cref="Utf8JsonWriter"/> (no reflection). Default (uninitialised) arrays are written
/// as empty; <c>source</c> is left out when null; <c>dateOfService</c> is null only if a valid result lacks one.
/// Thread-safe (no shared state); the writer is not flushed.
/// </remarks>
public static class ResultJsonWriter
{
    /// <summary>Writes one result as one JSON object.</summary>
    /// <param name="writer">Where to write; positioned where a value may start.</param>
    /// <param name="result">The result.</param>
    /// <exception cref="ArgumentOutOfRangeException">A finding has a severity that is not a defined value.</exception>
    public static void Write(Utf8JsonWriter writer, EvaluationResult result) => Write(writer, result, null);

    /// <summary>Writes one result as one JSON object, with the properties <paramref name="more"/> writes last (an <c>explain</c> trace).</summary>
    public static void Write(Utf8JsonWriter writer, EvaluationResult result, Action<Utf8JsonWriter>? more)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);

        writer.WriteStartObject();
        writer.WriteString("encounterId"u8, result.EncounterId);
        if (result.IsError)
        {
            WriteErrors(writer, result);
        }
        else
        {
            WriteCoding(writer, result);
        }

        more?.Invoke(writer);
        writer.WriteEndObject();
    }

    private static void WriteErrors(Utf8JsonWriter writer, EvaluationResult result) => WriteErrors(writer, result.Errors);

    /// <summary>Writes an <c>errors</c> array of input errors (<c>path</c>, <c>id</c>, <c>message</c>).</summary>
    internal static void WriteErrors(Utf8JsonWriter writer, System.Collections.Immutable.ImmutableArray<Encounters.InputError> errors)
    {
        writer.WriteStartArray("errors"u8);
        foreach (var error in errors.IsDefault ? [] : errors)
        {
            writer.WriteStartObject();
            writer.WriteString("path"u8, error.Path);
            writer.WriteString("id"u8, error.Id);
            writer.WriteString("message"u8, error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteCoding(Utf8JsonWriter writer, EvaluationResult result)
    {
        if (result.DateOfService is { } date)
        {
            // Note: formatted straight to UTF-8 (a DateOnly always fits ten bytes), not through a string per result.
            Span<byte> utf8 = stackalloc byte[10];
            if (date.TryFormat(utf8, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            {
                writer.WriteString("dateOfService"u8, utf8[..written]);
            }
            else
            {
                writer.WriteString("dateOfService"u8, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }
        else
        {
            writer.WriteNull("dateOfService"u8);
        }

        writer.WriteStartArray("ruleSets"u8);
        foreach (var use in OrEmpty(result.RuleSets))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, use.Id);
            writer.WriteString("version"u8, use.Version);
            writer.WriteString("sha256"u8, use.Sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("lines"u8);
        foreach (var line in OrEmpty(result.Lines))
        {
            writer.WriteStartObject();
            writer.WriteString("code"u8, line.Code);
            WriteStrings(writer, "modifiers"u8, line.Modifiers);
            writer.WriteNumber("units"u8, line.Units);
            WriteStrings(writer, "joints"u8, line.Joints);
            writer.WriteString("rule"u8, line.Rule);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("findings"u8);
        foreach (var finding in OrEmpty(result.Findings))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, finding.Id);
            writer.WriteString("severity"u8, SeverityName(finding.Severity));
            writer.WriteString("category"u8, finding.Category);
            writer.WriteString("message"u8, finding.Message);
            writer.WriteString("ruleSet"u8, finding.RuleSet);
            writer.WriteString("version"u8, finding.Version);
            writer.WriteString("rule"u8, finding.Rule);
            if (finding.Source is not null)
            {
                writer.WriteString("source"u8, finding.Source);
            }

            if (finding.DefinedIn is not null)
            {
                writer.WriteString("definedIn"u8, finding.DefinedIn);
            }

            if (finding.BilledLine is { } billedLine)
            {
                writer.WriteNumber("billedLine"u8, billedLine);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (!result.Billed.IsDefaultOrEmpty)
        {
            // The claim as billed, each line with the ids of the audit findings about it; "lines" is the corrected claim.
            writer.WriteStartArray("billed"u8);
            for (var i = 0; i < result.Billed.Length; i++)
            {
                var line = result.Billed[i];
                writer.WriteStartObject();
                writer.WriteString("code"u8, line.Code);
                WriteStrings(writer, "modifiers"u8, line.Modifiers);
                writer.WriteNumber("units"u8, line.Units);
                writer.WriteStartArray("findings"u8);
                foreach (var finding in OrEmpty(result.Findings))
                {
                    if (finding.BilledLine == i)
                    {
                        writer.WriteStringValue(finding.Id);
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ImmutableArray<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in OrEmpty(values))
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    private static string SeverityName(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Info => "info",
        FindingSeverity.Warning => "warning",
        FindingSeverity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Not a defined finding severity."),
    };
}

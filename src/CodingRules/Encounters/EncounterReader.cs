using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CodingRules.Diagnostics;

namespace CodingRules.Encounters;

/// <summary>
/// Reads one encounter record (UTF-8 JSON) into an <see cref="Encounter"/>, or into the list of everything wrong
/// with it. The contract is <c>schemas/encounter.schema.json</c>; its values and limits are
/// <see cref="EncounterContract"/>. The grammar (every object is closed: any other property is an error):
/// <code>
/// encounter  = { "id": text≤200, "dateOfService": "YYYY-MM-DD", "procedures": [procedure]≤100,
///                "payer"?: string, "placeOfService"?: string, "diagnoses"?: [string]≤100,
///                "history"?: [historyEntry]≤500, "billed"?: [billedLine]≤100,
///                "priorAuthorization"?: { "status": PriorAuthorizationStatuses }, "claimType"?: ClaimTypes }
/// procedure  = { "kind": text, "technique"?: Techniques, "temperatureCelsius"?: number,
///                "imaging"?: ImagingModes, "purpose"?: Purposes, "side"?: Sides, "joints"?: [joint]≤1000,
///                "nerves"?: [nerve]≤1000 }
/// joint      = { "level": text≤64 (normalised by LevelName), "side": Sides }
/// nerve      = { "nerve": text≤64 (normalised by NerveName), "side": Sides }
/// historyEntry = { "date": "YYYY-MM-DD", "kind": text, "purpose"?: Purposes, "technique"?: Techniques,
///                "joints"?: [joint]≤1000, "nerves"?: [nerve]≤1000, "reliefPercent"?: number 0..100,
///                "reliefDurationMonths"?: number ≥ 0 }
/// billedLine = { "code": text, "modifiers"?: [string], "units"?: integer ≥ 1 (default 1) }
/// text       = non-empty string;  "?" = optional, and a JSON null means absent
/// </code>
/// </summary>
/// <remarks>
/// Single pass over <see cref="Utf8JsonReader"/>; no DOM, no reflection. A valid small record costs the strings
/// and records it produces plus about one array per JSON array. Never throws on any input: malformed JSON is
/// CR5001 (and only that, since the rest of a broken record cannot be judged), the other CR5xxx errors are all
/// collected, in document order, up to <see cref="EncounterContract.MaxErrors"/>. Thread-safe (no shared state).
/// </remarks>
public static partial class EncounterReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        MaxDepth = EncounterContract.MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private static readonly AllowedValues Techniques = new(EncounterContract.Techniques);
    private static readonly AllowedValues ImagingModes = new(EncounterContract.ImagingModes);
    private static readonly AllowedValues Purposes = new(EncounterContract.Purposes);
    private static readonly AllowedValues Sides = new(EncounterContract.Sides);
    private static readonly AllowedValues ClaimTypes = new(EncounterContract.ClaimTypes);

    private static readonly string RecordTooLarge = Invariant($"the record is larger than {EncounterContract.MaxRecordBytes} bytes");
    private static readonly string TooManyProcedures = TooMany("procedures", EncounterContract.MaxProcedures);
    private static readonly string TooManyDiagnoses = TooMany("diagnoses", EncounterContract.MaxDiagnoses);
    private static readonly string TooManyBilledLines = TooMany("billed", EncounterContract.MaxBilledLines);
    private static readonly string IdTooLong = Invariant($"'id' is longer than {EncounterContract.MaxIdLength} characters");
    private static readonly string UnitsRange = Invariant($"an integer from {EncounterContract.MinUnits} to {int.MaxValue}");

    /// <summary>
    /// Reads and validates one record. A leading UTF-8 byte order mark is ignored. Never throws.
    /// </summary>
    /// <param name="utf8Json">The record: one JSON object, UTF-8 encoded.</param>
    /// <returns>The encounter, or the input errors (with the record's id when one could be read).</returns>
    public static EncounterReadResult Read(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        if (utf8Json.Length > EncounterContract.MaxRecordBytes)
        {
            var tooLarge = DiagnosticDescriptors.CR5007_InputLimit;
            return new EncounterReadResult(null, null, [new InputError(string.Empty, tooLarge, tooLarge.Format([RecordTooLarge]))]);
        }

        var parser = new RecordParser(utf8Json);
        return parser.Parse();
    }

    private static string TooMany(string field, int limit) => Invariant($"'{field}' has more than {limit} items");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string TypeName(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    // Values echoed in messages are cut short so that a hostile record cannot make its error result huge.
    private static string Shorten(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "...");

    /// <summary>One enumerated field's allowed values, as strings, as UTF-8 for matching, and as message text.</summary>
    private sealed class AllowedValues
    {
        public AllowedValues(ImmutableArray<string> values)
        {
            Values = values;
            Utf8 = [.. values.Select(Encoding.UTF8.GetBytes)];
            Expected = "one of " + string.Join(", ", values);
        }

        public ImmutableArray<string> Values { get; }

        public ImmutableArray<byte[]> Utf8 { get; }

        public string Expected { get; }
    }
}

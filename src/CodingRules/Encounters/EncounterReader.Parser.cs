using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using CodingRules.Diagnostics;

namespace CodingRules.Encounters;

public static partial class EncounterReader
{
    /// <summary>
    /// The state of one read: the JSON reader, where it is (for error paths), the errors so far and the id once
    /// seen. Lives on the stack. Every <c>Read…</c> method starts on the first token of a value and ends on its
    /// last token, whatever the value holds.
    /// </summary>
    private ref partial struct Parser
    {
        private Utf8JsonReader _reader;
        private JsonPointerPath _path;
        private List<InputError>? _errors;
        private string? _encounterId;

        public Parser(ReadOnlySpan<byte> utf8Json)
        {
            _reader = new Utf8JsonReader(utf8Json, Options);
        }

        private readonly bool HasErrors => _errors is not null;

        public EncounterReadResult Parse()
        {
            Encounter? encounter = null;
            try
            {
                Next();
                if (_reader.TokenType == JsonTokenType.StartObject)
                {
                    encounter = ReadEncounter();
                }
                else
                {
                    Report(DiagnosticDescriptors.CR5003_WrongType, "object", TypeName(_reader.TokenType));
                    _reader.Skip();
                }

                // Note: the reader is in final-block mode, so this throws on anything but white space after the value.
                _ = _reader.Read();
            }
            catch (JsonException ex)
            {
                ReportInvalidJson(ex.Message);
            }
            catch (InvalidOperationException ex)
            {
                // Note: Utf8JsonReader reports text that cannot be decoded (invalid UTF-8, a lone surrogate escape)
                // this way, when a string is read rather than when it is scanned.
                ReportInvalidJson(ex.Message);
            }

            ImmutableArray<InputError> errors = _errors is null ? [] : [.. _errors];
            return new EncounterReadResult(errors.IsEmpty ? encounter : null, _encounterId, errors);
        }

        private void ReportInvalidJson(string message)
        {
            _errors?.Clear();
            Report(DiagnosticDescriptors.CR5001_InvalidJson, message);
        }

        private void Report(DiagnosticDescriptor descriptor, params object?[] arguments) =>
            Add(_path.ToPointer(), descriptor, arguments);

        private void ReportAt(string child, DiagnosticDescriptor descriptor, params object?[] arguments) =>
            Add(_path.ToPointer(child), descriptor, arguments);

        private void Add(string path, DiagnosticDescriptor descriptor, object?[] arguments)
        {
            _errors ??= [];
            if (_errors.Count < EncounterContract.MaxErrors)
            {
                _errors.Add(new InputError(path, descriptor, descriptor.Format(arguments)));
            }
        }

        private void Next()
        {
            // Note: in final-block mode the reader throws on truncated input itself; this is a second guard.
            if (!_reader.Read())
            {
                throw new JsonException("The record ends before its JSON value is complete.");
            }
        }

        /// <summary>Moves to the next property name of the current object; false at the object's end.</summary>
        private bool NextProperty()
        {
            Next();
            return _reader.TokenType != JsonTokenType.EndObject;
        }

        /// <summary>
        /// Moves to item <paramref name="index"/> of the current array; false at the array's end. Past
        /// <paramref name="maxItems"/>, reports the limit once and skips the rest of the array without reading it.
        /// </summary>
        private bool NextItem(int index, int maxItems, string limit)
        {
            Next();
            if (_reader.TokenType == JsonTokenType.EndArray)
            {
                return false;
            }

            if (index < maxItems)
            {
                return true;
            }

            Report(DiagnosticDescriptors.CR5007_InputLimit, limit);
            do
            {
                _reader.Skip();
                Next();
            }
            while (_reader.TokenType != JsonTokenType.EndArray);
            return false;
        }

        /// <summary>
        /// On a property name matched to <paramref name="field"/> (-1 when unknown): reports an unknown or repeated
        /// property and skips it (false), or enters it and moves to its value (true; the caller pops the path).
        /// </summary>
        private bool Claim(int field, ref uint seen, string[] names)
        {
            if (field < 0)
            {
                string name = _reader.GetString()!;
                ReportAt(name, DiagnosticDescriptors.CR5005_UnknownField, name);
                _reader.Skip();
                return false;
            }

            uint bit = 1u << field;
            if ((seen & bit) != 0)
            {
                ReportAt(names[field], DiagnosticDescriptors.CR5009_DuplicateField, names[field]);
                _reader.Skip();
                return false;
            }

            seen |= bit;
            _path.Push(names[field]);
            Next();
            return true;
        }

        /// <summary>Reports each required field (a bit of <paramref name="required"/>) that was not seen.</summary>
        private void RequireAll(uint seen, uint required, string[] names)
        {
            for (int field = 0; field < names.Length; field++)
            {
                uint bit = 1u << field;
                if ((required & bit) != 0 && (seen & bit) == 0)
                {
                    ReportAt(names[field], DiagnosticDescriptors.CR5002_MissingField, names[field]);
                }
            }
        }

        /// <summary>True when the value is of <paramref name="type"/>; otherwise reports it and skips it.</summary>
        private bool Expect(JsonTokenType type, string expected)
        {
            if (_reader.TokenType == type)
            {
                return true;
            }

            Report(DiagnosticDescriptors.CR5003_WrongType, expected, TypeName(_reader.TokenType));
            _reader.Skip();
            return false;
        }

        private string? ReadOptionalString() =>
            _reader.TokenType != JsonTokenType.Null && Expect(JsonTokenType.String, "string") ? _reader.GetString() : null;

        /// <summary>A required, non-empty string, or null when it is not one (reported).</summary>
        private string? ReadText(string field) =>
            Expect(JsonTokenType.String, "string") ? CheckText(_reader.GetString()!, field) : null;

        private string? CheckText(string value, string field)
        {
            if (value.Length != 0)
            {
                return value;
            }

            Report(DiagnosticDescriptors.CR5008_EmptyValue, field);
            return null;
        }

        /// <summary>The index of the value in <paramref name="allowed"/>, or -1 when absent (null) or invalid.</summary>
        private int ReadChoice(AllowedValues allowed, bool optional)
        {
            if ((optional && _reader.TokenType == JsonTokenType.Null) || !Expect(JsonTokenType.String, "string"))
            {
                return -1;
            }

            for (int i = 0; i < allowed.Utf8.Length; i++)
            {
                if (_reader.ValueTextEquals(allowed.Utf8[i]))
                {
                    return i;
                }
            }

            Report(DiagnosticDescriptors.CR5004_ValueNotAllowed, Shorten(_reader.GetString()!), allowed.Expected);
            return -1;
        }

        private string? ReadOptionalChoice(AllowedValues allowed)
        {
            int index = ReadChoice(allowed, optional: true);
            return index < 0 ? null : allowed.Values[index];
        }

        private ImmutableArray<string> ReadStrings(int maxItems, string limit)
        {
            if (_reader.TokenType == JsonTokenType.Null || !Expect(JsonTokenType.StartArray, "array"))
            {
                return [];
            }

            var items = new ItemList<string>();
            for (int i = 0; NextItem(i, maxItems, limit); i++)
            {
                _path.Push(i);
                if (Expect(JsonTokenType.String, "string"))
                {
                    items.Add(_reader.GetString()!);
                }

                _path.Pop();
            }

            return items.ToImmutable();
        }

        private DateOnly? ReadDate()
        {
            if (!Expect(JsonTokenType.String, "string"))
            {
                return null;
            }

            scoped ReadOnlySpan<byte> text = _reader.ValueSpan;
            Span<byte> unescaped = stackalloc byte[64];
            if (_reader.ValueIsEscaped)
            {
                // A date is 10 characters; escaped, each takes at most 6 bytes, so longer text cannot be one.
                text = text.Length <= unescaped.Length ? unescaped[.._reader.CopyString(unescaped)] : default;
            }

            if (IsoDate.TryParse(text, out DateOnly date))
            {
                return date;
            }

            Report(DiagnosticDescriptors.CR5006_InvalidDate, Shorten(_reader.GetString()!));
            return null;
        }

        private double? ReadNumber()
        {
            if (_reader.TokenType == JsonTokenType.Null || !Expect(JsonTokenType.Number, "number"))
            {
                return null;
            }

            // Note: TryGetDouble accepts 1e400 as infinity; the rules compare temperatures, so only finite values pass.
            if (_reader.TryGetDouble(out double value) && double.IsFinite(value))
            {
                return value;
            }

            Report(DiagnosticDescriptors.CR5004_ValueNotAllowed, Shorten(Encoding.UTF8.GetString(_reader.ValueSpan)), "a finite number");
            return null;
        }

        private int ReadUnits()
        {
            if (_reader.TokenType == JsonTokenType.Null || !Expect(JsonTokenType.Number, "integer"))
            {
                return EncounterContract.MinUnits;
            }

            if (_reader.TryGetInt32(out int units) && units >= EncounterContract.MinUnits)
            {
                return units;
            }

            ReadOnlySpan<byte> text = _reader.ValueSpan;
            if (text.IndexOfAny(".eE"u8) >= 0)
            {
                // Note: 2.0 and 1e2 are written as fractions; like JSON Schema validators, we do not take them as integers.
                Report(DiagnosticDescriptors.CR5003_WrongType, "integer", "number");
            }
            else
            {
                Report(DiagnosticDescriptors.CR5004_ValueNotAllowed, Shorten(Encoding.UTF8.GetString(text)), UnitsRange);
            }

            return EncounterContract.MinUnits;
        }
    }
}

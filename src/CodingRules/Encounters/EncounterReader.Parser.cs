using System.Collections.Immutable;
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
    private ref partial struct RecordParser
    {
        private Utf8JsonReader _reader;
        private JsonPointerPath _path;
        private List<InputError>? _errors;
        private string? _encounterId;

        public RecordParser(ReadOnlySpan<byte> utf8Json)
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
    }
}

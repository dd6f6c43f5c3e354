using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using CodingRules.Diagnostics;

namespace CodingRules.Encounters;

public static partial class EncounterReader
{
    // The scalar and string-list values of the contract. Each method starts on the value and ends on its last token.
    private ref partial struct RecordParser
    {
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

        /// <summary>An optional finite number, or null when absent (null) or invalid (reported).</summary>
        private double? ReadNumber() => ReadNumber(double.MinValue, double.MaxValue, "a finite number");

        /// <summary>
        /// An optional number from <paramref name="min"/> to <paramref name="max"/> (both included), or null when
        /// absent (null) or invalid (reported as CR5004 expecting <paramref name="expected"/>).
        /// </summary>
        private double? ReadNumber(double min, double max, string expected)
        {
            if (_reader.TokenType == JsonTokenType.Null || !Expect(JsonTokenType.Number, "number"))
            {
                return null;
            }

            // Note: TryGetDouble accepts 1e400 as infinity; the rules compare numbers, so only finite values pass
            // (a finite range excludes the infinities).
            if (_reader.TryGetDouble(out double value) && value >= min && value <= max)
            {
                return value;
            }

            Report(DiagnosticDescriptors.CR5004_ValueNotAllowed, Shorten(Encoding.UTF8.GetString(_reader.ValueSpan)), expected);
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

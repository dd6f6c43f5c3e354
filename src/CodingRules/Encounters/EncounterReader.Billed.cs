using System.Collections.Immutable;
using System.Text.Json;

namespace CodingRules.Encounters;

public static partial class EncounterReader
{
    private static class BilledField
    {
        public const int Code = 0, Modifiers = 1, Units = 2;
        public const uint Required = 1u << Code;
        public static readonly string[] Names = ["code", "modifiers", "units"];
    }

    private ref partial struct RecordParser
    {
        private ImmutableArray<BilledLine> ReadBilledLines()
        {
            if (_reader.TokenType == JsonTokenType.Null || !Expect(JsonTokenType.StartArray, "array"))
            {
                return [];
            }

            var items = new ItemList<BilledLine>();
            for (int i = 0; NextItem(i, EncounterContract.MaxBilledLines, TooManyBilledLines); i++)
            {
                _path.Push(i);
                if (Expect(JsonTokenType.StartObject, "object") && ReadBilledLine() is { } line)
                {
                    items.Add(line);
                }

                _path.Pop();
            }

            return items.ToImmutable();
        }

        private BilledLine? ReadBilledLine()
        {
            string? code = null;
            ImmutableArray<string> modifiers = [];
            int units = EncounterContract.MinUnits;
            uint seen = 0;
            while (NextProperty())
            {
                int field = _reader.ValueTextEquals("code"u8) ? BilledField.Code
                    : _reader.ValueTextEquals("modifiers"u8) ? BilledField.Modifiers
                    : _reader.ValueTextEquals("units"u8) ? BilledField.Units
                    : -1;
                if (!Claim(field, ref seen, BilledField.Names))
                {
                    continue;
                }

                switch (field)
                {
                    case BilledField.Code: code = ReadText("code"); break;
                    case BilledField.Modifiers: modifiers = ReadStrings(int.MaxValue, string.Empty); break;
                    default: units = ReadUnits(); break;
                }

                _path.Pop();
            }

            RequireAll(seen, BilledField.Required, BilledField.Names);
            return HasErrors ? null : new BilledLine(code!, modifiers, units);
        }
    }
}

using System.Collections.Immutable;
using System.Text.Json;

namespace CodingRules.Encounters;

public static partial class EncounterReader
{
    private static class ProcedureField
    {
        public const int Kind = 0, Technique = 1, TemperatureCelsius = 2, Imaging = 3, Purpose = 4, Side = 5, Joints = 6, Nerves = 7;
        public const uint Required = 1u << Kind;
        public static readonly string[] Names = ["kind", "technique", "temperatureCelsius", "imaging", "purpose", "side", "joints", "nerves"];
    }

    private ref partial struct RecordParser
    {
        private ImmutableArray<Procedure> ReadProcedures()
        {
            if (!Expect(JsonTokenType.StartArray, "array"))
            {
                return [];
            }

            var items = new ItemList<Procedure>();
            for (int i = 0; NextItem(i, EncounterContract.MaxProcedures, TooManyProcedures); i++)
            {
                _path.Push(i);
                if (Expect(JsonTokenType.StartObject, "object") && ReadProcedure() is { } procedure)
                {
                    items.Add(procedure);
                }

                _path.Pop();
            }

            return items.ToImmutable();
        }

        private Procedure? ReadProcedure()
        {
            string? kind = null, technique = null, imaging = null, purpose = null;
            Side? side = null;
            double? temperature = null;
            ImmutableArray<JointTarget> joints = [];
            ImmutableArray<NerveTarget> nerves = [];
            uint seen = 0;
            while (NextProperty())
            {
                int field = MatchProcedureField();
                if (!Claim(field, ref seen, ProcedureField.Names))
                {
                    continue;
                }

                switch (field)
                {
                    case ProcedureField.Kind: kind = ReadText("kind"); break;
                    case ProcedureField.Technique: technique = ReadOptionalChoice(Techniques); break;
                    case ProcedureField.TemperatureCelsius: temperature = ReadNumber(); break;
                    case ProcedureField.Imaging: imaging = ReadOptionalChoice(ImagingModes); break;
                    case ProcedureField.Purpose: purpose = ReadOptionalChoice(Purposes); break;
                    case ProcedureField.Side: side = ReadChoice(Sides, optional: true) is var s and >= 0 ? (Side)s : null; break;
                    case ProcedureField.Joints: joints = ReadTargets(JointShape); break;
                    default: nerves = ReadTargets(NerveShape); break;
                }

                _path.Pop();
            }

            RequireAll(seen, ProcedureField.Required, ProcedureField.Names);
            return HasErrors ? null : new Procedure(kind!, technique, temperature, imaging, purpose, side, joints) { Nerves = nerves };
        }

        private int MatchProcedureField() =>
            _reader.ValueTextEquals("kind"u8) ? ProcedureField.Kind
            : _reader.ValueTextEquals("joints"u8) ? ProcedureField.Joints
            : _reader.ValueTextEquals("nerves"u8) ? ProcedureField.Nerves
            : _reader.ValueTextEquals("technique"u8) ? ProcedureField.Technique
            : _reader.ValueTextEquals("temperatureCelsius"u8) ? ProcedureField.TemperatureCelsius
            : _reader.ValueTextEquals("imaging"u8) ? ProcedureField.Imaging
            : _reader.ValueTextEquals("purpose"u8) ? ProcedureField.Purpose
            : _reader.ValueTextEquals("side"u8) ? ProcedureField.Side
            : -1;
    }
}

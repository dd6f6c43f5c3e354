using System.Collections.Immutable;
using System.Text.Json;
using CodingRules.Diagnostics;

namespace CodingRules.Encounters;

public static partial class EncounterReader
{
    private static class ProcedureField
    {
        public const int Kind = 0, Technique = 1, TemperatureCelsius = 2, Imaging = 3, Purpose = 4, Side = 5, Joints = 6;
        public const uint Required = 1u << Kind;
        public static readonly string[] Names = ["kind", "technique", "temperatureCelsius", "imaging", "purpose", "side", "joints"];
    }

    private static class JointField
    {
        public const int Level = 0, Side = 1;
        public const uint Required = (1u << Level) | (1u << Side);
        public static readonly string[] Names = ["level", "side"];
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
            string? kind = null, technique = null, imaging = null, purpose = null, side = null;
            double? temperature = null;
            ImmutableArray<JointTarget> joints = [];
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
                    case ProcedureField.Side: side = ReadOptionalChoice(Sides); break;
                    default: joints = ReadJoints(); break;
                }

                _path.Pop();
            }

            RequireAll(seen, ProcedureField.Required, ProcedureField.Names);
            return HasErrors ? null : new Procedure(kind!, technique, temperature, imaging, purpose, side, joints);
        }

        private int MatchProcedureField() =>
            _reader.ValueTextEquals("kind"u8) ? ProcedureField.Kind
            : _reader.ValueTextEquals("joints"u8) ? ProcedureField.Joints
            : _reader.ValueTextEquals("technique"u8) ? ProcedureField.Technique
            : _reader.ValueTextEquals("temperatureCelsius"u8) ? ProcedureField.TemperatureCelsius
            : _reader.ValueTextEquals("imaging"u8) ? ProcedureField.Imaging
            : _reader.ValueTextEquals("purpose"u8) ? ProcedureField.Purpose
            : _reader.ValueTextEquals("side"u8) ? ProcedureField.Side
            : -1;

        private ImmutableArray<JointTarget> ReadJoints()
        {
            if (_reader.TokenType == JsonTokenType.Null || !Expect(JsonTokenType.StartArray, "array"))
            {
                return [];
            }

            var items = new ItemList<JointTarget>();
            for (int i = 0; NextItem(i, EncounterContract.MaxJoints, TooManyJoints); i++)
            {
                _path.Push(i);
                if (Expect(JsonTokenType.StartObject, "object") && ReadJoint() is { } joint)
                {
                    items.Add(joint);
                }

                _path.Pop();
            }

            return items.ToImmutable();
        }

        private JointTarget? ReadJoint()
        {
            string? level = null;
            int side = -1;
            uint seen = 0;
            while (NextProperty())
            {
                int field = _reader.ValueTextEquals("level"u8) ? JointField.Level
                    : _reader.ValueTextEquals("side"u8) ? JointField.Side
                    : -1;
                if (!Claim(field, ref seen, JointField.Names))
                {
                    continue;
                }

                if (field == JointField.Level)
                {
                    level = ReadLevel();
                }
                else
                {
                    side = ReadChoice(Sides, optional: false);
                }

                _path.Pop();
            }

            RequireAll(seen, JointField.Required, JointField.Names);
            return HasErrors ? null : new JointTarget(level!, (Side)side);
        }

        private string? ReadLevel()
        {
            if (!Expect(JsonTokenType.String, "string"))
            {
                return null;
            }

            string level = _reader.GetString()!;
            if (level.Length > EncounterContract.MaxLevelLength)
            {
                Report(DiagnosticDescriptors.CR5007_InputLimit, LevelTooLong);
                return null;
            }

            // Note: white space alone normalises to nothing, which names no level; it counts as empty.
            return CheckText(LevelName.Normalize(level), "level");
        }
    }
}

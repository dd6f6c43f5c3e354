using System.Collections.Immutable;
using System.Text.Json;

namespace CodingRules.Encounters;

public static partial class EncounterReader
{
    // Field numbers are bit positions in a "seen" mask and indexes into Names; Required is the mask of required ones.
    private static class EncounterField
    {
        public const int Id = 0, DateOfService = 1, Payer = 2, PlaceOfService = 3, Diagnoses = 4, Procedures = 5, History = 6, Billed = 7;
        public const uint Required = (1u << Id) | (1u << DateOfService) | (1u << Procedures);
        public static readonly string[] Names = ["id", "dateOfService", "payer", "placeOfService", "diagnoses", "procedures", "history", "billed"];
    }

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

    private static class BilledField
    {
        public const int Code = 0, Modifiers = 1, Units = 2;
        public const uint Required = 1u << Code;
        public static readonly string[] Names = ["code", "modifiers", "units"];
    }

    private ref partial struct Parser
    {
        private Encounter? ReadEncounter()
        {
            string? id = null, payer = null, placeOfService = null;
            DateOnly? dateOfService = null;
            ImmutableArray<string> diagnoses = [];
            ImmutableArray<Procedure> procedures = [];
            ImmutableArray<BilledLine> billed = [];
            uint seen = 0;
            while (NextProperty())
            {
                int field = MatchEncounterField();
                if (!Claim(field, ref seen, EncounterField.Names))
                {
                    continue;
                }

                switch (field)
                {
                    case EncounterField.Id: id = ReadId(); break;
                    case EncounterField.DateOfService: dateOfService = ReadDate(); break;
                    case EncounterField.Payer: payer = ReadOptionalString(); break;
                    case EncounterField.PlaceOfService: placeOfService = ReadOptionalString(); break;
                    case EncounterField.Diagnoses: diagnoses = ReadStrings(EncounterContract.MaxDiagnoses, TooManyDiagnoses); break;
                    case EncounterField.Procedures: procedures = ReadProcedures(); break;
                    case EncounterField.History: SkipHistory(); break;
                    default: billed = ReadBilledLines(); break;
                }

                _path.Pop();
            }

            RequireAll(seen, EncounterField.Required, EncounterField.Names);
            return HasErrors ? null : new Encounter(id!, dateOfService!.Value, payer, placeOfService, diagnoses, procedures, billed);
        }

        private int MatchEncounterField() =>
            _reader.ValueTextEquals("id"u8) ? EncounterField.Id
            : _reader.ValueTextEquals("dateOfService"u8) ? EncounterField.DateOfService
            : _reader.ValueTextEquals("procedures"u8) ? EncounterField.Procedures
            : _reader.ValueTextEquals("payer"u8) ? EncounterField.Payer
            : _reader.ValueTextEquals("placeOfService"u8) ? EncounterField.PlaceOfService
            : _reader.ValueTextEquals("diagnoses"u8) ? EncounterField.Diagnoses
            : _reader.ValueTextEquals("history"u8) ? EncounterField.History
            : _reader.ValueTextEquals("billed"u8) ? EncounterField.Billed
            : -1;

        private string? ReadId()
        {
            if (!Expect(JsonTokenType.String, "string"))
            {
                return null;
            }

            string id = _reader.GetString()!;
            if (id.Length > EncounterContract.MaxIdLength)
            {
                Report(Diagnostics.DiagnosticDescriptors.CR5007_InputLimit, IdTooLong);
                return null;
            }

            _encounterId = id;
            return CheckText(id, "id");
        }

        private void SkipHistory()
        {
            // Reserved for a later feature: the items must be objects; what they hold is not read.
            if (_reader.TokenType == JsonTokenType.Null || !Expect(JsonTokenType.StartArray, "array"))
            {
                return;
            }

            for (int i = 0; NextItem(i, int.MaxValue, string.Empty); i++)
            {
                _path.Push(i);
                if (Expect(JsonTokenType.StartObject, "object"))
                {
                    _reader.Skip();
                }

                _path.Pop();
            }
        }

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
                Report(Diagnostics.DiagnosticDescriptors.CR5007_InputLimit, LevelTooLong);
                return null;
            }

            // Note: white space alone normalises to nothing, which names no level; it counts as empty.
            return CheckText(LevelName.Normalize(level), "level");
        }

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

using System.Collections.Immutable;
using System.Text.Json;
using CodingRules.Diagnostics;

namespace CodingRules.Encounters;

public static partial class EncounterReader
{
    // Field numbers are bit positions in a "seen" mask and indexes into Names; Required is the mask of required ones.
    private static class EncounterField
    {
        public const int Id = 0, DateOfService = 1, Payer = 2, PlaceOfService = 3, Diagnoses = 4, Procedures = 5, History = 6, Billed = 7,
            PriorAuthorization = 8, ClaimType = 9;
        public const uint Required = (1u << Id) | (1u << DateOfService) | (1u << Procedures);
        public static readonly string[] Names = ["id", "dateOfService", "payer", "placeOfService", "diagnoses", "procedures", "history", "billed",
            "priorAuthorization", "claimType"];
    }

    private ref partial struct RecordParser
    {
        private Encounter? ReadEncounter()
        {
            string? id = null, payer = null, placeOfService = null, priorAuthorization = null, claimType = null;
            DateOnly? dateOfService = null;
            ImmutableArray<string> diagnoses = [];
            ImmutableArray<Procedure> procedures = [];
            ImmutableArray<BilledLine> billed = [];
            ImmutableArray<HistoryEntry> history = [];
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
                    case EncounterField.History: history = ReadHistory(); break;
                    case EncounterField.PriorAuthorization: priorAuthorization = ReadPriorAuthorization(); break;
                    case EncounterField.ClaimType: claimType = ReadOptionalChoice(ClaimTypes); break;
                    default: billed = ReadBilledLines(); break;
                }

                _path.Pop();
            }

            RequireAll(seen, EncounterField.Required, EncounterField.Names);
            return HasErrors
                ? null
                : new Encounter(id!, dateOfService!.Value, payer, placeOfService, diagnoses, procedures, billed)
                {
                    History = history,
                    PriorAuthorization = priorAuthorization,
                    ClaimType = claimType,
                };
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
            : _reader.ValueTextEquals("priorAuthorization"u8) ? EncounterField.PriorAuthorization
            : _reader.ValueTextEquals("claimType"u8) ? EncounterField.ClaimType
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
                Report(DiagnosticDescriptors.CR5007_InputLimit, IdTooLong);
                return null;
            }

            _encounterId = id;
            return CheckText(id, "id");
        }
    }
}

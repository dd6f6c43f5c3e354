using System.Collections.Immutable;
using System.Text.Json;

namespace CodingRules.Encounters;

public static partial class EncounterReader
{
    private static class HistoryField
    {
        public const int Date = 0, Kind = 1, Purpose = 2, Technique = 3, Joints = 4, Nerves = 5, ReliefPercent = 6, ReliefDurationMonths = 7;
        public const uint Required = (1u << Date) | (1u << Kind);
        public static readonly string[] Names = ["date", "kind", "purpose", "technique", "joints", "nerves", "reliefPercent", "reliefDurationMonths"];
    }

    private static readonly string TooManyHistoryEntries = TooMany("history", EncounterContract.MaxHistoryEntries);
    private static readonly string ReliefPercentRange =
        Invariant($"a number from {EncounterContract.MinReliefPercent} to {EncounterContract.MaxReliefPercent}");
    private static readonly string ReliefDurationRange = Invariant($"a finite number of at least {EncounterContract.MinReliefDurationMonths}");

    private ref partial struct RecordParser
    {
        private ImmutableArray<HistoryEntry> ReadHistory()
        {
            if (_reader.TokenType == JsonTokenType.Null || !Expect(JsonTokenType.StartArray, "array"))
            {
                return [];
            }

            var items = new ItemList<HistoryEntry>();
            for (int i = 0; NextItem(i, EncounterContract.MaxHistoryEntries, TooManyHistoryEntries); i++)
            {
                _path.Push(i);
                if (Expect(JsonTokenType.StartObject, "object") && ReadHistoryEntry() is { } entry)
                {
                    items.Add(entry);
                }

                _path.Pop();
            }

            return items.ToImmutable();
        }

        private HistoryEntry? ReadHistoryEntry()
        {
            DateOnly? date = null;
            string? kind = null, purpose = null, technique = null;
            double? reliefPercent = null, reliefDurationMonths = null;
            ImmutableArray<JointTarget> joints = [];
            ImmutableArray<NerveTarget> nerves = [];
            uint seen = 0;
            while (NextProperty())
            {
                int field = MatchHistoryField();
                if (!Claim(field, ref seen, HistoryField.Names))
                {
                    continue;
                }

                switch (field)
                {
                    case HistoryField.Date: date = ReadDate(); break;
                    case HistoryField.Kind: kind = ReadText("kind"); break;
                    case HistoryField.Purpose: purpose = ReadOptionalChoice(Purposes); break;
                    case HistoryField.Technique: technique = ReadOptionalChoice(Techniques); break;
                    case HistoryField.Joints: joints = ReadTargets(JointShape); break;
                    case HistoryField.Nerves: nerves = ReadTargets(NerveShape); break;
                    case HistoryField.ReliefPercent:
                        reliefPercent = ReadNumber(EncounterContract.MinReliefPercent, EncounterContract.MaxReliefPercent, ReliefPercentRange);
                        break;
                    default:
                        reliefDurationMonths = ReadNumber(EncounterContract.MinReliefDurationMonths, double.MaxValue, ReliefDurationRange);
                        break;
                }

                _path.Pop();
            }

            RequireAll(seen, HistoryField.Required, HistoryField.Names);

            // Note: once the record has an error it yields no encounter, so later entries need not be built.
            return HasErrors
                ? null
                : new HistoryEntry(date!.Value, kind!, purpose, technique, joints, reliefPercent, reliefDurationMonths) { Nerves = nerves };
        }

        private int MatchHistoryField() =>
            _reader.ValueTextEquals("date"u8) ? HistoryField.Date
            : _reader.ValueTextEquals("kind"u8) ? HistoryField.Kind
            : _reader.ValueTextEquals("joints"u8) ? HistoryField.Joints
            : _reader.ValueTextEquals("nerves"u8) ? HistoryField.Nerves
            : _reader.ValueTextEquals("purpose"u8) ? HistoryField.Purpose
            : _reader.ValueTextEquals("technique"u8) ? HistoryField.Technique
            : _reader.ValueTextEquals("reliefPercent"u8) ? HistoryField.ReliefPercent
            : _reader.ValueTextEquals("reliefDurationMonths"u8) ? HistoryField.ReliefDurationMonths
            : -1;
    }
}

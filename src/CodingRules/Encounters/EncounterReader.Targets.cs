using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using CodingRules.Diagnostics;

namespace CodingRules.Encounters;

public static partial class EncounterReader
{
    private static readonly TargetShape<JointTarget> JointShape = new(
        "joints", EncounterContract.MaxJoints, "level", EncounterContract.MaxLevelLength, LevelName.Normalize,
        static (level, side) => new JointTarget(level, side));

    private static readonly TargetShape<NerveTarget> NerveShape = new(
        "nerves", EncounterContract.MaxNerves, "nerve", EncounterContract.MaxNerveLength, NerveName.Normalize,
        static (nerve, side) => new NerveTarget(nerve, side));

    // Field numbers of a target object (see RecordParser.ReadTarget); the names come from its TargetShape.
    private static class TargetField
    {
        public const int Name = 0, Side = 1;
        public const uint Required = (1u << Name) | (1u << Side);
    }

    /// <summary>
    /// What a procedure's joints and nerves have in common: an array of closed objects holding a required name
    /// (length-limited, then normalised) and a required side. One reading loop serves both, so they cannot drift.
    /// </summary>
    private sealed class TargetShape<T>(
        string arrayField, int maxItems, string nameField, int maxNameLength, Func<string, string> normalize, Func<string, Side, T> create)
    {
        public int MaxItems { get; } = maxItems;

        public string TooMany { get; } = EncounterReader.TooMany(arrayField, maxItems);

        public byte[] NameUtf8 { get; } = Encoding.UTF8.GetBytes(nameField);

        /// <summary>The object's field names, indexed by <see cref="TargetField"/>.</summary>
        public string[] Names { get; } = [nameField, "side"];

        public int MaxNameLength { get; } = maxNameLength;

        public string NameTooLong { get; } = Invariant($"'{nameField}' is longer than {maxNameLength} characters");

        public Func<string, string> Normalize { get; } = normalize;

        public Func<string, Side, T> Create { get; } = create;
    }

    private ref partial struct RecordParser
    {
        private ImmutableArray<T> ReadTargets<T>(TargetShape<T> shape)
        {
            if (_reader.TokenType == JsonTokenType.Null || !Expect(JsonTokenType.StartArray, "array"))
            {
                return [];
            }

            var items = new ItemList<T>();
            for (int i = 0; NextItem(i, shape.MaxItems, shape.TooMany); i++)
            {
                _path.Push(i);
                if (Expect(JsonTokenType.StartObject, "object") && ReadTarget(shape, out string? name, out Side side))
                {
                    items.Add(shape.Create(name, side));
                }

                _path.Pop();
            }

            return items.ToImmutable();
        }

        /// <summary>Reads one target object; true when the record has no errors so far (name and side are set).</summary>
        private bool ReadTarget<T>(TargetShape<T> shape, [NotNullWhen(true)] out string? name, out Side side)
        {
            name = null;
            int sideIndex = -1;
            uint seen = 0;
            while (NextProperty())
            {
                int field = _reader.ValueTextEquals(shape.NameUtf8) ? TargetField.Name
                    : _reader.ValueTextEquals("side"u8) ? TargetField.Side
                    : -1;
                if (!Claim(field, ref seen, shape.Names))
                {
                    continue;
                }

                if (field == TargetField.Name)
                {
                    name = ReadTargetName(shape);
                }
                else
                {
                    sideIndex = ReadChoice(Sides, optional: false);
                }

                _path.Pop();
            }

            RequireAll(seen, TargetField.Required, shape.Names);
            side = (Side)sideIndex;
            return !HasErrors && name is not null;
        }

        private string? ReadTargetName<T>(TargetShape<T> shape)
        {
            if (!Expect(JsonTokenType.String, "string"))
            {
                return null;
            }

            string text = _reader.GetString()!;
            if (text.Length > shape.MaxNameLength)
            {
                Report(DiagnosticDescriptors.CR5007_InputLimit, shape.NameTooLong);
                return null;
            }

            // Note: white space alone normalises to nothing, which names nothing; it counts as empty.
            return CheckText(shape.Normalize(text), shape.Names[TargetField.Name]);
        }
    }
}

using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using CodingRules.Encounters;
using CodingRules.Results;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.Properties;

/// <summary>
/// Invariants of evaluation with the shipped facet rule set, over generated encounters: joint order, duplicates and
/// bilateral spelling never change the coding; units per side equal distinct joints per side; evaluation is
/// deterministic and never throws on any record, valid or not.
/// </summary>
public sealed class EvaluationProperties
{
    private static readonly string[] LumbarLevels = ["L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"];

    private static readonly string[] KnownLevels =
    [
        "C2-C3", "C3-C4", "C4-C5", "C5-C6", "C6-C7", "C7-T1", "T1-T2", "T2-T3", "T3-T4", "T4-T5", "T5-T6", "T6-T7",
        "T7-T8", "T8-T9", "T9-T10", "T10-T11", "T11-T12", "T12-L1", .. LumbarLevels,
    ];

    private static readonly string[] UnknownLevels = ["C1-C2", "S1-S2", "L5-L6", "T12-T13", "sacrum", "X", ""];

    private static readonly string?[] Techniques = ["radiofrequency", "radiofrequency", "pulsed-radiofrequency", "chemical", "cryoablation", null];

    private static readonly string?[] Imagings = ["fluoroscopy", "ct", "fluoroscopy", "ultrasound", "none", null];

    private static readonly double?[] Temperatures = [80, 90, 79.9, 60, null];

    private static readonly Side[] Sides = [Side.Left, Side.Right, Side.Bilateral];

    private static Gen<JointTarget> AnyJoint { get; } =
        from level in Gen.Frequency((4, Gen.Elements(KnownLevels)), (1, Gen.Elements(UnknownLevels)))
        from side in Gen.Elements(Sides)
        select new JointTarget(level, side);

    private static Gen<JointTarget> KnownJoint { get; } =
        from level in Gen.Elements(KnownLevels)
        from side in Gen.Elements(Sides)
        select new JointTarget(level, side);

    private static Gen<JointTarget> LumbarJoint { get; } =
        from level in Gen.Elements(LumbarLevels)
        from side in Gen.Elements(Sides)
        select new JointTarget(level, side);

    private static Gen<Procedure> AnyProcedure(Gen<JointTarget> joint) =>
        from technique in Gen.Elements(Techniques)
        from imaging in Gen.Elements(Imagings)
        from temperature in Gen.Elements(Temperatures)
        from joints in ListOf(joint, 0, 12)
        select new Procedure(PropertyTestPaths.FacetKind, technique, temperature, imaging, null, null, joints);

    private static Gen<Procedure> CodableProcedure(Gen<JointTarget> joint) =>
        from temperature in Gen.Elements<double?>(80, 85, 90, null)
        from imaging in Gen.Elements("fluoroscopy", "ct")
        from joints in ListOf(joint, 1, 12)
        select new Procedure(PropertyTestPaths.FacetKind, "radiofrequency", temperature, imaging, null, null, joints);

    [Property(MaxTest = 200)]
    public Property TheOrderOfJointsNeverChangesTheResult() =>
        Prop.ForAll(
            Arb.From(from procedure in AnyProcedure(AnyJoint) from seed in Gen.Choose(0, int.MaxValue) select (procedure, seed)),
            input =>
            {
                var (procedure, seed) = input;
                var shuffled = procedure with { Joints = [.. Shuffle(procedure.Joints, seed)] };
                var original = Evaluate(procedure);
                var reordered = Evaluate(shuffled);
                return (PropertyTestPaths.LinesOf(original) == PropertyTestPaths.LinesOf(reordered))
                    .Label($"lines: {PropertyTestPaths.LinesOf(original)} vs {PropertyTestPaths.LinesOf(reordered)}")
                    .And(PropertyTestPaths.FindingIdsOf(original) == PropertyTestPaths.FindingIdsOf(reordered))
                    .Label($"findings: {PropertyTestPaths.FindingIdsOf(original)} vs {PropertyTestPaths.FindingIdsOf(reordered)}");
            });

    [Property(MaxTest = 200)]
    public Property DuplicatesNeverChangeUnits() =>
        Prop.ForAll(
            Arb.From(
                from procedure in AnyProcedure(KnownJoint)
                where procedure.Joints.Length > 0
                from picks in ListOf(Gen.Choose(0, 1000), 1, 6)
                select (procedure, picks)),
            input =>
            {
                var (procedure, picks) = input;
                var duplicated = procedure with
                {
                    Joints = [.. procedure.Joints, .. picks.Select(p => procedure.Joints[p % procedure.Joints.Length])],
                };
                var original = Evaluate(procedure);
                var withDuplicates = Evaluate(duplicated);
                var added = withDuplicates.Findings.Select(f => f.Id).ToList();
                foreach (var id in original.Findings.Select(f => f.Id))
                {
                    added.Remove(id);
                }

                return (PropertyTestPaths.LinesOf(original) == PropertyTestPaths.LinesOf(withDuplicates))
                    .Label($"lines: {PropertyTestPaths.LinesOf(original)} vs {PropertyTestPaths.LinesOf(withDuplicates)}")
                    .And(added.All(id => id == "W-DUPLICATE"))
                    .Label($"findings added: {string.Join(" ", added)}")
                    .And(original.Findings.Select(f => f.Id).All(id => withDuplicates.Findings.Any(f => f.Id == id)))
                    .Label("a finding was lost");
            });

    [Property(MaxTest = 200)]
    public Property LumbarUnitsOnEachSideEqualThatSidesDistinctJoints() =>
        Prop.ForAll(
            Arb.From(CodableProcedure(LumbarJoint)),
            procedure =>
            {
                var result = Evaluate(procedure);
                var lumbar = result.Lines.Where(l => l.Code is "64635" or "64636").ToList();
                var (left, right, other) = UnitsPerSide(lumbar);
                var expectedLeft = procedure.Joints.Where(j => j.Side != Side.Right).Select(j => j.Level).Distinct().Count();
                var expectedRight = procedure.Joints.Where(j => j.Side != Side.Left).Select(j => j.Level).Distinct().Count();
                return (left == expectedLeft && right == expectedRight && other == 0)
                    .Label($"left {left} (expected {expectedLeft}), right {right} (expected {expectedRight}), unsided {other}: {PropertyTestPaths.LinesOf(result)}")
                    .And(!result.IsError && result.Lines.All(l => l.Code is "64635" or "64636"))
                    .Label($"unexpected lines or errors: {PropertyTestPaths.LinesOf(result)}");
            });

    [Property(MaxTest = 200)]
    public Property ABilateralLevelNeverChangesUnitTotalsPerSide() =>
        Prop.ForAll(
            Arb.From(AnyProcedure(AnyJoint)),
            procedure =>
            {
                var split = procedure with
                {
                    Joints =
                    [
                        .. procedure.Joints.SelectMany(j => j.Side == Side.Bilateral
                            ? new[] { j with { Side = Side.Left }, j with { Side = Side.Right } }
                            : [j]),
                    ],
                };
                var together = TotalsPerCodeAndSide(Evaluate(procedure));
                var separate = TotalsPerCodeAndSide(Evaluate(split));
                return (together == separate).Label($"bilateral: {together}; left + right: {separate}");
            });

    [Property(MaxTest = 200)]
    public Property EvaluationIsDeterministic() =>
        Prop.ForAll(
            Arb.From(AnyProcedure(AnyJoint)),
            procedure =>
            {
                var encounter = EncounterOf(procedure);
                var first = PropertyTestPaths.Everything(PropertyTestPaths.Catalog.Evaluate(encounter));
                var second = PropertyTestPaths.Everything(PropertyTestPaths.Catalog.Evaluate(encounter));
                var fromJson = PropertyTestPaths.Everything(PropertyTestPaths.Catalog.Evaluate(Encoding.UTF8.GetBytes(ToJson(procedure).ToJsonString())));
                var fromJsonAgain = PropertyTestPaths.Everything(PropertyTestPaths.Catalog.Evaluate(Encoding.UTF8.GetBytes(ToJson(procedure).ToJsonString())));
                return (first == second).Label($"{first}\n---\n{second}")
                    .And(fromJson == fromJsonAgain).Label($"{fromJson}\n---\n{fromJsonAgain}");
            });

    [Property(MaxTest = 200)]
    public Property EvaluationNeverThrowsOnRandomBytes() =>
        Prop.ForAll(Arb.From(JsonishBytes), bytes => ReturnsOneResult(bytes));

    [Property(MaxTest = 300)]
    public Property EvaluationNeverThrowsOnAMutatedEncounter() =>
        Prop.ForAll(
            Arb.From(
                from procedure in AnyProcedure(AnyJoint)
                from mutations in ListOf(Mutation, 1, 5)
                select (procedure, mutations)),
            input =>
            {
                var (procedure, mutations) = input;
                JsonNode record = ToJson(procedure);
                foreach (var mutate in mutations)
                {
                    record = mutate(record);
                }

                return ReturnsOneResult(Encoding.UTF8.GetBytes(record.ToJsonString()));
            });

    [Property(MaxTest = 200)]
    public Property EvaluationNeverThrowsOnAnEncounterWithEditedBytes() =>
        Prop.ForAll(
            Arb.From(
                from procedure in AnyProcedure(AnyJoint)
                from edits in ListOf(from at in Gen.Choose(0, 100_000) from kind in Gen.Choose(0, 3) from b in Gen.Elements(JsonishAlphabet) select (at, kind, b), 1, 8)
                select (procedure, edits)),
            input =>
            {
                var (procedure, edits) = input;
                var bytes = Encoding.UTF8.GetBytes(ToJson(procedure).ToJsonString()).ToList();
                foreach (var (at, kind, b) in edits)
                {
                    var i = at % (bytes.Count + 1);
                    switch (kind)
                    {
                        case 0 when i < bytes.Count: bytes.RemoveAt(i); break;
                        case 1: bytes.InsertRange(i, b); break;
                        case 2 when i < bytes.Count: bytes.RemoveAt(i); bytes.InsertRange(i, b); break;
                        default: bytes.RemoveRange(i, bytes.Count - i); break;
                    }
                }

                return ReturnsOneResult([.. bytes]);
            });

    private static readonly byte[][] JsonishAlphabet =
    [
        .. "{}[]:,\"\\ \n\t0123456789-+.eEtrufalsn".Select(c => new[] { (byte)c }),
        .. new[] { "\"id\"", "\"procedures\"", "\"joints\"", "\"level\"", "\"side\"", "\"left\"", "\"bilateral\"", "null", "true", "1e999", "-0", "\"2024-02-30\"", "\"é\"", "\"\\ud800\"", "\"🦴\"", "\\u0000" }
            .Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF],
    ];

    private static Gen<byte[]> JsonishBytes { get; } =
        from parts in ListOf(Gen.Elements(JsonishAlphabet), 0, 60)
        select parts.SelectMany(p => p).ToArray();

    private static JsonNode?[] WeirdValues { get; } =
    [
        null, JsonValue.Create(true), JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1e308), JsonValue.Create(long.MaxValue),
        JsonValue.Create(decimal.MaxValue), JsonValue.Create(""), JsonValue.Create("L4-5"), JsonValue.Create("l5–s1"), JsonValue.Create("🦴🦴"),
        JsonValue.Create("\u0000"), JsonValue.Create(new string('L', 5000)), JsonValue.Create("2024-02-29"), JsonValue.Create("2023-02-29"),
        JsonValue.Create("bilateral"), JsonValue.Create("BILATERAL"), JsonValue.Create("radiofrequency"), JsonValue.Create("ct"),
        new JsonArray(), new JsonObject(), new JsonArray(JsonValue.Create(1), JsonValue.Create("x")),
        new JsonObject { ["level"] = "L4-L5", ["side"] = "left" },
    ];

    private static Gen<Func<JsonNode, JsonNode>> Mutation { get; } =
        from pick in Gen.Choose(0, 1_000_000)
        from value in Gen.Elements(WeirdValues)
        from kind in Gen.Choose(0, 3)
        select (Func<JsonNode, JsonNode>)(root => Mutate(root, pick, value, kind));

    private static JsonNode Mutate(JsonNode root, int pick, JsonNode? value, int kind)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var target = containers[pick % containers.Count];
        var copy = value?.DeepClone();
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && kind == 0:
                obj.Remove(obj.ElementAt(pick % obj.Count).Key);
                break;
            case JsonObject obj when obj.Count > 0 && kind == 1:
                obj[obj.ElementAt(pick % obj.Count).Key] = copy;
                break;
            case JsonObject obj:
                obj[kind == 2 ? "extra" + pick % 3 : "level"] = copy;
                break;
            case JsonArray arr when arr.Count > 0 && kind == 0:
                arr.RemoveAt(pick % arr.Count);
                break;
            case JsonArray arr when arr.Count > 0 && kind == 1:
                arr[pick % arr.Count] = copy;
                break;
            case JsonArray arr:
                arr.Add(copy);
                break;
            default:
                break;
        }

        return root;
    }

    private static void Collect(JsonNode? node, List<JsonNode> containers)
    {
        switch (node)
        {
            case JsonObject obj:
                containers.Add(obj);
                foreach (var (_, child) in obj)
                {
                    Collect(child, containers);
                }

                break;
            case JsonArray arr:
                containers.Add(arr);
                foreach (var child in arr)
                {
                    Collect(child, containers);
                }

                break;
            default:
                break;
        }
    }

    private static Property ReturnsOneResult(byte[] bytes)
    {
        EvaluationResult? result;
        try
        {
            result = PropertyTestPaths.Catalog.Evaluate(bytes);
        }
#pragma warning disable CA1031 // Note: the property is exactly that nothing escapes.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return false.Label($"threw {e.GetType().Name}: {e.Message} on {Encoding.UTF8.GetString(bytes)}");
        }

        return (result is not null).Label("null result")
            .And(result is null || !result.IsError || !result.Errors.IsDefaultOrEmpty).Label("error result without errors")
            .And(result is null || !result.IsError || result.Lines.IsEmpty).Label("error result with lines");
    }

    private static EvaluationResult Evaluate(Procedure procedure) => PropertyTestPaths.Catalog.Evaluate(EncounterOf(procedure));

    private static Encounter EncounterOf(Procedure procedure) =>
        new("E-PROP", new DateOnly(2024, 9, 18), null, null, ["M47.816"], [procedure], []);

    private static JsonObject ToJson(Procedure procedure)
    {
        var p = new JsonObject { ["kind"] = procedure.Kind };
        if (procedure.Technique is not null)
        {
            p["technique"] = procedure.Technique;
        }

        if (procedure.TemperatureCelsius is not null)
        {
            p["temperatureCelsius"] = procedure.TemperatureCelsius;
        }

        if (procedure.Imaging is not null)
        {
            p["imaging"] = procedure.Imaging;
        }

        p["joints"] = new JsonArray([.. procedure.Joints.Select(j => new JsonObject
        {
            ["level"] = j.Level,
            ["side"] = j.Side.ToString().ToLowerInvariant(),
        })]);
        return new JsonObject
        {
            ["id"] = "E-PROP",
            ["dateOfService"] = "2024-09-18",
            ["diagnoses"] = new JsonArray("M47.816"),
            ["procedures"] = new JsonArray(p),
        };
    }

    private static (int Left, int Right, int Unsided) UnitsPerSide(IEnumerable<CodedLine> lines)
    {
        var (left, right, unsided) = (0, 0, 0);
        foreach (var line in lines)
        {
            if (line.Modifiers.Contains("50"))
            {
                left += line.Units;
                right += line.Units;
            }
            else if (line.Modifiers.Contains("RT"))
            {
                right += line.Units;
            }
            else if (line.Modifiers.Contains("LT"))
            {
                left += line.Units;
            }
            else
            {
                unsided += line.Units;
            }
        }

        return (left, right, unsided);
    }

    private static string TotalsPerCodeAndSide(EvaluationResult result) =>
        string.Join(
            ", ",
            result.Lines.GroupBy(l => l.Code).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var (left, right, unsided) = UnitsPerSide(g);
                return $"{g.Key}: L{left} R{right} U{unsided}";
            }));

    private static IEnumerable<T> Shuffle<T>(ImmutableArray<T> items, int seed)
    {
#pragma warning disable CA5394 // Note: a seeded shuffle for test input, not security.
        var random = new Random(seed);
        return items.OrderBy(_ => random.Next());
#pragma warning restore CA5394
    }

    private static Gen<ImmutableArray<T>> ListOf<T>(Gen<T> item, int min, int max) =>
        from n in Gen.Choose(min, max)
        from items in Gen.ArrayOf(item, n)
        select ImmutableArray.Create(items);
}

using System.Collections.Immutable;
using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Language;
using CodingRules.Language.Plan;
using CodingRules.Model;
using CodingRules.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;

namespace CodingRules.Tests.Language;

/// <summary>
/// Encounters for expression tests: generated procedures and histories, resolved against the shipped facet
/// vocabulary, put into a frame the way the evaluator does (encounter and procedure slots).
/// </summary>
internal static class LanguageFacts
{
    private static readonly string[] Levels = ["L3-L4", "L4-L5", "L5-S1", "C5-C6", "T12-L1", "X1-X2"];

    private static readonly Lazy<RuleSet> Vocabulary = new(() => PropertyTestPaths.Catalog.RuleSets.Single());

    public static Gen<Encounter> Encounters { get; } =
        from date in Gen.Choose(0, 3000).Select(d => new DateOnly(2018, 1, 1).AddDays(d))
        from procedure in Procedures
        from history in Gen.ListOf(History(date)).Select(h => h.Take(4).ToImmutableArray())
        from payer in Gen.Elements<string?>("medicare-noridian-jf", null)
        select new Encounter($"E-{date.DayNumber}", date, payer, null, ["M47.816"], [procedure], []) { History = history };

    private static Gen<Procedure> Procedures { get; } =
        from technique in Gen.Elements<string?>("radiofrequency", "chemical", null)
        from temperature in Gen.Elements<double?>(60, 79.5, 80, 90, null)
        from imaging in Gen.Elements<string?>("fluoroscopy", "ct", "ultrasound", null)
        from purpose in Gen.Elements<string?>("diagnostic", "therapeutic", null)
        from joints in Gen.ListOf(Joint).Select(j => j.Take(5).ToImmutableArray())
        select new Procedure("facet-joint-destruction", technique, temperature, imaging, purpose, null, joints);

    private static Gen<JointTarget> Joint { get; } =
        from level in Gen.Elements(Levels)
        from side in Gen.Elements(Side.Left, Side.Right, Side.Bilateral)
        select new JointTarget(level, side);

    private static Gen<HistoryEntry> History(DateOnly before) =>
        from days in Gen.Choose(1, 900)
        from kind in Gen.Elements("facet-joint-destruction", "facet-joint-injection")
        from relief in Gen.Elements<double?>(0, 50, 80, 95, null)
        from months in Gen.Elements<double?>(1, 6, 12, null)
        from joints in Gen.ListOf(Joint).Select(j => j.Take(3).ToImmutableArray())
        select new HistoryEntry(before.AddDays(-days), kind, "diagnostic", null, joints, relief, months);

    /// <summary>A frame holding the encounter and its first procedure, as a procedure-scope check sees them.</summary>
    public static EvaluationFrame Frame(Encounter encounter, int slots)
    {
        var vocabulary = Vocabulary.Value;
        var procedures = encounter.Procedures.Select(p => ProcedureResolver.Resolve(p, vocabulary)).ToArray();
        var facts = new EncounterFacts(
            encounter,
            new ObjectList<ProcedureFacts>(procedures),
            vocabulary,
            (entry, ruleSet) => new HistoryFacts(entry, ProcedureResolver.Resolve(new Procedure(entry.Kind, entry.Technique, null, null, entry.Purpose, null, entry.Joints), ruleSet).Joints));
        var frame = new EvaluationFrame(Math.Max(slots, FactSchemas.ProcedureScope.SlotCount));
        frame.Slots[FactSchemas.EncounterSlot] = Value.FromObject(facts);
        frame.Slots[FactSchemas.ProcedureSlot] = procedures.Length > 0 ? Value.FromObject(procedures[0]) : Value.Null;
        return frame;
    }

    /// <summary>Compiles in procedure scope; fails the test on errors.</summary>
    public static CompiledExpression Compile(string text, CompileOptions? options = null)
    {
        var (expression, errors) = ExpressionCompiler.Compile(text, FactSchemas.ProcedureScope, null, options ?? CompileOptions.Default);
        Assert.True(errors.IsEmpty, $"{text}: " + string.Join("; ", errors.Select(e => $"{e.Descriptor.Id}@{e.Offset}")));
        return expression!;
    }

    public static string Evaluate(CompiledExpression expression, Encounter encounter) =>
        expression.Evaluate(Frame(encounter, expression.SlotCount)).ToDisplayString();
}

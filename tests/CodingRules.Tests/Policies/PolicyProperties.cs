using System.Collections.Immutable;
using CodingRules.Catalog;
using CodingRules.Encounters;
using CodingRules.Results;
using CodingRules.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CodingRules.Tests.Policies.PolicyFiles;

namespace CodingRules.Tests.Policies;

/// <summary>
/// Invariants of payer policies over generated encounters, with the demo coding rule set and a policy that only raises
/// findings (a frequency check over a rolling 12-month window and a levels check): history older than the window
/// never matters, nor does the order of history entries; no payer means the coding-only result; coverage findings
/// never change the coded lines.
/// </summary>
public sealed class PolicyProperties
{
    /// <summary>The longest look-back window of the policy.</summary>
    private const int WindowMonths = 12;

    private static readonly Lazy<(RuleCatalog WithPolicy, RuleCatalog CodingOnly)> Catalogs = new(LoadCatalogs);

    private static readonly string[] Levels = ["C5-C6", "L3-L4", "L4-L5", "L5-S1", "X1-X2"];

    private static readonly DateOnly FirstDate = D("2020-01-01");

    private static Gen<JointTarget> AnyJoint { get; } =
        from level in Gen.Elements(Levels)
        from side in Gen.Elements(Side.Left, Side.Right, Side.Bilateral)
        select new JointTarget(level, side);

    private static Gen<Procedure> AnyProcedure { get; } =
        from kind in Gen.Elements(Ablation, Ablation, Block)
        from joints in ListOf(AnyJoint, 0, 5)
        select new Procedure(kind, "radiofrequency", null, "fluoroscopy", null, null, joints);

    /// <summary>A history entry up to about 14 months before the date of service (or a little after it).</summary>
    private static Gen<Func<DateOnly, HistoryEntry>> RecentEntry { get; } =
        from daysBefore in Gen.Choose(-20, 430)
        from kind in Gen.Elements(Ablation, Ablation, Block)
        from joints in ListOf(AnyJoint, 0, 3)
        from relief in Gen.Elements<double?>(null, 30, 80)
        select (Func<DateOnly, HistoryEntry>)(dos => new HistoryEntry(dos.AddDays(-daysBefore), kind, "therapeutic", "radiofrequency", joints, relief, null));

    /// <summary>A history entry before the first day of the longest window.</summary>
    private static Gen<Func<DateOnly, HistoryEntry>> OldEntry { get; } =
        from daysBefore in Gen.Choose(1, 3000)
        from kind in Gen.Elements(Ablation, Block)
        from joints in ListOf(AnyJoint, 1, 3)
        select (Func<DateOnly, HistoryEntry>)(dos => new HistoryEntry(dos.AddMonths(-WindowMonths).AddDays(-daysBefore), kind, "therapeutic", "radiofrequency", joints, 90, 12));

    private static Gen<Encounter> AnyEncounter { get; } =
        from day in Gen.Choose(0, 1800)
        from procedures in ListOf(AnyProcedure, 1, 3)
        from history in ListOf(RecentEntry, 0, 8)
        let dos = FirstDate.AddDays(day)
        select new Encounter("E-GEN", dos, PayerA, null, [], procedures, []) { History = [.. history.Select(h => h(dos))] };

    [Property(MaxTest = 100)]
    public Property HistoryOlderThanTheLongestWindowNeverChangesAResult() =>
        Prop.ForAll(
            Arb.From(from encounter in AnyEncounter from old in ListOf(OldEntry, 1, 5) from seed in Gen.Choose(0, int.MaxValue) select (encounter, old, seed)),
            input =>
            {
                var (encounter, old, seed) = input;
                var history = encounter.History.ToList();
                var random = NewRandom(seed);
                foreach (var entry in old)
                {
                    history.Insert(Pick(random, history.Count + 1), entry(encounter.DateOfService));
                }

                return Same(Evaluate(encounter), Evaluate(encounter with { History = [.. history] }));
            });

    [Property(MaxTest = 100)]
    public Property AnEncounterWithoutAPayerGetsExactlyTheCodingOnlyResult() =>
        Prop.ForAll(
            Arb.From(AnyEncounter),
            encounter =>
            {
                var noPayer = encounter with { Payer = null };
                return Same(Catalogs.Value.CodingOnly.Evaluate(noPayer), Evaluate(noPayer));
            });

    [Property(MaxTest = 100)]
    public Property CoverageFindingsNeverChangeTheCodedLines() =>
        Prop.ForAll(
            Arb.From(AnyEncounter),
            encounter =>
            {
                var withPayer = PropertyTestPaths.LinesOf(Evaluate(encounter));
                var without = PropertyTestPaths.LinesOf(Evaluate(encounter with { Payer = null }));
                return (withPayer == without).Label($"with payer: {withPayer}; without: {without}");
            });

    [Property(MaxTest = 100)]
    public Property TheOrderOfHistoryEntriesNeverMatters() =>
        Prop.ForAll(
            Arb.From(from encounter in AnyEncounter from seed in Gen.Choose(0, int.MaxValue) select (encounter, seed)),
            input =>
            {
                var (encounter, seed) = input;
                var random = NewRandom(seed);
                var shuffled = encounter with { History = [.. encounter.History.OrderBy(_ => Pick(random, int.MaxValue))] };
                return Same(Evaluate(encounter), Evaluate(shuffled));
            });

    /// <summary>The generator exercises the policy: some encounters get each coverage finding (a sanity check of the inputs).</summary>
    [Fact]
    public void TheGeneratedEncountersReachBothCoverageFindings()
    {
        var findings = AnyEncounter.Sample(500, 40).SelectMany(e => Evaluate(e).Findings).Select(f => f.Id).ToHashSet();

        Assert.Contains("C-FREQUENCY", findings);
        Assert.Contains("C-LEVELS", findings);
    }

    private static EvaluationResult Evaluate(Encounter encounter) => Catalogs.Value.WithPolicy.Evaluate(encounter);

    private static Property Same(EvaluationResult expected, EvaluationResult actual)
    {
        var (a, b) = (PropertyTestPaths.Everything(expected), PropertyTestPaths.Everything(actual));
        return (a == b).Label($"expected:\n{a}\nactual:\n{b}");
    }

    private static (RuleCatalog, RuleCatalog) LoadCatalogs()
    {
        using var files = new PolicyFiles();
        var withPolicy = files.LoadClean(Policy(FrequencyAndLevels, handles: $"{Ablation}, {Block}"));
        using var codingFiles = new PolicyFiles();
        codingFiles.Write("demo-coding/2000-01.yaml", Coding());
        var (codingOnly, diagnostics) = codingFiles.Load();
        Assert.Empty(diagnostics);
        return (withPolicy, codingOnly);
    }

#pragma warning disable CA5394 // Note: a seeded shuffle for test input, not security.
    private static Random NewRandom(int seed) => new(seed);

    private static int Pick(Random random, int below) => random.Next(below);
#pragma warning restore CA5394

    private static Gen<ImmutableArray<T>> ListOf<T>(Gen<T> item, int min, int max) =>
        from n in Gen.Choose(min, max)
        from items in Gen.ArrayOf(item, n)
        select ImmutableArray.Create(items);
}

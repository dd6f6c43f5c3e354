using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using CodingRules.Catalog;
using CodingRules.Encounters;
using CodingRules.Results;

namespace CodingRules.Benchmarks;

/// <summary>
/// Payer policy with history: the same lumbar RFA encounter for a Medicare payer, with 0, 5 and 50 prior procedures
/// (alternating diagnostic blocks and ablations of the same joints over the previous years). The history checks
/// (frequency, prior blocks, repeat, retest) should grow in proportion to the history's length, not faster:
/// compare the time per history entry across the lengths.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class HistoryBenchmarks
{
    private RuleCatalog _catalog = RuleCatalog.Empty;
    private Encounter _encounter = null!;

    /// <summary>Prior procedures in the encounter's history.</summary>
    [Params(0, 5, 25, 50, 100)]
    public int HistoryLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _catalog = BenchmarkSetup.LoadShippedCatalog();
        _encounter = Create(HistoryLength);
        if (!_catalog.Evaluate(_encounter).RuleSets.Any(r => r.Id.StartsWith("medicare-", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("No Medicare policy applied to the history benchmark encounter; check the shipped policies.");
        }
    }

    [Benchmark]
    public EvaluationResult Evaluate() => _catalog.Evaluate(_encounter);

    private static Encounter Create(int historyLength)
    {
        var dateOfService = new DateOnly(2024, 9, 18);
        ImmutableArray<JointTarget> joints = [new("L4-L5", Side.Bilateral), new("L5-S1", Side.Bilateral)];
        var history = Enumerable.Range(1, historyLength).Select(i => new HistoryEntry(
            dateOfService.AddDays(-45 * i),
            i % 2 == 0 ? "facet-joint-destruction" : "facet-joint-injection",
            i % 2 == 0 ? "therapeutic" : "diagnostic",
            i % 2 == 0 ? "radiofrequency" : null,
            joints,
            85,
            8)).ToImmutableArray();
        var procedure = new Procedure("facet-joint-destruction", "radiofrequency", 80, "fluoroscopy", null, null, joints);
        return new Encounter("E-HISTORY", dateOfService, "medicare-noridian-jf", "11", ["M47.816"], [procedure], [])
        {
            History = history,
        };
    }
}

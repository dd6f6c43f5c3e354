using BenchmarkDotNet.Attributes;
using CodingRules.Catalog;

namespace CodingRules.Benchmarks;

/// <summary>Loading the shipped rules folder: find files, parse YAML, check the schema, bind and compile.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class LoadBenchmarks
{
    private string _rules = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _rules = RepositoryPaths.RulesFolder;
        _ = BenchmarkSetup.LoadShippedCatalog();

        // Note: as in NdjsonBenchmarks, a few loads before the pilot stage let the JIT tier up first, so that the
        // pilot does not size the iterations from the first, unoptimised loads.
        for (var i = 0; i < 20; i++)
        {
            _ = LoadShippedRules();
        }
    }

    /// <summary>Rule sets and their test files (what <c>validate</c> and <c>test</c> load).</summary>
    [Benchmark]
    public RuleCatalog LoadShippedRules() => RuleCatalog.Load([_rules]).Catalog;

    /// <summary>Rule sets only (what <c>evaluate</c>, <c>versions</c> and <c>resolve</c> load).</summary>
    [Benchmark]
    public RuleCatalog LoadShippedRuleSetsOnly() => RuleCatalog.Load([_rules], includeTests: false).Catalog;
}

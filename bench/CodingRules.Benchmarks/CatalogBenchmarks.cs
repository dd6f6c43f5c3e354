using BenchmarkDotNet.Attributes;
using CodingRules.Catalog;

namespace CodingRules.Benchmarks;

/// <summary>
/// Resolving the version in force: 1,000 dates spread over 1999–2026 against every shipped rule set id, so that
/// dates before, inside and between versions are all asked. Time is per resolution.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class CatalogBenchmarks
{
    private const int Dates = 1_000;
    private RuleCatalog _catalog = RuleCatalog.Empty;
    private string[] _ids = [];
    private DateOnly[] _dates = [];

    [GlobalSetup]
    public void Setup()
    {
        _catalog = BenchmarkSetup.LoadShippedCatalog();
        _ids = [.. _catalog.RuleSetIds];
        var start = new DateOnly(1999, 1, 1);
        _dates = [.. Enumerable.Range(0, Dates).Select(i => start.AddDays(i * 10))];
    }

    [Benchmark(OperationsPerInvoke = Dates)]
    public int Resolve()
    {
        var found = 0;
        for (var i = 0; i < _dates.Length; i++)
        {
            found += _catalog.Resolve(_ids[i % _ids.Length], _dates[i]).InForce is null ? 0 : 1;
        }

        return found;
    }
}

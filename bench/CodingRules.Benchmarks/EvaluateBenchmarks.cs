using BenchmarkDotNet.Attributes;
using CodingRules.Catalog;
using CodingRules.Encounters;

namespace CodingRules.Benchmarks;

/// <summary>
/// Coding 10,000 synthetic encounters already in memory, on one thread; times are per encounter. The baseline is
/// the same decision hand-coded in C#; Microsoft RulesEngine runs an equivalent workflow as a second comparison.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class EvaluateBenchmarks
{
    private RuleCatalog _catalog = RuleCatalog.Empty;
    private Encounter[] _encounters = [];
    private FacetProcedureInput[] _rulesEngineInputs = [];
    private RulesEngineFacetWorkflow? _rulesEngine;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = BenchmarkSetup.LoadShippedCatalog();
        _encounters = SyntheticEncounters.Create();
        SyntheticEncounters.CheckUnchanged(_encounters);
        BenchmarkSetup.CheckBaselineAgrees(_catalog, _encounters);

        // Note: the comparison's input objects are built here, outside the timing, as the encounters are.
        _rulesEngineInputs = [.. _encounters.Select(e => FacetProcedureInput.From(e.Procedures[0]))];
        _rulesEngine = new RulesEngineFacetWorkflow();
        BenchmarkSetup.CheckRulesEngineAgrees(_encounters, _rulesEngineInputs, _rulesEngine);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SyntheticEncounters.Count)]
    public int HandCoded()
    {
        var lines = 0;
        foreach (var encounter in _encounters)
        {
            lines += HandCodedFacetCoder.Code(encounter).Lines.Count;
        }

        return lines;
    }

    [Benchmark(OperationsPerInvoke = SyntheticEncounters.Count)]
    public int CodingRules()
    {
        var lines = 0;
        foreach (var encounter in _encounters)
        {
            lines += _catalog.Evaluate(encounter).Lines.Length;
        }

        return lines;
    }

    [Benchmark(OperationsPerInvoke = SyntheticEncounters.Count)]
    public async Task<int> MicrosoftRulesEngine()
    {
        var codes = 0;
        foreach (var input in _rulesEngineInputs)
        {
            var outcome = await _rulesEngine!.EvaluateAsync(input).ConfigureAwait(false);
            codes += outcome.PrimaryCodes.Count;
        }

        return codes;
    }
}

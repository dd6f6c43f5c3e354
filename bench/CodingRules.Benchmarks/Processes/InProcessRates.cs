using System.Diagnostics;
using CodingRules.Catalog;
using CodingRules.Encounters;

namespace CodingRules.Benchmarks.Processes;

/// <summary>
/// The in-memory comparisons of <see cref="EvaluateBenchmarks"/>, timed here on the process benchmark's own corpus:
/// the hand-coded baseline, CodingRules (<c>catalog.Evaluate</c> on encounters already in memory) and the Microsoft
/// RulesEngine workflow (on input objects built beforehand), each loop as that class writes it. The agreement checks
/// of the benchmarks run first over every encounter; each path is then warmed up (<see cref="WarmUp"/>) and each
/// timed round runs the three one after the other, on one thread.
/// </summary>
internal static class InProcessRates
{
    public const string HandCoded = "hand-coded C# (baseline of EvaluateBenchmarks)";
    public const string CodingRules = "CodingRules, catalog.Evaluate on encounters in memory";
    public const string MicrosoftRulesEngine = "Microsoft RulesEngine 6.0.1, equivalent workflow";

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(3);

    public static IReadOnlyList<InProcessRate> Measure(Encounter[] encounters, int rounds)
    {
        var catalog = BenchmarkSetup.LoadShippedCatalog();
        BenchmarkSetup.CheckBaselineAgrees(catalog, encounters);
        FacetProcedureInput[] inputs = [.. encounters.Select(e => FacetProcedureInput.From(e.Procedures[0]))];
        var workflow = new RulesEngineFacetWorkflow();
        BenchmarkSetup.CheckRulesEngineAgrees(encounters, inputs, workflow);

        (string Name, Func<long> Round)[] paths =
        [
            (HandCoded, () => RunHandCoded(encounters)),
            (CodingRules, () => RunCodingRules(catalog, encounters)),
            (MicrosoftRulesEngine, () => RunRulesEngine(workflow, inputs).GetAwaiter().GetResult()),
        ];
        foreach (var (_, run) in paths)
        {
            WarmUp(run);
        }

        var times = paths.ToDictionary(p => p.Name, _ => new List<(TimeSpan Wall, TimeSpan? Processor)>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, run) in paths)
            {
                times[name].Add(Time(run));
            }
        }

        return [.. paths.Select(p => Rate(p.Name, encounters.Length, times[p.Name]))];
    }

    /// <summary>
    /// Rounds until the path has run for <see cref="WarmUpTime"/> and at least twice: the JIT compiles hot methods
    /// again, optimised, on a background thread a while after they first run (tiered compilation), later on a busy
    /// machine, so a small corpus needs several rounds before its time means the warm path.
    /// </summary>
    private static void WarmUp(Func<long> run)
    {
        var spent = TimeSpan.Zero;
        for (var round = 0; round < 2 || spent < WarmUpTime; round++)
        {
            spent += Time(run).Wall;
        }
    }

    private static (TimeSpan Wall, TimeSpan? Processor) Time(Func<long> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var processor = ProcessorTime.Self();
        var stopwatch = Stopwatch.StartNew();
        GC.KeepAlive(run());
        var wall = stopwatch.Elapsed;
        return (wall, ProcessorTime.Self() - processor);
    }

    private static InProcessRate Rate(string name, int encounters, List<(TimeSpan Wall, TimeSpan? Processor)> rounds)
    {
        var walls = rounds.Select(r => r.Wall).ToArray();
        var processor = rounds.All(r => r.Processor is not null) ? Statistics.Median([.. rounds.Select(r => r.Processor!.Value)]) : (TimeSpan?)null;
        return new InProcessRate(name, encounters, Statistics.Median(walls), walls.Min(), walls.Max(), processor);
    }

    private static long RunHandCoded(Encounter[] encounters)
    {
        long lines = 0;
        foreach (var encounter in encounters)
        {
            lines += HandCodedFacetCoder.Code(encounter).Lines.Count;
        }

        return lines;
    }

    private static long RunCodingRules(RuleCatalog catalog, Encounter[] encounters)
    {
        long lines = 0;
        foreach (var encounter in encounters)
        {
            lines += catalog.Evaluate(encounter).Lines.Length;
        }

        return lines;
    }

    private static async Task<long> RunRulesEngine(RulesEngineFacetWorkflow workflow, FacetProcedureInput[] inputs)
    {
        long codes = 0;
        foreach (var input in inputs)
        {
            var outcome = await workflow.EvaluateAsync(input).ConfigureAwait(false);
            codes += outcome.PrimaryCodes.Count;
        }

        return codes;
    }
}

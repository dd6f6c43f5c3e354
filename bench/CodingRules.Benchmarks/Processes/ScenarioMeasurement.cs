namespace CodingRules.Benchmarks.Processes;

/// <summary>The timed runs of one scenario, by command role (the warm-up pair is not among them).</summary>
internal sealed class ScenarioMeasurement(ProcessScenario scenario)
{
    private readonly Dictionary<string, List<ProcessRunResult>> _runs = [];

    public ProcessScenario Scenario => scenario;

    public void Add(string role, ProcessRunResult run)
    {
        if (!_runs.TryGetValue(role, out var runs))
        {
            _runs[role] = runs = [];
        }

        runs.Add(run);
    }

    public IReadOnlyList<ProcessRunResult> Runs(string role) => _runs[role];

    public TimeSpan Median(string role) => Statistics.Median([.. Runs(role).Select(r => r.Wall)]);

    /// <summary>The median processor time (user + system) of the runs, or null where it could not be read.</summary>
    public TimeSpan? ProcessorMedian(string role) =>
        Runs(role).All(r => r.Processor is not null) ? Statistics.Median([.. Runs(role).Select(r => r.Processor!.Value)]) : null;

    public TimeSpan Min(string role) => Runs(role).Min(r => r.Wall);

    public TimeSpan Max(string role) => Runs(role).Max(r => r.Wall);

    /// <summary>Encounters coded per second of the median run, process start included (0 for a scenario that codes none).</summary>
    public double EncountersPerSecond(string role) => scenario.Encounters / Median(role).TotalSeconds;

    /// <summary>Encounters coded per second of processor time (user + system, all threads) of the median run by that measure.</summary>
    public double? EncountersPerProcessorSecond(string role) => scenario.Encounters / ProcessorMedian(role)?.TotalSeconds;
}

using System.Globalization;
using System.Text;

namespace CodingRules.Benchmarks.Processes;

/// <summary>
/// What the process benchmark prints: first the machine and the commands, at the end the figures as Markdown tables
/// that paste into docs/performance.md (process scenarios, in-process rates, and the ratios of issue 12).
/// </summary>
internal sealed class ProcessReport(MachineDescription machine, ProcessBenchmarkOptions options, IReadOnlyList<BenchedCommand> commands)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string LoadBefore { get; init; } = "unknown";

    public string LoadAfterProcesses { get; set; } = "unknown";

    public string LoadAfter { get; set; } = "unknown";

    public long CorpusBytes { get; set; }

    public List<ScenarioMeasurement> Scenarios { get; } = [];

    /// <summary>The scenario that evaluates the whole corpus, the one the ratios are about.</summary>
    public ScenarioMeasurement? Corpus { get; set; }

    public List<InProcessRate> InProcess { get; } = [];

    private bool HasBaseline => commands.Count > 1;

    public void PrintPreamble()
    {
        Console.WriteLine($"// machine: {machine.Cores} cores, {machine.Cpu}, {machine.Memory} memory");
        Console.WriteLine($"// dotnet --version {machine.DotnetVersion}; {machine.Runtime}; {machine.OperatingSystem}");
        Console.WriteLine($"// repository {RepositoryPaths.Root} at {machine.Commit}; load average {LoadBefore}");
        Console.WriteLine($"// runtime settings in the environment: {MachineDescription.RuntimeSettings()}");
        foreach (var (role, command) in commands)
        {
            Console.WriteLine($"// {role}: {command}");
        }
    }

    public void PrintResults()
    {
        var text = new StringBuilder();
        text.AppendLine().AppendLine("Machine: " + string.Create(Invariant, $"{machine.Cores} cores ({machine.Cpu}), {machine.Memory}, .NET SDK {machine.DotnetVersion} ({machine.Runtime}), {machine.OperatingSystem}; repository at `{machine.Commit}`."));
        if (MachineDescription.RuntimeSettings() is var settings and not "none")
        {
            text.AppendLine($"Runtime settings in the environment: `{settings}`.");
        }

        text.AppendLine(string.Create(Invariant, $"Load average (1, 5, 15 min): {LoadBefore} before, {LoadAfterProcesses} after the processes, {LoadAfter} after the in-process rounds."));
        foreach (var (role, command) in commands)
        {
            text.AppendLine(string.Create(Invariant, $"Command {role}: `{command}`."));
        }

        text.AppendLine(string.Create(Invariant, $"Corpus: {options.Count:N0} synthetic encounters (seed {SyntheticEncounters.Seed}), {CorpusBytes:N0} bytes of NDJSON; {options.Runs} timed {(options.Runs == 1 ? "run" : "runs")} of each command per scenario after {(HasBaseline ? "a warm-up pair, alternating" : "a warm-up run")}."));
        text.AppendLine();
        AppendScenarios(text);
        text.AppendLine();
        AppendInProcess(text);
        text.AppendLine();
        AppendRatios(text);
        Console.Write(text.ToString());
    }

    private void AppendScenarios(StringBuilder text)
    {
        var roles = commands.Select(c => c.Role).ToArray();
        var both = string.Join(" / ", roles);
        text.Append("| scenario |");
        foreach (var role in roles)
        {
            text.Append(string.Create(Invariant, $" {role} wall: median (min–max) |"));
        }

        text.AppendLine(HasBaseline
            ? $" cli / baseline | CPU, median ({both}) | encounters/s ({both}) | exit | stdout |"
            : " CPU, median | encounters/s | exit | stdout |");
        text.AppendLine("|---|" + string.Concat(roles.Select(_ => "---:|")) + (HasBaseline ? "---:|" : string.Empty) + "---:|---:|---:|---:|");
        foreach (var scenario in Scenarios)
        {
            text.Append(string.Create(Invariant, $"| `{scenario.Scenario.Name}` |"));
            foreach (var role in roles)
            {
                text.Append(string.Create(Invariant, $" {Seconds(scenario.Median(role))} ({Seconds(scenario.Min(role), unit: false)}–{Seconds(scenario.Max(role))}) |"));
            }

            if (HasBaseline)
            {
                text.Append(string.Create(Invariant, $" {scenario.Median("cli") / scenario.Median("baseline"):0.00} |"));
            }

            var processor = string.Join(" / ", roles.Select(r => scenario.ProcessorMedian(r) is { } t ? Seconds(t) : "–"));
            var rates = scenario == Corpus ? string.Join(" / ", roles.Select(r => scenario.EncountersPerSecond(r).ToString("N0", Invariant))) : "–";
            var bytes = string.Join(" / ", roles.Select(r => scenario.Runs(r)[0].OutputBytes).Distinct().Select(b => b.ToString("N0", Invariant) + " B"));
            text.AppendLine(string.Create(Invariant, $" {processor} | {rates} | {scenario.Scenario.ExpectedExitCode} | {bytes} |"));
        }
    }

    private void AppendInProcess(StringBuilder text)
    {
        text.AppendLine(string.Create(Invariant, $"| in this process, warm, one thread ({options.Count:N0} encounters, median of {options.Rounds} rounds) | wall per encounter (min–max) | encounters/s | CPU per encounter |"));
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var rate in InProcess)
        {
            var min = rate.Min.TotalNanoseconds / rate.Encounters;
            var max = rate.Max.TotalNanoseconds / rate.Encounters;
            var processor = rate.ProcessorMedian is { } t ? (t.TotalNanoseconds / rate.Encounters).ToString("N0", Invariant) + " ns" : "–";
            text.AppendLine(string.Create(Invariant, $"| {rate.Name} | {rate.NanosecondsPerEncounter:N0} ns ({min:N0}–{max:N0}) | {rate.EncountersPerSecond:N0} | {processor} |"));
        }
    }

    private void AppendRatios(StringBuilder text)
    {
        var corpus = Corpus ?? throw new InvalidOperationException("No corpus scenario was measured.");
        var rulesEngine = InProcess.Single(r => r.Name == InProcessRates.MicrosoftRulesEngine);
        var engine = InProcess.Single(r => r.Name == InProcessRates.CodingRules);
        var size = options.Count % 1000 == 0 ? string.Create(Invariant, $"{options.Count / 1000} k") : options.Count.ToString("N0", Invariant);
        var roles = commands.Select(c => c.Role).ToArray();
        var target = options.Count == ProcessBenchmark.AcceptanceCount
            ? "≥ 3× (issue 12)"
            : string.Create(Invariant, $"≥ 3× at {ProcessBenchmark.AcceptanceCount / 1000} k (issue 12; this run is not at that count)");
        text.AppendLine("| ratio of rates, same run |" + string.Concat(roles.Select(r => $" {r} |")) + " target |");
        text.AppendLine("|---|" + string.Concat(roles.Select(_ => "---:|")) + "---|");
        AppendRatio(text, $"**CLI end to end ({size}, process start included) / Microsoft RulesEngine in memory**", roles, r => corpus.EncountersPerSecond(r) / rulesEngine.EncountersPerSecond, target, bold: true);
        AppendRatio(text, "the same by processor time (user + system, all threads, both sides)", roles, r => corpus.EncountersPerProcessorSecond(r) / rulesEngine.EncountersPerProcessorSecond, "–");
        AppendRatio(text, $"CLI end to end ({size}) / CodingRules in memory", roles, r => corpus.EncountersPerSecond(r) / engine.EncountersPerSecond, "–");
    }

    private static void AppendRatio(StringBuilder text, string name, string[] roles, Func<string, double?> ratio, string target, bool bold = false)
    {
        text.Append(string.Create(Invariant, $"| {name} |"));
        foreach (var role in roles)
        {
            var value = ratio(role) is { } r ? Ratio(r) : "–";
            text.Append(bold ? $" **{value}** |" : $" {value} |");
        }

        text.AppendLine($" {target} |");
    }

    private static string Ratio(double ratio) => ratio.ToString(ratio >= 0.1 ? "0.00×" : "0.000×", Invariant);

    private static string Seconds(TimeSpan time, bool unit = true) =>
        string.Create(Invariant, $"{time.TotalSeconds:0.000}{(unit ? " s" : string.Empty)}");
}

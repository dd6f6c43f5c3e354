using System.Globalization;
using System.Text;
using CodingRules.Benchmarks.Processes;

namespace CodingRules.Benchmarks.ServiceLoad;

/// <summary>
/// What the load test prints: first the machine and the commands, a line per measurement as it ends, and at the end
/// the figures as Markdown tables that paste into docs/performance.md ("The service under load"): throughput, latency
/// percentiles, errors and processor time per path and number of clients beside the CLI measured in the same rounds,
/// and the ratio NDJSON over HTTP / CLI.
/// </summary>
internal sealed class ServiceLoadReport(MachineDescription machine, ServiceLoadOptions options, ChildCommand cli)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string LoadBefore { get; init; } = "unknown";

    public string LoadAfter { get; set; } = "unknown";

    public long CorpusBytes { get; set; }

    public string Service { get; set; } = string.Empty;

    /// <summary>How the service's answers were checked against the CLI's output, for the report.</summary>
    public string Check { get; set; } = string.Empty;

    public List<(int Run, LoadMeasurement Measurement)> Measurements { get; } = [];

    /// <summary>The CLI's timed runs on the corpus: the round, and the number of clients of the measurements it precedes.</summary>
    public List<(int Run, int Clients, ProcessRunResult Result)> CliRuns { get; } = [];

    /// <summary>The warm-up measurements: not in the figures, but their errors are reported and counted.</summary>
    public List<LoadMeasurement> WarmUps { get; } = [];

    /// <summary>Failed requests in the whole run, the warm-up included.</summary>
    public long ErrorCount => Measurements.Sum(m => m.Measurement.ErrorCount) + WarmUps.Sum(m => m.ErrorCount);

    public void PrintPreamble()
    {
        Console.WriteLine($"// machine: {machine.Cores} cores, {machine.Cpu}, {machine.Memory} memory");
        Console.WriteLine($"// dotnet --version {machine.DotnetVersion}; {machine.Runtime}; {machine.OperatingSystem}");
        Console.WriteLine($"// repository {RepositoryPaths.Root} at {machine.Commit}; load average {LoadBefore}");
        Console.WriteLine($"// runtime settings in the environment: {MachineDescription.RuntimeSettings()}");
        Console.WriteLine($"// cli: {cli}");
    }

    /// <summary>One line for a measurement as it ends (<paramref name="label"/> says which round).</summary>
    public static void PrintMeasurement(string label, LoadMeasurement m)
    {
        var errors = m.ErrorCount == 0 ? "0" : $"{m.ErrorCount} ({string.Join(", ", m.Errors.Select(e => $"{e.Key} {e.Value}"))})";
        Console.WriteLine(string.Create(
            Invariant,
            $"//   {label,-10} {m.Path,-6} clients {m.Clients,3}  {m.EncountersPerSecond,9:N0} encounters/s  {m.RequestsPerSecond,9:N1} requests/s  p50 {Latency(m.P50),9}  p99 {Latency(m.P99),9}  errors {errors}  422 {m.Invalid}  service cpu {Cores(m.ServiceProcessor, m.Elapsed)}  clients cpu {Cores(m.ClientProcessor, m.Elapsed)}  ({m.Elapsed.TotalSeconds:0.00} s, load {MachineDescription.LoadAverage()})"));
        foreach (var message in m.Messages)
        {
            Console.WriteLine($"//     {message}");
        }
    }

    /// <summary>One line for a run of the CLI on the corpus.</summary>
    public static void PrintCli(string label, ProcessRunResult run, int encounters) =>
        Console.WriteLine(string.Create(
            Invariant,
            $"//   {label,-10} cli    evaluate   {encounters / run.Wall.TotalSeconds,9:N0} encounters/s  wall {run.Wall.TotalSeconds:0.000} s  cpu {run.Processor?.TotalSeconds:0.000} s  exit {run.ExitCode}  {run.OutputBytes:N0} bytes out  (load {MachineDescription.LoadAverage()})"));

    public void PrintResults()
    {
        var text = new StringBuilder();
        text.AppendLine().AppendLine("Machine: " + string.Create(Invariant, $"{machine.Cores} cores ({machine.Cpu}), {machine.Memory}, .NET SDK {machine.DotnetVersion} ({machine.Runtime}), {machine.OperatingSystem}; repository at `{machine.Commit}`."));
        if (MachineDescription.RuntimeSettings() is var settings and not "none")
        {
            text.AppendLine($"Runtime settings in the environment: `{settings}`.");
        }

        text.AppendLine(string.Create(Invariant, $"Load average (1, 5, 15 min): {LoadBefore} before, {LoadAfter} after."));
        text.AppendLine($"Service: `{Service}`; CLI: `{cli} evaluate CORPUS.ndjson --rules rules` in the repository root (standard output read through a pipe and counted).");
        text.AppendLine(string.Create(Invariant, $"Corpus: {options.Count:N0} synthetic encounters (seed {SyntheticEncounters.Seed}), {CorpusBytes:N0} bytes of NDJSON; batches of {options.BatchRecords:N0} records. {Check}"));
        text.AppendLine(string.Create(Invariant, $"{options.Runs} {(options.Runs == 1 ? "round" : "rounds")} after a warm-up; in each, for each number of clients: the CLI on the corpus, {options.Duration.TotalSeconds:0} s of single requests, {options.Duration.TotalSeconds:0} s of batches. Medians over the rounds; errors summed over them; request timeout {options.RequestTimeout.TotalSeconds:0} s."));
        text.AppendLine();
        AppendFigures(text);
        text.AppendLine();
        AppendRatios(text);
        text.AppendLine();
        AppendPerProcess(text);
        Console.Write(text.ToString());
    }

    private void AppendFigures(StringBuilder text)
    {
        text.AppendLine("| path | clients | encounters/s: median (min–max) | requests/s | latency p50 | latency p99 | errors | 422 | service CPU per encounter | cores busy: service / clients |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var clients in options.Clients)
        {
            foreach (var path in new[] { LoadMeasurement.Single, LoadMeasurement.Ndjson })
            {
                var runs = Measurements.Where(m => m.Measurement.Path == path && m.Measurement.Clients == clients).Select(m => m.Measurement).ToList();
                if (runs.Count == 0)
                {
                    continue;
                }

                var rates = runs.Select(r => r.EncountersPerSecond).ToArray();
                var name = path == LoadMeasurement.Single ? "HTTP, one encounter per request (`application/json`)" : string.Create(Invariant, $"HTTP, NDJSON batches of {options.BatchRecords:N0}");
                var errors = runs.Sum(r => r.ErrorCount);
                var kinds = runs.SelectMany(r => r.Errors).GroupBy(e => e.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Sum(e => e.Value)}");
                var perEncounter = Median(runs.Select(r => r.ServiceProcessorPerEncounter));
                text.AppendLine(string.Create(
                    Invariant,
                    $"| {name} | {clients} | {Median(rates):N0} ({rates.Min():N0}–{rates.Max():N0}) | {Median(runs.Select(r => r.RequestsPerSecond).ToArray()):N1} | {Latency(Median(runs.Select(r => r.P50)))} | {Latency(Median(runs.Select(r => r.P99)))} | {(errors == 0 ? "0" : $"{errors} ({string.Join(", ", kinds)})")} | {runs.Sum(r => r.Invalid)} | {Micro(perEncounter)} | {MedianBusy(runs.Select(r => (r.ServiceProcessor, r.Elapsed)))} / {MedianBusy(runs.Select(r => (r.ClientProcessor, r.Elapsed)))} |"));
            }
        }

        var cliRates = CliRuns.Select(r => options.Count / r.Result.Wall.TotalSeconds).ToArray();
        var cliPerEncounter = Median(CliRuns.Select(r => r.Result.Processor / options.Count));
        var cliBusy = MedianBusy(CliRuns.Select(r => (r.Result.Processor, r.Result.Wall)));
        text.AppendLine(string.Create(
            Invariant,
            $"| CLI `evaluate CORPUS.ndjson`, process start included | – | {Median(cliRates):N0} ({cliRates.Min():N0}–{cliRates.Max():N0}) | – | {Latency(Median(CliRuns.Select(r => (TimeSpan?)r.Result.Wall)))} (wall) | – | 0 | – | {Micro(cliPerEncounter)} | {cliBusy} |"));
    }

    private void AppendRatios(StringBuilder text)
    {
        text.AppendLine("| clients | NDJSON over HTTP, encounters/s | CLI, encounters/s (same rounds) | **NDJSON over HTTP / CLI** | per round (min–max) | single requests / CLI | target |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---|");
        foreach (var clients in options.Clients)
        {
            var (ndjson, single, cliRates, perRound) = Rates(clients);
            if (ndjson.Length == 0 || cliRates.Length == 0)
            {
                continue;
            }

            var ratio = Median(ndjson) / Median(cliRates);
            text.AppendLine(string.Create(
                Invariant,
                $"| {clients} | {Median(ndjson):N0} | {Median(cliRates):N0} | **{ratio:0.00}** | {perRound.Min():0.00}–{perRound.Max():0.00} | {Median(single) / Median(cliRates):0.00} | ≥ 0.5 (issue 13): {(ratio >= 0.5 ? "met" : "not met")} |"));
        }
    }

    private void AppendPerProcess(StringBuilder text)
    {
        var best = options.Clients.Select(c => (Clients: c, Rates: Rates(c))).ToList();
        var single = best.MaxBy(b => Median(b.Rates.Single));
        var ndjson = best.MaxBy(b => Median(b.Rates.Ndjson));
        text.AppendLine(string.Create(
            Invariant,
            $"Per service process on this machine ({machine.Cores} cores, the load generator on the same cores): **{Median(single.Rates.Single):N0} encounters/s** one encounter per request (best median, {single.Clients} clients), **{Median(ndjson.Rates.Ndjson):N0} encounters/s** in NDJSON batches ({ndjson.Clients} clients); errors in all: {ErrorCount} ({WarmUps.Sum(m => m.ErrorCount)} of them in the warm-up)."));
        text.AppendLine(string.Create(
            Invariant,
            $"By the service's own processor time (median over every run and number of clients): {PerProcessorSecond(LoadMeasurement.Single)} encounters per CPU-second one per request, {PerProcessorSecond(LoadMeasurement.Ndjson)} in batches; the CLI {PerProcessorSecond(null)}, its start included."));
    }

    /// <summary>Encounters per second of processor time, of the service on <paramref name="path"/> or (null) of the CLI.</summary>
    private string PerProcessorSecond(string? path)
    {
        var perEncounter = path is null
            ? Median(CliRuns.Select(r => r.Result.Processor / options.Count))
            : Median(Measurements.Where(m => m.Measurement.Path == path).Select(m => m.Measurement.ServiceProcessorPerEncounter));
        return perEncounter is { } t && t > TimeSpan.Zero ? (1 / t.TotalSeconds).ToString("N0", Invariant) : "–";
    }

    private (double[] Ndjson, double[] Single, double[] Cli, double[] PerRound) Rates(int clients)
    {
        double[] Of(string path) => [.. Measurements.Where(m => m.Measurement.Clients == clients && m.Measurement.Path == path).Select(m => m.Measurement.EncountersPerSecond)];
        var cliRuns = CliRuns.Where(r => r.Clients == clients).ToList();
        var perRound = Measurements.Where(m => m.Measurement.Clients == clients && m.Measurement.Path == LoadMeasurement.Ndjson)
            .Join(cliRuns, m => m.Run, c => c.Run, (m, c) => m.Measurement.EncountersPerSecond / (options.Count / c.Result.Wall.TotalSeconds))
            .ToArray();
        return (Of(LoadMeasurement.Ndjson), Of(LoadMeasurement.Single), [.. cliRuns.Select(r => options.Count / r.Result.Wall.TotalSeconds)], perRound);
    }

    private static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static TimeSpan? Median(IEnumerable<TimeSpan?> values)
    {
        var known = values.ToList();
        return known.Count > 0 && known.All(v => v is not null) ? Statistics.Median([.. known.Select(v => v!.Value)]) : null;
    }

    /// <summary>The median of cores kept busy (processor time / wall time), or "–" when any run's could not be read.</summary>
    private static string MedianBusy(IEnumerable<(TimeSpan? Processor, TimeSpan Wall)> runs)
    {
        var busy = runs.Select(r => r.Processor / r.Wall).ToList();
        return busy.Count > 0 && busy.All(b => b is not null) ? Median([.. busy.Select(b => b!.Value)]).ToString("0.00", Invariant) : "–";
    }

    private static string Cores(TimeSpan? processor, TimeSpan wall) => processor is { } p ? string.Create(Invariant, $"{p / wall:0.00} cores") : "–";

    private static string Micro(TimeSpan? time) => time is { } t ? string.Create(Invariant, $"{t.TotalMicroseconds:0.0} µs") : "–";

    private static string Latency(TimeSpan? time) => time switch
    {
        null => "–",
        { TotalSeconds: >= 1 } t => string.Create(Invariant, $"{t.TotalSeconds:0.000} s"),
        { TotalMilliseconds: >= 10 } t => string.Create(Invariant, $"{t.TotalMilliseconds:0} ms"),
        { } t => string.Create(Invariant, $"{t.TotalMilliseconds:0.00} ms"),
    };
}

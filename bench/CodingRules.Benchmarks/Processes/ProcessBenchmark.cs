using System.Globalization;
using CodingRules.Encounters;

namespace CodingRules.Benchmarks.Processes;

/// <summary>
/// The process-level benchmark (<c>-- process --cli "COMMAND" [--baseline "COMMAND"]</c>): what a user waits for when
/// running the CLI, process start, runtime start-up, JIT and rule loading included. It writes the synthetic corpus to
/// a temporary NDJSON file (and its first encounter to a file of its own), runs each scenario as real child processes
/// in the repository root, the commands alternating (cli, baseline, cli, baseline...) after one warm-up pair that is
/// not counted, checks every exit code and that every evaluation run writes the same bytes, then times the in-memory
/// comparisons on the same encounters in this process and prints the figures as Markdown (docs/performance.md, "The
/// command line, process start included").
/// </summary>
internal static class ProcessBenchmark
{
    /// <summary>The corpus size the acceptance figure of issue 12 is stated for.</summary>
    public const int AcceptanceCount = 300_000;

    public static int Run(IReadOnlyList<string> args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(ProcessBenchmarkOptions.Usage);
            return 0;
        }

        ProcessBenchmarkOptions options;
        List<BenchedCommand> commands;
        try
        {
            options = ProcessBenchmarkOptions.Parse(args);
            commands = [new("cli", ChildCommand.Parse(options.Cli, Environment.CurrentDirectory))];
            if (options.Baseline is { } baseline)
            {
                commands.Add(new("baseline", ChildCommand.Parse(baseline, Environment.CurrentDirectory)));
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"process: {e.Message}");
            Console.Error.WriteLine(ProcessBenchmarkOptions.Usage);
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("codingrules-procbench-");
        try
        {
            return Measure(options, commands, folder.FullName);
        }
        catch (InvalidOperationException e)
        {
            Console.Out.Flush();
            Console.Error.WriteLine();
            Console.Error.WriteLine($"PROCESS BENCHMARK FAILED: {e.Message}");
            return 1;
        }
        finally
        {
            if (options.KeepFiles)
            {
                Console.WriteLine($"// corpus files kept in {folder.FullName}");
            }
            else
            {
                folder.Delete(recursive: true);
            }
        }
    }

    private static int Measure(ProcessBenchmarkOptions options, List<BenchedCommand> commands, string folder)
    {
        var root = RepositoryPaths.Root;
        var report = new ProcessReport(MachineDescription.Read(root), options, commands) { LoadBefore = MachineDescription.LoadAverage() };
        report.PrintPreamble();

        var encounters = SyntheticEncounters.Create(options.Count);
        SyntheticEncounters.CheckUnchanged(encounters);
        Console.WriteLine($"// the corpus starts with the {SyntheticEncounters.Count:N0} encounters of the BenchmarkDotNet suite (NDJSON sha256 {SyntheticEncounters.ReferenceSha256[..12]}…, checked)");
        var one = Path.Combine(folder, "one.json");
        var corpus = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"corpus-{options.Count}.ndjson"));
        Write(one, encounters.Take(1));
        Write(corpus, encounters);
        report.CorpusBytes = new FileInfo(corpus).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// corpus: {options.Count:N0} encounters, {report.CorpusBytes:N0} bytes of NDJSON in {corpus}"));

        // Note: the children run in the repository root, as a user's shell there would, so "rules" is the shipped
        // folder for every command (evaluate is told so explicitly: a CLI of another build finds the same rules).
        var corpusScenario = new ProcessScenario("evaluate CORPUS.ndjson", ["evaluate", corpus, "--rules", "rules"], 0, ComparesOutput: true, options.Count);
        ProcessScenario[] scenarios =
        [
            new("evaluate ONE.json", ["evaluate", one, "--rules", "rules"], 0, ComparesOutput: true, 1),
            corpusScenario,
            new("validate rules", ["validate", "rules"], 0, ComparesOutput: false, 0),
            new("test rules", ["test", "rules"], 0, ComparesOutput: false, 0),
        ];
        foreach (var scenario in scenarios)
        {
            var measurement = MeasureScenario(scenario, commands, options, root);
            report.Scenarios.Add(measurement);
            if (scenario == corpusScenario)
            {
                report.Corpus = measurement;
            }
        }

        report.LoadAfterProcesses = MachineDescription.LoadAverage();
        Console.WriteLine($"// in process: {options.Count:N0} encounters, {options.Rounds} rounds after warming up");
        report.InProcess.AddRange(InProcessRates.Measure(encounters, options.Rounds));
        report.LoadAfter = MachineDescription.LoadAverage();
        report.PrintResults();
        return 0;
    }

    private static ScenarioMeasurement MeasureScenario(ProcessScenario scenario, List<BenchedCommand> commands, ProcessBenchmarkOptions options, string root)
    {
        var measurement = new ScenarioMeasurement(scenario);
        (string Sha256, long Bytes, string Run)? expected = null;
        Console.WriteLine($"// {scenario.Name} (load average {MachineDescription.LoadAverage()})");
        for (var pair = 0; pair <= options.Runs; pair++)
        {
            foreach (var (role, command) in commands)
            {
                var label = pair == 0 ? $"{role} warm-up" : $"{role} run {pair}";
                var run = ProcessRunner.Run(command, scenario, root, options.Timeout);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"//   {label,-16} {run.Wall.TotalSeconds,8:0.000} s  cpu {run.Processor?.TotalSeconds,6:0.000} s  exit {run.ExitCode}  {run.OutputBytes,14:N0} bytes out"));
                if (run.ExitCode != scenario.ExpectedExitCode)
                {
                    throw new InvalidOperationException(
                        $"'{scenario.Name}', {label}: {command} exited with {run.ExitCode}, expected {scenario.ExpectedExitCode}. "
                        + (run.ErrorTail.Length == 0 ? "It wrote nothing to standard error." : $"Its standard error ends:{Environment.NewLine}{run.ErrorTail}"));
                }

                if (scenario.ComparesOutput && expected is null)
                {
                    expected = (run.OutputSha256, run.OutputBytes, label);
                }
                else if (scenario.ComparesOutput && expected?.Sha256 != run.OutputSha256)
                {
                    throw new InvalidOperationException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"'{scenario.Name}': the standard output of the {label} ({run.OutputBytes:N0} bytes, sha256 {run.OutputSha256}) differs from the {expected?.Run}'s ({expected?.Bytes:N0} bytes, sha256 {expected?.Sha256}); {command}"));
                }

                if (pair > 0)
                {
                    measurement.Add(role, run);
                }
            }
        }

        return measurement;
    }

    private static void Write(string path, IEnumerable<Encounter> encounters)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        SyntheticEncounters.WriteNdjson(file, encounters);
    }
}

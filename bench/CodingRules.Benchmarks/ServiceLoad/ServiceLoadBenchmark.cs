using System.Globalization;
using System.Net;
using CodingRules.Benchmarks.Processes;

namespace CodingRules.Benchmarks.ServiceLoad;

/// <summary>
/// The load test (<c>-- load --cli "COMMAND"</c>): the real service, <c>COMMAND serve</c>, on 127.0.0.1 under closed-loop
/// HTTP clients, beside the CLI on the same encounters in the same run. It writes the process benchmark's corpus to a
/// temporary NDJSON file; runs the CLI on it once (warm-up, and the bytes the service must match); starts the service
/// and waits until it is ready; sends every batch once and checks that the results are the CLI's bytes (apart from
/// each result's revision) and that single requests answer as the batches do; warms both paths up; then, for each
/// round and each number of clients: the CLI on the corpus (process start included), single requests for the
/// duration, batches for the duration. It prints a line per measurement and the figures as Markdown
/// (docs/performance.md, "The service under load"). The service is killed at the end, whatever happened.
/// </summary>
/// <remarks>
/// Bounded: every request has a timeout, each measurement sends for a fixed time (a request in flight at its end is
/// waited for, within its timeout), the CLI runs and the service's start have timeouts of their own. A failed request
/// is counted by kind and shown, never in the throughput; any, the warm-up's included, makes the exit code 1, after the figures.
/// </remarks>
internal static class ServiceLoadBenchmark
{
    /// <summary>Single answers compared with the batch answers for the same encounters.</summary>
    private const int ComparedSingles = 20;

    /// <summary>The longest warm-up per path (shorter when the measurements are).</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public static int Run(IReadOnlyList<string> args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(ServiceLoadOptions.Usage);
            return 0;
        }

        ServiceLoadOptions options;
        ChildCommand cli;
        try
        {
            options = ServiceLoadOptions.Parse(args);
            cli = ChildCommand.Parse(options.Cli, Environment.CurrentDirectory);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"load: {e.Message}");
            Console.Error.WriteLine(ServiceLoadOptions.Usage);
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("codingrules-loadbench-");
        try
        {
            return Measure(options, cli, folder.FullName).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e)
        {
            Console.Out.Flush();
            Console.Error.WriteLine();
            Console.Error.WriteLine($"LOAD BENCHMARK FAILED: {e.Message}");
            return 1;
        }
        finally
        {
            if (options.KeepFiles)
            {
                Console.WriteLine($"// corpus file kept in {folder.FullName}");
            }
            else
            {
                folder.Delete(recursive: true);
            }
        }
    }

    private static async Task<int> Measure(ServiceLoadOptions options, ChildCommand cli, string folder)
    {
        var root = RepositoryPaths.Root;
        var report = new ServiceLoadReport(MachineDescription.Read(root), options, cli) { LoadBefore = MachineDescription.LoadAverage() };
        report.PrintPreamble();

        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"corpus-{options.Count}.ndjson"));
        WriteCorpus(path, options.Count);
        var corpus = LoadCorpus.Read(path, options.BatchRecords);
        report.CorpusBytes = new FileInfo(path).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// corpus: {corpus.Count:N0} encounters, {report.CorpusBytes:N0} bytes of NDJSON in {path}, {corpus.Batches} batches of up to {corpus.BatchRecords:N0}"));

        // Note: the children run in the repository root, as in the process benchmark, and both load the shipped
        // folder by the same relative path, so both name a finding's file ("definedIn") alike: the same bytes to compare.
        var evaluate = new ProcessScenario("evaluate CORPUS.ndjson", ["evaluate", path, "--rules", "rules"], 0, ComparesOutput: true, options.Count);
        var reference = RunCli(cli, evaluate, root, options, "warm-up", expected: null);

        using var service = await ServiceProcess.Start(cli, root, options.ProcessTimeout).ConfigureAwait(false);
        ConsoleCancelEventHandler stop = (_, _) => service.Dispose();
        Console.CancelKeyPress += stop;
        try
        {
            report.Service = service.Command;
            Console.WriteLine($"// service: pid {service.ProcessId}, {service.ListeningLine}");
            using var client = HttpLoad.CreateClient(service.Address);
            var load = new HttpLoad(client, corpus, options.RequestTimeout);
            report.Check = await CheckAgainstCli(load, reference).ConfigureAwait(false);
            Console.WriteLine($"// {report.Check}");

            var warmUp = options.Duration < WarmUp ? options.Duration : WarmUp;
            var most = options.Clients.Max();
            foreach (var kind in new[] { LoadMeasurement.Single, LoadMeasurement.Ndjson })
            {
                var measurement = await load.Measure(kind, most, warmUp, service).ConfigureAwait(false);
                ServiceLoadReport.PrintMeasurement("warm-up", measurement);
                report.WarmUps.Add(measurement);
            }

            for (var run = 1; run <= options.Runs; run++)
            {
                foreach (var clients in options.Clients)
                {
                    var label = $"run {run}";
                    report.CliRuns.Add((run, clients, RunCli(cli, evaluate, root, options, label, reference)));
                    foreach (var kind in new[] { LoadMeasurement.Single, LoadMeasurement.Ndjson })
                    {
                        var measurement = await load.Measure(kind, clients, options.Duration, service).ConfigureAwait(false);
                        ServiceLoadReport.PrintMeasurement(label, measurement);
                        report.Measurements.Add((run, measurement));
                    }
                }
            }
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }

        report.LoadAfter = MachineDescription.LoadAverage();
        report.PrintResults();
        if (report.ErrorCount > 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {report.ErrorCount} requests failed, the warm-up included (see the errors column and the messages above)."));
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// Fails unless the batch answers are the CLI's output for the whole corpus (apart from each result's revision)
    /// and the first single answers are the batch answers for the same encounters; says what was checked.
    /// </summary>
    private static async Task<string> CheckAgainstCli(HttpLoad load, ProcessRunResult cli)
    {
        var (sha256, bytes, revision, first) = await load.AllBatchesOnce(ComparedSingles).ConfigureAwait(false);
        if (sha256 != cli.OutputSha256 || bytes != cli.OutputBytes)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The service's batch results ({bytes:N0} bytes without their revision, sha256 {sha256}) are not the CLI's output ({cli.OutputBytes:N0} bytes, sha256 {cli.OutputSha256})."));
        }

        for (var i = 0; i < first.Count; i++)
        {
            var (status, body) = await load.One(i).ConfigureAwait(false);
            if (status != HttpStatusCode.OK || !body.AsSpan().SequenceEqual(first[i]))
            {
                throw new InvalidOperationException($"Encounter {i + 1} sent alone got {(int)status} and {System.Text.Encoding.UTF8.GetString(body)}; in its batch: {System.Text.Encoding.UTF8.GetString(first[i])}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"Checked before timing: the batch answers over the whole corpus are the CLI's {cli.OutputBytes:N0} bytes (sha256 {cli.OutputSha256[..12]}…) once each result's \"revision\" ({revision}) is taken out, and the first {first.Count} encounters sent alone get the same results.");
    }

    private static ProcessRunResult RunCli(ChildCommand cli, ProcessScenario scenario, string root, ServiceLoadOptions options, string label, ProcessRunResult? expected)
    {
        var run = ProcessRunner.Run(cli, scenario, root, options.ProcessTimeout);
        ServiceLoadReport.PrintCli(label, run, scenario.Encounters);
        if (run.ExitCode != scenario.ExpectedExitCode)
        {
            throw new InvalidOperationException(
                $"{label}: {cli} {string.Join(' ', scenario.Arguments)} exited with {run.ExitCode}, expected {scenario.ExpectedExitCode}. "
                + (run.ErrorTail.Length == 0 ? "It wrote nothing to standard error." : $"Its standard error ends:{Environment.NewLine}{run.ErrorTail}"));
        }

        if (expected is not null && expected.OutputSha256 != run.OutputSha256)
        {
            throw new InvalidOperationException($"{label}: the CLI wrote other bytes than in its warm-up run (sha256 {run.OutputSha256}, before {expected.OutputSha256}).");
        }

        return run;
    }

    /// <summary>
    /// Writes the process benchmark's corpus of <paramref name="count"/> encounters (checked to start with the suite's);
    /// the encounters themselves are not kept, only their NDJSON is sent.
    /// </summary>
    private static void WriteCorpus(string path, int count)
    {
        var encounters = SyntheticEncounters.Create(count);
        SyntheticEncounters.CheckUnchanged(encounters);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        SyntheticEncounters.WriteNdjson(file, encounters);
    }
}

using System.Globalization;

namespace CodingRules.Benchmarks.Processes;

/// <summary>
/// The process benchmark's options: <c>process --cli "COMMAND" [--baseline "COMMAND"] [--runs N] [--count N]
/// [--rounds N] [--timeout SECONDS] [--keep]</c>.
/// </summary>
internal sealed record ProcessBenchmarkOptions(
    string Cli,
    string? Baseline,
    int Runs,
    int Count,
    int Rounds,
    TimeSpan Timeout,
    bool KeepFiles)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/CodingRules.Benchmarks -- process --cli "COMMAND" [options]

          --cli "COMMAND"       the CLI under test, e.g. "dotnet src/CodingRules.Cli/bin/Release/net10.0/CodingRules.Cli.dll"
                                or a published executable; paths are taken from the directory the benchmark runs in
          --baseline "COMMAND"  a second CLI, run alternately with the first (cli, baseline, cli, baseline...)
          --runs N              timed runs of each command per scenario, after one warm-up pair (default 5)
          --count N             encounters in the corpus (default 300000; the first 10,000 are the BenchmarkDotNet ones)
          --rounds N            timed in-process rounds over the corpus, after warming up (default 5)
          --timeout SECONDS     the longest one child process may run before it is killed and the run fails (default 300)
          --keep                keep the corpus files in the temporary folder (their path is printed)
        """;

    public static ProcessBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        string? cli = null, baseline = null;
        int runs = 5, count = 300_000, rounds = 5, timeout = 300;
        var keep = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--cli": cli = Value(args, ref i); break;
                case "--baseline": baseline = Value(args, ref i); break;
                case "--runs": runs = Number(args, ref i, 1); break;
                case "--count": count = Number(args, ref i, 1); break;
                case "--rounds": rounds = Number(args, ref i, 1); break;
                case "--timeout": timeout = Number(args, ref i, 1); break;
                case "--keep": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return cli is null
            ? throw new ArgumentException("--cli is required.")
            : new ProcessBenchmarkOptions(cli, baseline, runs, count, rounds, TimeSpan.FromSeconds(timeout), keep);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Number(IReadOnlyList<string> args, ref int i, int least)
    {
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= least
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a whole number of at least {least}, not '{text}'.");
    }
}

using System.Collections.Immutable;
using System.Globalization;

namespace CodingRules.Benchmarks.ServiceLoad;

/// <summary>
/// The load test's options: <c>load --cli "COMMAND" [--clients N[,N...]] [--seconds S] [--count N] [--batch N]
/// [--runs R] [--request-timeout SECONDS] [--timeout SECONDS] [--keep]</c>.
/// </summary>
internal sealed record ServiceLoadOptions(
    string Cli,
    ImmutableArray<int> Clients,
    TimeSpan Duration,
    int Count,
    int BatchRecords,
    int Runs,
    TimeSpan RequestTimeout,
    TimeSpan ProcessTimeout,
    bool KeepFiles)
{
    /// <summary>The most concurrent clients one measurement may have (each holds one connection).</summary>
    public const int MaxClients = 256;

    /// <summary>The longest one measurement may last, so that a run stays bounded.</summary>
    public const int MaxSeconds = 600;

    public const string Usage = """
        usage: dotnet run -c Release --project bench/CodingRules.Benchmarks -- load --cli "COMMAND" [options]

          --cli "COMMAND"            the CLI under test, e.g. out/codingrules/CodingRules.Cli (published) or
                                     "dotnet src/CodingRules.Cli/bin/Release/net10.0/CodingRules.Cli.dll"; it is run as
                                     COMMAND serve --rules rules --urls http://127.0.0.1:0 and COMMAND evaluate FILE --rules ROOT/rules
          --clients N[,N...]         concurrent HTTP clients, one measurement per number (default 1,2,4; at most 256)
          --seconds S                how long each HTTP measurement sends requests (default 10; at most 600)
          --count N                  encounters in the corpus (default 300000; the first 10,000 are the BenchmarkDotNet ones)
          --batch N                  records per NDJSON request (default 10000; at most --count)
          --runs R                   rounds, each: per client number, the CLI on the corpus, single requests, batches (default 3)
          --request-timeout SECONDS  the longest one request may take before it counts as a timeout (default 60)
          --timeout SECONDS          the longest a CLI run, or the service's start, may take before the run fails (default 300)
          --keep                     keep the corpus file in the temporary folder (its path is printed)
        """;

    public static ServiceLoadOptions Parse(IReadOnlyList<string> args)
    {
        string? cli = null;
        ImmutableArray<int> clients = [1, 2, 4];
        int seconds = 10, count = 300_000, batch = 10_000, runs = 3, requestTimeout = 60, timeout = 300;
        var keep = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--cli": cli = Value(args, ref i); break;
                case "--clients": clients = ClientNumbers(args, ref i); break;
                case "--seconds": seconds = Number(args, ref i, 1, MaxSeconds); break;
                case "--count": count = Number(args, ref i, 1, int.MaxValue); break;
                case "--batch": batch = Number(args, ref i, 1, int.MaxValue); break;
                case "--runs": runs = Number(args, ref i, 1, int.MaxValue); break;
                case "--request-timeout": requestTimeout = Number(args, ref i, 1, 3600); break;
                case "--timeout": timeout = Number(args, ref i, 1, 3600); break;
                case "--keep": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (cli is null)
        {
            throw new ArgumentException("--cli is required.");
        }

        if (batch > count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--batch {batch} is larger than the corpus (--count {count})."));
        }

        return new ServiceLoadOptions(cli, clients, TimeSpan.FromSeconds(seconds), count, batch, runs, TimeSpan.FromSeconds(requestTimeout), TimeSpan.FromSeconds(timeout), keep);
    }

    private static ImmutableArray<int> ClientNumbers(IReadOnlyList<string> args, ref int i)
    {
        var text = Value(args, ref i);
        var numbers = text.Split(',', StringSplitOptions.TrimEntries);
        var parsed = numbers.Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= MaxClients ? c : 0).ToArray();
        return parsed.Contains(0) || parsed.Distinct().Count() != parsed.Length
            ? throw new ArgumentException($"--clients needs distinct whole numbers from 1 to {MaxClients} separated by commas, not '{text}'.")
            : [.. parsed];
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Number(IReadOnlyList<string> args, ref int i, int least, int most)
    {
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= least && n <= most
            ? n
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{args[i - 1]} needs a whole number from {least} to {most}, not '{text}'."));
    }
}

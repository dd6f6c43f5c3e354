using System.Collections.Immutable;
using System.Diagnostics;

namespace CodingRules.Benchmarks.ServiceLoad;

/// <summary>
/// One timed measurement of the service: a path (<see cref="Single"/> or <see cref="Ndjson"/>) under a number of
/// clients, from the moment they started to the moment the last one had its last answer (a request in flight at the
/// end of the duration is waited for and counted). Latency percentiles are over the answered requests (nearest rank);
/// processor time is the service's and this process's (the clients'), each null where it cannot be read.
/// </summary>
internal sealed record LoadMeasurement(
    string Path,
    int Clients,
    TimeSpan Elapsed,
    long Requests,
    long Encounters,
    long Invalid,
    ImmutableSortedDictionary<string, long> Errors,
    ImmutableArray<string> Messages,
    TimeSpan? P50,
    TimeSpan? P99,
    TimeSpan? ServiceProcessor,
    TimeSpan? ClientProcessor)
{
    /// <summary>One encounter per request, as <c>application/json</c>.</summary>
    public const string Single = "single";

    /// <summary>Batches of records per request, as <c>application/x-ndjson</c>, the answer streamed back.</summary>
    public const string Ndjson = "ndjson";

    public long ErrorCount => Errors.Values.Sum();

    public double EncountersPerSecond => Encounters / Elapsed.TotalSeconds;

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>The service's processor time per encounter coded (all its threads, Kestrel's included).</summary>
    public TimeSpan? ServiceProcessorPerEncounter => Encounters == 0 ? null : ServiceProcessor / Encounters;

    public static LoadMeasurement From(string path, int clients, TimeSpan elapsed, LoadTally tally, TimeSpan? service, TimeSpan? client)
    {
        var latencies = tally.Latencies.ToArray();
        Array.Sort(latencies);
        return new LoadMeasurement(
            path,
            clients,
            elapsed,
            tally.Requests,
            tally.Encounters,
            tally.Invalid,
            tally.Errors.ToImmutableSortedDictionary(StringComparer.Ordinal),
            [.. tally.Messages],
            Percentile(latencies, 50),
            Percentile(latencies, 99),
            service,
            client);
    }

    /// <summary>The nearest-rank percentile of sorted Stopwatch ticks; null when nothing was answered.</summary>
    private static TimeSpan? Percentile(long[] sorted, int percent)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return Stopwatch.GetElapsedTime(0, sorted[Math.Clamp(rank, 1, sorted.Length) - 1]);
    }
}

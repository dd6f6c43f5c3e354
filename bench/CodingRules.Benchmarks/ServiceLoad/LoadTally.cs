using System.Diagnostics;

namespace CodingRules.Benchmarks.ServiceLoad;

/// <summary>
/// What one client saw during a measurement (one client writes its own tally; they are merged after): requests
/// answered, encounters coded, the latency of each answered request, 422s (an encounter the service found invalid:
/// expected for bad input, shown apart), and errors by kind, with the first few messages kept to quote.
/// </summary>
internal sealed class LoadTally
{
    /// <summary>Error kinds: an HTTP status other than 200 and 422.</summary>
    public const string Status = "status";

    /// <summary>Error kinds: no complete answer within the request timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>Error kinds: the connection failed or the answer broke off (an exception from the client).</summary>
    public const string Exception = "exception";

    /// <summary>Error kinds: a batch whose answer did not hold exactly one result line per record sent.</summary>
    public const string Lines = "lines";

    private const int KeptMessages = 5;

    public long Requests { get; private set; }

    public long Encounters { get; private set; }

    public long Invalid { get; private set; }

    /// <summary>Stopwatch ticks from just before each answered request was sent to the end of its answer.</summary>
    public List<long> Latencies { get; } = [];

    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    public List<string> Messages { get; } = [];

    public long ErrorCount => Errors.Values.Sum();

    /// <summary>A request answered in full: its latency counts; its encounters count when it was not an error.</summary>
    public void Answered(long started, long encounters, bool invalid = false)
    {
        Requests++;
        Encounters += encounters;
        Invalid += invalid ? 1 : 0;
        Latencies.Add(Stopwatch.GetTimestamp() - started);
    }

    /// <summary>A request that failed: counted by kind, never in the throughput.</summary>
    public void Failed(string kind, string message)
    {
        Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
        if (Messages.Count < KeptMessages)
        {
            Messages.Add($"{kind}: {message}");
        }
    }

    public static LoadTally Merge(IEnumerable<LoadTally> tallies)
    {
        var all = new LoadTally();
        foreach (var tally in tallies)
        {
            all.Requests += tally.Requests;
            all.Encounters += tally.Encounters;
            all.Invalid += tally.Invalid;
            all.Latencies.AddRange(tally.Latencies);
            foreach (var (kind, count) in tally.Errors)
            {
                all.Errors[kind] = all.Errors.GetValueOrDefault(kind) + count;
            }

            all.Messages.AddRange(tally.Messages.Take(KeptMessages - all.Messages.Count));
        }

        return all;
    }
}

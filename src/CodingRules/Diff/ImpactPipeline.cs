using CodingRules.Encounters;
using CodingRules.Evaluation;

namespace CodingRules.Diff;

/// <summary>
/// The ordered parallel part of an impact replay, on <see cref="OrderedBatches"/> as <c>evaluate</c>'s is: records are
/// read on the calling thread, exactly once, into batches; each batch is worked on by the thread pool; the outcomes are
/// handed back on the calling thread in input order. At most <see cref="MaxBatchesInFlight"/> batches are being worked
/// on or waiting for an earlier one to be reported, and one more is being read, so memory is bounded by the batch
/// limits whatever the input's size.
/// </summary>
/// <remarks>
/// Note: PLINQ's ordered merge (even with <c>ParallelMergeOptions.NotBuffered</c>) keeps outcomes that are ready before
/// an earlier one in buffers of its own, and its chunk partitioner reads ahead; neither is bounded by anything a caller
/// sets. Here the calling thread starts the batch it has read only after it has handed on the oldest, so nothing is read more
/// than <see cref="MaxBatchesInFlight"/> + 1 batches ahead of what has been reported (OrderedBatches keeps 2 per
/// thread, less one, in flight and one read and waiting).
/// </remarks>
internal static class ImpactPipeline
{
    /// <summary>
    /// Records in a batch: enough to keep a worker busy for about a millisecond (two evaluations of a typical record
    /// take some 50 µs), few enough that the records in flight are young when the garbage collector runs.
    /// </summary>
    /// <remarks>
    /// Note: what is in flight survives each collection of the youngest generation, and a collection stops every
    /// thread; measured on 200,000 encounters (two cores), the pauses took 1.0 s with 256 records a batch, 4.8 s with
    /// 1,024, and 0.15 s with 16, for the same work.
    /// </remarks>
    public const int BatchRecords = 16;

    /// <summary>A batch ends once its records hold this many bytes (a record may be up to 1 MiB), so it stays under 5 MiB.</summary>
    public const int BatchBytes = 4 * 1024 * 1024;

    /// <summary>Batches that may exist at a time: two per processor, so a worker never waits for the reader.</summary>
    public static int MaxBatchesInFlight => Math.Max(2, 2 * Environment.ProcessorCount);

    /// <summary>
    /// Applies <paramref name="work"/> to every record of <paramref name="records"/> (in parallel, so it must be
    /// thread-safe) and gives each outcome to <paramref name="report"/> in input order, on the calling thread. An
    /// exception from either, or from reading, ends the run once the batches already started have finished, and
    /// is thrown here.
    /// </summary>
    public static void Run<T>(IEnumerable<InputRecord> records, Func<InputRecord, T> work, Action<T> report, int maxBatchesInFlight = 0)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(report);
        var limit = maxBatchesInFlight > 0 ? maxBatchesInFlight : MaxBatchesInFlight;
        OrderedBatches.Run(
            records,
            new OrderedBatches.Limits(Threads: Math.Max(1, limit / 2), MaxItems: BatchRecords, MaxWeight: BatchBytes),
            static record => record.Utf8.Length,
            batch =>
            {
                var outcomes = new T[batch.Count];
                for (var i = 0; i < outcomes.Length; i++)
                {
                    outcomes[i] = work(batch[i]);
                }

                return outcomes;
            },
            outcomes =>
            {
                foreach (var outcome in outcomes)
                {
                    report(outcome);
                }
            });
    }
}

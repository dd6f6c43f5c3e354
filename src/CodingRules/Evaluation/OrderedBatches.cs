namespace CodingRules.Evaluation;

/// <summary>
/// An ordered pipeline over the cores: items are cut into batches, each batch is processed on the thread pool, and
/// the batches' outputs are handed on in input order, so what comes out is the same as processing one item after the
/// other on one thread. The calling thread reads the items and writes the outputs.
/// </summary>
/// <remarks>
/// Bounds: at most <c>2 x threads</c> batches are read ahead of the one being written, so memory is at most that many
/// batches' items and outputs, whatever the length of the input. A batch ends at <see cref="Limits.MaxItems"/> items or
/// once its items weigh <see cref="Limits.MaxWeight"/> (bytes, say), whichever comes first. An input of one batch is
/// processed on the calling thread, without the thread pool. An exception in a batch is rethrown to the caller when
/// that batch's turn to be written comes (evaluation reports bad records as results, so none is expected); after any
/// exception the batches already started finish before it reaches the caller.
/// </remarks>
public static class OrderedBatches
{
    /// <summary>Where a batch ends and how many run at once.</summary>
    /// <param name="Threads">Batches processed at once; 1 processes each batch on the calling thread.</param>
    /// <param name="MaxItems">Items per batch at most (1 hands on each item's output as soon as it is made).</param>
    /// <param name="MaxWeight">A batch ends once the weight of its items reaches this.</param>
    public readonly record struct Limits(int Threads, int MaxItems, long MaxWeight);

    /// <summary>
    /// Processes <paramref name="items"/> in batches with <paramref name="process"/> and gives each batch's output to
    /// <paramref name="write"/>, in input order.
    /// </summary>
    public static void Run<TItem, TOutput>(
        IEnumerable<TItem> items,
        Limits limits,
        Func<TItem, long> weight,
        Func<IReadOnlyList<TItem>, TOutput> process,
        Action<TOutput> write)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.Threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxItems, 1);

        var ahead = new Queue<Task<TOutput>>();
        try
        {
            List<TItem>? full = null;
            var batch = new List<TItem>();
            long batchWeight = 0;
            foreach (var item in items)
            {
                batch.Add(item);
                batchWeight += weight(item);
                if (batch.Count < limits.MaxItems && batchWeight < limits.MaxWeight)
                {
                    continue;
                }

                // Note: a full batch waits here until the next item is read, so that an input of exactly one batch is
                // still processed on this thread.
                if (full is not null)
                {
                    Submit(full);
                }

                full = batch;
                batch = [];
                batchWeight = 0;
                if (limits.Threads == 1)
                {
                    write(process(full));
                    full = null;
                }
            }

            if (batch.Count > 0)
            {
                if (full is not null)
                {
                    Submit(full);
                }

                full = batch;
            }

            // The last batch is processed here while the thread pool finishes the ones before it.
            var last = full is null ? default : process(full);
            while (ahead.Count > 0)
            {
                write(ahead.Dequeue().GetAwaiter().GetResult());
            }

            if (full is not null)
            {
                write(last!);
            }
        }
        finally
        {
            // Note: after a failure (in reading, processing or writing) the batches already started are let finish
            // (each reads only its own items), so nothing of this run is still working once it has returned or thrown.
            foreach (var task in ahead)
            {
                ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            }
        }

        void Submit(List<TItem> ready)
        {
            ahead.Enqueue(Task.Run(() => process(ready)));
            while (ahead.Count >= 2 * limits.Threads || (ahead.Count > 0 && ahead.Peek().IsCompleted))
            {
                write(ahead.Dequeue().GetAwaiter().GetResult());
            }
        }
    }
}

using CodingRules.Evaluation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CodingRules.Tests.Evaluation;

/// <summary>
/// The ordered pipeline gives what one thread would, in input order, whatever the threads and batch limits; it reads
/// no further ahead than its bound; an input of one batch stays on the calling thread.
/// </summary>
public sealed class OrderedBatchesTests
{
    [Property(MaxTest = 200)]
    public Property OutputIsTheSequentialOutputInInputOrder() =>
        Prop.ForAll(
            (from count in Gen.Choose(0, 3000)
             from threads in Gen.Choose(1, 6)
             from maxItems in Gen.Choose(1, 300)
             from maxWeight in Gen.Choose(1, 5000)
             select (count, threads, maxItems, maxWeight)).ToArbitrary(),
            run =>
            {
                var (count, threads, maxItems, maxWeight) = run;
                var written = new List<int>();
                var batches = 0;
                OrderedBatches.Run(
                    Enumerable.Range(0, count),
                    new OrderedBatches.Limits(threads, maxItems, maxWeight),
                    i => i % 17,
                    batch =>
                    {
                        Assert.InRange(batch.Count, 1, maxItems);
                        Interlocked.Increment(ref batches);
                        return batch.Select(i => i * 3).ToList();
                    },
                    written.AddRange);
                Assert.Equal(Enumerable.Range(0, count).Select(i => i * 3), written);
                Assert.True(count == 0 ? batches == 0 : batches >= (count + maxItems - 1) / maxItems);
            });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void ReadsAtMostTwiceTheThreadsInBatchesAheadOfTheOneWritten(int threads)
    {
        var read = 0;
        var written = 0;
        var most = 0;
        OrderedBatches.Run(
            Reading(10_000, () => Interlocked.Increment(ref read)),
            new OrderedBatches.Limits(threads, 10, long.MaxValue),
            _ => 1,
            batch => batch.Count,
            n =>
            {
                written += n;
                most = Math.Max(most, Volatile.Read(ref read) - written);
            });
        Assert.Equal(10_000, written);
        // Batches queued (2 x threads), the full batch held back and the one being filled, of 10 items each.
        Assert.InRange(most, 0, ((2 * threads) + 2) * 10);
    }

    [Fact]
    public void AnInputOfOneBatchIsProcessedOnTheCallingThread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var threadsSeen = new List<int>();
        OrderedBatches.Run([1, 2, 3], new OrderedBatches.Limits(4, 256, long.MaxValue), _ => 1, batch =>
        {
            threadsSeen.Add(Environment.CurrentManagedThreadId);
            return batch.Count;
        }, _ => { });
        Assert.Equal([caller], threadsSeen);
    }

    [Fact]
    public void ABatchLimitedByWeightEndsOnceTheWeightIsReached()
    {
        var sizes = new List<int>();
        OrderedBatches.Run(Enumerable.Range(0, 10), new OrderedBatches.Limits(1, 100, 5), _ => 2, batch => batch.Count, sizes.Add);
        Assert.Equal([3, 3, 3, 1], sizes);
    }

    [Fact]
    public void AFailingBatchIsRethrownToTheCallerInItsTurn()
    {
        var written = new List<int>();
        var error = Assert.Throws<InvalidOperationException>(() => OrderedBatches.Run(
            Enumerable.Range(0, 100),
            new OrderedBatches.Limits(3, 10, long.MaxValue),
            _ => 1,
            batch => batch[0] == 50 ? throw new InvalidOperationException("batch 6") : batch[0],
            written.Add));
        Assert.Equal("batch 6", error.Message);
        Assert.Equal([0, 10, 20, 30, 40], written);
    }

    private static IEnumerable<int> Reading(int count, Action onRead)
    {
        for (var i = 0; i < count; i++)
        {
            onRead();
            yield return i;
        }
    }
}

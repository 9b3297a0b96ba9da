using LineAgent.Agent.Cli.Commands;

namespace LineAgent.Agent.Tests.Cli.Commands;

public sealed class ReadAheadTests
{
    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 3)]
    [InlineData(9, 3)]
    [InlineData(10, 3)]
    [InlineData(10_000, 1000)]
    public void Batches_EveryItemOnceInOrder_InFullBatchesAndOneShortLast(int count, int batchSize)
    {
        var batches = ReadAhead.Batches(Enumerable.Range(0, count), batchSize, depth: 2, CancellationToken.None).ToList();

        Assert.Equal(Enumerable.Range(0, count), batches.SelectMany(b => b));
        Assert.All(batches.SkipLast(1), b => Assert.Equal(batchSize, b.Count));
        Assert.All(batches, b => Assert.NotEmpty(b));
    }

    [Fact]
    public void Batches_SourceRunsOnAnotherThread_NeverMoreThanDepthAheadOfTheConsumer()
    {
        var consumer = Environment.CurrentManagedThreadId;
        var sourceThreads = new HashSet<int>();
        var produced = 0;
        var consumed = 0;
        var maxAhead = 0;
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 100; i++)
            {
                lock (sourceThreads) sourceThreads.Add(Environment.CurrentManagedThreadId);
                var ahead = Interlocked.Increment(ref produced) - Volatile.Read(ref consumed);
                InterlockedMax(ref maxAhead, ahead);
                yield return i;
            }
        }

        foreach (var batch in ReadAhead.Batches(Source(), batchSize: 5, depth: 2, CancellationToken.None))
        {
            Thread.Sleep(2);                     // a slow consumer: the reader runs ahead as far as it may
            Interlocked.Add(ref consumed, batch.Count);
        }

        Assert.DoesNotContain(consumer, sourceThreads);
        // Queued (2 batches) + the one being filled + the one being consumed, plus the item in hand.
        Assert.InRange(maxAhead, 6, 4 * 5 + 1);
    }

    [Fact]
    public void Batches_SourceFails_BatchesBeforeTheFailureArriveThenTheSameExceptionIsRethrown()
    {
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 7; i++)
                yield return i;
            throw new InvalidDataException("row 7 is broken");
        }

        var seen = new List<int>();
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var batch in ReadAhead.Batches(Source(), batchSize: 3, depth: 2, CancellationToken.None))
                seen.AddRange(batch);
        });

        Assert.Equal("row 7 is broken", error.Message);
        Assert.Equal([0, 1, 2, 3, 4, 5], seen);   // the last, partial batch never completed
    }

    [Fact]
    public void Batches_ConsumerStopsEarly_TheSourceIsStoppedAndDisposedBeforeTheEnumerationEnds()
    {
        var disposed = false;
        var produced = 0;
        IEnumerable<int> Endless()
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    Interlocked.Increment(ref produced);
                    yield return i;
                }
            }
            finally
            {
                Thread.Sleep(50);                  // a slow clean-up (closing a statement) must still finish first
                disposed = true;
            }
        }

        foreach (var batch in ReadAhead.Batches(Endless(), batchSize: 10, depth: 2, CancellationToken.None))
        {
            Assert.Equal(0, batch[0]);
            break;
        }

        Assert.True(disposed);                     // the caller may now close what the source reads from
        var stopped = Volatile.Read(ref produced);
        Thread.Sleep(20);
        Assert.Equal(stopped, Volatile.Read(ref produced));
    }

    [Fact]
    public void Batches_ConsumerThrows_TheSourceIsStoppedAndTheConsumersExceptionWins()
    {
        var disposed = false;
        IEnumerable<int> Endless()
        {
            try
            {
                for (var i = 0; ; i++) yield return i;
            }
            finally
            {
                disposed = true;
            }
        }

        Assert.Throws<IOException>(() =>
        {
            foreach (var _ in ReadAhead.Batches(Endless(), batchSize: 4, depth: 1, CancellationToken.None))
                throw new IOException("broken pipe");
        });
        Assert.True(disposed);
    }

    [Fact]
    public void Batches_Cancelled_ThrowsOperationCanceledAndStopsTheSource()
    {
        using var cancel = new CancellationTokenSource();
        var disposed = false;
        IEnumerable<int> Endless()
        {
            try
            {
                for (var i = 0; ; i++) yield return i;
            }
            finally
            {
                disposed = true;
            }
        }

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in ReadAhead.Batches(Endless(), batchSize: 4, depth: 1, cancel.Token))
                cancel.Cancel();
        });
        Assert.True(disposed);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, current) == current)
                return;
    }
}

using LineAgent.Agent.Cli.Commands;

namespace LineAgent.Agent.Tests.Cli.Commands;

public sealed class ReadAheadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10_000)]
    public void Of_EveryItemOnceInOrder(int count)
    {
        Assert.Equal(Enumerable.Range(0, count), ReadAhead.Of(Enumerable.Range(0, count), depth: 2, CancellationToken.None));
    }

    [Fact]
    public void Of_SourceRunsOnAnotherThread_NeverMoreThanDepthAheadOfTheConsumer()
    {
        var consumer = Environment.CurrentManagedThreadId;
        var sourceThreads = new HashSet<int>();
        var produced = 0;
        var consumed = 0;
        var maxAhead = 0;
        IEnumerable<int> Source()
        {
            for (var i = 0; i < 50; i++)
            {
                lock (sourceThreads) sourceThreads.Add(Environment.CurrentManagedThreadId);
                InterlockedMax(ref maxAhead, Interlocked.Increment(ref produced) - Volatile.Read(ref consumed));
                yield return i;
            }
        }

        foreach (var _ in ReadAhead.Of(Source(), depth: 3, CancellationToken.None))
        {
            Thread.Sleep(2);                     // a slow consumer: the reader runs ahead as far as it may
            Interlocked.Increment(ref consumed);
        }

        Assert.DoesNotContain(consumer, sourceThreads);
        // 3 queued + the one being consumed + the one in the reader's hand, waiting for room.
        Assert.InRange(maxAhead, 3, 5);
    }

    [Fact]
    public void Of_SourceFails_ItemsBeforeTheFailureArriveThenTheSameExceptionIsRethrown()
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
            foreach (var item in ReadAhead.Of(Source(), depth: 2, CancellationToken.None))
                seen.Add(item);
        });

        Assert.Equal("row 7 is broken", error.Message);
        Assert.Equal(Enumerable.Range(0, 7), seen);
    }

    [Fact]
    public void Of_ConsumerStopsEarly_TheSourceIsStoppedAndDisposedBeforeTheEnumerationEnds_UnreadItemsAreDisposed()
    {
        var sourceDisposed = false;
        var made = new List<Item>();
        IEnumerable<Item> EndlessItems()
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    var item = new Item(i);
                    lock (made) made.Add(item);
                    yield return item;
                }
            }
            finally
            {
                Thread.Sleep(50);                  // a slow clean-up (closing a statement) must still finish first
                sourceDisposed = true;
            }
        }

        foreach (var item in ReadAhead.Of(EndlessItems(), depth: 2, CancellationToken.None))
        {
            Assert.Equal(0, item.Number);
            item.Dispose();
            Thread.Sleep(20);                      // let the reader fill the queue
            break;
        }

        Assert.True(sourceDisposed);               // the caller may now close what the source reads from
        lock (made)
        {
            Assert.InRange(made.Count, 2, 4);
            Assert.All(made, item => Assert.True(item.Disposed, $"item {item.Number} was read ahead and never disposed"));
        }
    }

    [Fact]
    public void Of_ConsumerThrows_TheSourceIsStoppedAndTheConsumersExceptionWins()
    {
        var disposed = new Flag();

        Assert.Throws<IOException>(() =>
        {
            foreach (var _ in ReadAhead.Of(Endless(disposed), depth: 1, CancellationToken.None))
                throw new IOException("broken pipe");
        });
        Assert.True(disposed.Set);
    }

    [Fact]
    public void Of_Cancelled_ThrowsOperationCanceledAndStopsTheSource()
    {
        using var cancel = new CancellationTokenSource();
        var disposed = new Flag();

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in ReadAhead.Of(Endless(disposed), depth: 1, cancel.Token))
                cancel.Cancel();
        });
        Assert.True(disposed.Set);
    }

    /// <summary>0, 1, 2 … for as long as it is enumerated; disposing the enumeration sets <paramref name="disposed"/>.</summary>
    private static IEnumerable<int> Endless(Flag disposed)
    {
        try
        {
            for (var i = 0; ; i++) yield return i;
        }
        finally
        {
            disposed.Set = true;
        }
    }

    private sealed class Flag
    {
        public volatile bool Set;
    }

    private sealed class Item(int number) : IDisposable
    {
        public int Number { get; } = number;
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, current) == current)
                return;
    }
}

using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>
/// Enumerates a source on its own thread, a bounded number of batches ahead of the consumer: reading chat.db and
/// writing JSON then overlap on two cores instead of taking turns on one, and memory stays flat (at most
/// <c>depth + 2</c> batches exist at once). The source runs entirely on the reader thread, so whatever it holds (an
/// SQLite connection, which one thread at a time may use) is never touched by two threads; the reader is stopped and
/// joined before the enumeration ends, however it ends, so the caller may dispose that resource right after. A
/// failure of the source is rethrown to the consumer, with its original stack, after the batches read before it.
/// </summary>
internal static class ReadAhead
{
    public static IEnumerable<IReadOnlyList<T>> Batches<T>(IEnumerable<T> source, int batchSize, int depth, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<List<T>>(depth);
        ExceptionDispatchInfo? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                var batch = new List<T>(batchSize);
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count == batchSize)
                    {
                        queue.Add(batch, stop.Token);
                        batch = new List<T>(batchSize);
                    }
                }
                if (batch.Count > 0)
                    queue.Add(batch, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early or was cancelled: nothing more is wanted.
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "read-ahead",
        };
        reader.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(cancellationToken))
                yield return batch;
        }
        finally
        {
            stop.Cancel();
            reader.Join();
        }
        failure?.Throw();
    }
}

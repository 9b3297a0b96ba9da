using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>
/// Enumerates a source on its own thread, at most a few items ahead of the consumer: reading chat.db and decoding
/// and writing JSON then overlap on two cores instead of taking turns on one, and memory stays flat (at most
/// <c>depth + 2</c> items exist at once). The source runs entirely on the reader thread, so whatever it holds (an
/// SQLite connection, which one thread at a time may use) is never touched by two threads; the reader is stopped and
/// joined before the enumeration ends, however it ends, so the caller may dispose that resource right after. Items
/// read but never consumed are disposed. A failure of the source is rethrown to the consumer, with its original
/// stack, after the items read before it.
/// </summary>
internal static class ReadAhead
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int depth, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<T>(depth);
        ExceptionDispatchInfo? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                foreach (var item in source)
                {
                    try
                    {
                        queue.Add(item, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        (item as IDisposable)?.Dispose();
                        throw;
                    }
                }
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
            foreach (var item in queue.GetConsumingEnumerable(cancellationToken))
                yield return item;
        }
        finally
        {
            stop.Cancel();
            reader.Join();
            while (queue.TryTake(out var unread))
                (unread as IDisposable)?.Dispose();
        }
        failure?.Throw();
    }
}

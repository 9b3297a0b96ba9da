using System.Collections.Concurrent;
using LineAgent.Agent.Configuration;
using LineAgent.ChatDbReader;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Grpc.History;

/// <summary>
/// Read-only chat.db connections for history RPCs. <see cref="ChatDb"/> is not thread-safe, so each call rents
/// one; instances are reused (opening probes the schema) and at most <see cref="MaxIdle"/> are kept idle.
/// </summary>
public sealed class ChatDbPool(IOptions<AgentOptions> agent) : IDisposable
{
    /// <summary>Idle connections kept for reuse.</summary>
    public const int MaxIdle = 4;

    private readonly ConcurrentBag<ChatDb> _idle = [];

    /// <summary>Runs <paramref name="read"/> on a rented connection. Open failures throw <see cref="ChatDbOpenException"/>.</summary>
    public T Read<T>(Func<ChatDb, T> read)
    {
        if (!_idle.TryTake(out var db))
            db = ChatDb.Open(agent.Value.ChatDbPath);
        var healthy = false;
        try
        {
            var result = read(db);
            healthy = true;
            return result;
        }
        finally
        {
            // A connection that failed mid-read is dropped rather than reused.
            if (healthy && _idle.Count < MaxIdle)
                _idle.Add(db);
            else
                db.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var db))
            db.Dispose();
    }
}

using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Grpc.Interceptors;

/// <summary>
/// Logs refused malformed requests without letting a hostile or broken caller flood the log: one warning per
/// <see cref="Window"/> at most, counting the refusals since the last one, never with a stack trace and never
/// with the request's bytes.
/// </summary>
public sealed class MalformedRequestLog(TimeProvider time, ILogger<MalformedRequestLog> logger)
{
    /// <summary>Shortest time between two log entries.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;
    private int _suppressed;

    public void Refused(string method, string reason)
    {
        int count;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _lastLogged < Window)
            {
                _suppressed++;
                return;
            }
            count = _suppressed + 1;
            _suppressed = 0;
            _lastLogged = now;
        }
        GrpcLog.MalformedRequests(logger, count, method, reason, Window);
    }
}

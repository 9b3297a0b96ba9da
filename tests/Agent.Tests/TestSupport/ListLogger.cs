using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>Collects log entries so tests can assert on what was logged (and how often).</summary>
public sealed class ListLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Message, Exception? Exception)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception), exception));

    public int Count(string eventName) => Entries.Count(e => e.EventId.Name == eventName);
}

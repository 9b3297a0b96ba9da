namespace LineAgent.Agent.Line;

/// <summary>
/// Probes what the line is and can do, for GetLine. The default (<see cref="DefaultLineStatusProvider"/>)
/// probes chat.db for real and reports everything Messages-related as not probed; the sending and ops
/// components register a fuller implementation (register it with AddSingleton; the default is TryAdd'ed).
/// </summary>
public interface ILineStatusProvider
{
    /// <summary>Runs the probes. Should finish within a few seconds; cache expensive probes.</summary>
    Task<LineStatus> GetStatusAsync(CancellationToken cancellationToken);
}

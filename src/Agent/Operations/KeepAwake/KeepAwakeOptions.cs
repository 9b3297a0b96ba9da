namespace LineAgent.Agent.Operations.KeepAwake;

/// <summary>Holding a "no idle sleep" assertion while the agent runs. Bound from the "KeepAwake" section.</summary>
public sealed class KeepAwakeOptions
{
    public const string Section = "KeepAwake";

    /// <summary>Run caffeinate while the agent runs (macOS only). Default: true — a sleeping Mac neither sends nor receives.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>caffeinate's path. Default: /usr/bin/caffeinate.</summary>
    public string CaffeinatePath { get; set; } = "/usr/bin/caffeinate";
}

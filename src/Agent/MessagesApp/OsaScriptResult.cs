namespace LineAgent.Agent.MessagesApp;

/// <summary>A script that exited 0: its stdout (the script's return value) and how long it ran.</summary>
public sealed record OsaScriptResult(string Output, TimeSpan Elapsed);

using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Operations.KeepAwake;

internal static partial class KeepAwakeLog
{
    [LoggerMessage(7001, LogLevel.Information, "Holding the Mac awake: {Program} -i -w {Pid}", EventName = "KeepAwakeStarted")]
    public static partial void Started(ILogger logger, string program, int pid);

    [LoggerMessage(7002, LogLevel.Warning, "Cannot keep the Mac awake ({Program}: {Reason}); it may idle-sleep unless pmset sleep is 0", EventName = "KeepAwakeFailed")]
    public static partial void Failed(ILogger logger, string program, string reason);
}

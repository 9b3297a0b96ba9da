using System.CommandLine;
using System.Globalization;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent check-handle H`: CheckHandle — what this line's chat.db history knows about reaching H.</summary>
internal sealed class CheckHandleVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "check-handle";
    protected override string Summary => "What this line's history says about reaching a handle (CheckHandle)";
    protected override string Details => "Example:\n  lineagent check-handle +15555550123";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var handle = new Argument<string>("handle") { Description = "E.164 phone number or email address" };
        verb.Arguments.Add(handle);
        return async (parse, call, cancellationToken) =>
        {
            var check = await call.Client.CheckHandleAsync(new Proto.CheckHandleRequest { Handle = parse.GetValue(handle)! }, cancellationToken: cancellationToken);
            call.Output.Write(check, () => string.Create(CultureInfo.InvariantCulture,
                $"{check.Handle}: {Names.Kebab(check.Reach.ToString())} — {check.DeliveredCount} delivered" +
                $"{(check.LastDeliveredAt is { } d ? $" (last {d.ToDateTimeOffset().ToLocalTime():yyyy-MM-dd HH:mm})" : "")}, {check.FailedCount} failed" +
                $"{(check.LastFailedAt is { } f ? $" (last {f.ToDateTimeOffset().ToLocalTime():yyyy-MM-dd HH:mm}, error {check.LastFailedError})" : "")}, " +
                $"{check.ReceivedImessageCount} received over iMessage"));
            return 0;
        };
    }
}

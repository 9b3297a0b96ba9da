using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Grpc.Core;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>
/// `lineagent events [--from-cursor N]`: StreamEvents until Ctrl-C. With --json each event is one line in the shape
/// `lineagent watch` prints (cursor, id, type, occurred_at, chat_guid, message_guid, data), so scripts read both alike.
/// </summary>
internal sealed class EventsVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "events";
    protected override string Summary => "Stream the agent's events as they happen (StreamEvents), resumable by cursor";
    protected override string Details => """
        Prints the events after cursor N (--from-cursor 0: everything the journal keeps), or from now on, until Ctrl-C.
        Remember the last cursor printed to resume there after a disconnect.

        Examples:
          lineagent events
          lineagent events --from-cursor 120 --type message.received --json
        """;

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var fromCursor = CliOptions.Number<long>("--from-cursor", "print the events after cursor N first (default: only new ones)", 0, long.MaxValue);
        var types = new Option<string[]>("--type") { Description = "only events of this type (repeatable), e.g. message.received", HelpName = "TYPE", Arity = ArgumentArity.OneOrMore };
        verb.Options.Add(fromCursor);
        verb.Options.Add(types);
        return async (parse, call, cancellationToken) =>
        {
            var request = parse.GetResult(fromCursor) is null
                ? new Proto.StreamEventsRequest { Start = Proto.StreamStart.Latest }
                : new Proto.StreamEventsRequest { Start = Proto.StreamStart.AfterCursor, AfterCursor = parse.GetValue(fromCursor) };
            request.EventTypes.AddRange(parse.GetValue(types) ?? []);
            using var stream = call.Client.StreamEvents(request, cancellationToken: cancellationToken);
            try
            {
                await foreach (var item in stream.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    if (item.Event is not { } e)
                        continue;
                    call.Output.Writer.WriteLine(call.Output.Json ? Json(e) : Human(e));
                    await call.Output.Writer.FlushAsync(cancellationToken);
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
            }
            return 0;
        };
    }

    private static string Human(Proto.Event e)
    {
        var text = e.Message is { } m ? "  " + MessagesVerb.Describe(m) : "";
        return $"{e.Cursor}  {e.OccurredAt?.ToDateTimeOffset().ToLocalTime():HH:mm:ss}  {e.Type}  {e.ChatGuid}{text}";
    }

    /// <summary>The watch shape: readable characters (no \u002B for "+"), still valid JSON.</summary>
    internal static string Json(Proto.Event e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("cursor", e.Cursor);
            w.WriteString("id", e.Id);
            w.WriteString("type", e.Type);
            w.WriteString("occurred_at", e.OccurredAt?.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            if (string.IsNullOrEmpty(e.ChatGuid)) w.WriteNull("chat_guid"); else w.WriteString("chat_guid", e.ChatGuid);
            if (string.IsNullOrEmpty(e.MessageGuid)) w.WriteNull("message_guid"); else w.WriteString("message_guid", e.MessageGuid);
            w.WritePropertyName("data");
            if (string.IsNullOrEmpty(e.DataJson))
                w.WriteNullValue();
            else
                using (var data = JsonDocument.Parse(e.DataJson))
                    data.WriteTo(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

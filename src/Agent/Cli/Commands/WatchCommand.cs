using LineAgent.Agent.Events;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Journal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>
/// `lineagent watch`: runs the chat.db change feed in this process and prints journal events as JSON Lines until
/// interrupted. The journal is the agent's own (state directory), so events printed here are the ones the gRPC
/// stream serves, with the same cursors and ids.
/// </summary>
public sealed class WatchCommand(TextWriter? output = null) : ICommand
{
    private readonly TextWriter _out = output ?? Console.Out;

    public Verb Build()
    {
        var fromCursor = CliOptions.Number<long>("--from-cursor", "first print the events after cursor N already in the journal (default: only new ones)", 0, long.MaxValue);
        var verb = new Verb("watch", "Tail chat.db into the journal and print its events as JSON Lines")
        {
            Details = $$$"""
                Runs the change feed and prints every journal event as one JSON object per line:
                  {"cursor":12,"id":"…:received","type":"message.received","occurred_at":"2026-11-26T12:00:00.000Z",
                   "chat_guid":"iMessage;-;+15551234567","message_guid":"…","data":{…}}
                until Ctrl-C. Logs go to stderr. The journal is the agent's (state directory): the same events, cursors and
                ids as the gRPC stream. The configuration is refused exactly as `run` refuses it. {{{ConfigurationOptions.KeysHelp}}}

                Examples:
                  lineagent watch
                  lineagent watch --from-cursor 0 | jq -c 'select(.type == "message.received")'
                """,
        };
        verb.Options.Add(fromCursor);
        var configuration = ConfigurationOptions.AddTo(verb);
        verb.SetAction((parse, cancellationToken) => RunAsync(configuration.Build(parse),
            parse.GetResult(fromCursor) is null ? null : parse.GetValue(fromCursor), cancellationToken));
        return verb;
    }

    private async Task<int> RunAsync(IConfiguration configuration, long? fromCursor, CancellationToken cancellationToken)
    {
        // The agent's own configuration stack (config.json, LINEAGENT__ variables, these options), refused exactly as
        // `run` refuses it: watch writes the same journal.
        if (Hosting.AgentHost.ConfigurationProblem(configuration) is { } problem)
            throw new ConfigurationException(problem);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.AddFilter("Microsoft", LogLevel.Warning);
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
                o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        services.AddAgentOptions(configuration);
        services.AddJournal(configuration);
        services.AddChangeFeed(configuration);

        await using var provider = services.BuildServiceProvider();
        var journal = provider.GetRequiredService<JournalStore>();
        var worker = provider.GetRequiredService<ChangeFeedWorker>();

        var position = fromCursor ?? journal.LastCursor;
        await worker.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = journal.ReadAfter(position, 500);
                foreach (var e in batch)
                {
                    await _out.WriteLineAsync(Format(e)).ConfigureAwait(false);
                    position = e.Cursor;
                }
                await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (batch.Count > 0)
                    continue;

                var appended = journal.WaitForAppendAsync(position, cancellationToken);
                var finished = await Task.WhenAny(appended, worker.ExecuteTask ?? Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
                await finished.ConfigureAwait(false); // surfaces a faulted feed (journal failure) as the exit error
                if (finished != appended)
                    return 1;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>
    /// One JSON Lines record: cursor, id, type, occurred_at, chat_guid, message_guid, data. Written with the relaxed
    /// encoder, the data re-encoded too: "+15551234567" and "café" stay greppable (not "\u002B…", "caf\u00E9"); still
    /// valid JSON for jq. (The journal and the gRPC stream keep their own bytes.)
    /// </summary>
    public static string Format(JournalEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("cursor", e.Cursor);
            w.WriteString("id", e.Id);
            w.WriteString("type", e.Type);
            w.WriteString("occurred_at", EventDateConverter.Format(e.OccurredAt));
            if (e.ChatGuid is null) w.WriteNull("chat_guid"); else w.WriteString("chat_guid", e.ChatGuid);
            if (e.MessageGuid is null) w.WriteNull("message_guid"); else w.WriteString("message_guid", e.MessageGuid);
            w.WritePropertyName("data");
            using (var data = JsonDocument.Parse(e.DataJson))
                data.WriteTo(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

using LineAgent.Agent.Events;
using System.Globalization;
using System.Text;
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

    public string Name => "watch";

    public string Summary => "Tail chat.db into the journal and print its events as JSON Lines";

    public string Usage => """
        usage: lineagent watch [--chat-db PATH] [--state-dir DIR] [--from-cursor N]

        Runs the change feed and prints every journal event as one JSON object per line:
          {"cursor":12,"id":"…:received","type":"message.received","occurred_at":"2026-11-26T12:00:00.000Z",
           "chat_guid":"iMessage;-;+15551234567","message_guid":"…","data":{…}}
        until Ctrl-C. Logs go to stderr.

        options:
          --chat-db PATH     Messages' database (default: Agent:ChatDbPath, ~/Library/Messages/chat.db)
          --state-dir DIR    the agent's state directory holding journal.db (default: Agent:StateDirectory)
          --from-cursor N    first print the events after cursor N already in the journal (default: only new ones)

        examples:
          lineagent watch
          lineagent watch --from-cursor 0 | jq -c 'select(.type == "message.received")'
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string>();
        long? fromCursor = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--chat-db":
                    overrides["--chat-db"] = Value(args, ref i);
                    break;
                case "--state-dir":
                    overrides["--state-dir"] = Value(args, ref i);
                    break;
                case "--from-cursor":
                    var text = Value(args, ref i);
                    if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor))
                        throw new UsageException($"--from-cursor needs a non-negative number, got '{text}'");
                    fromCursor = cursor;
                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}'");
            }
        }

        // The agent's own configuration stack (config.json, LINEAGENT__ variables, these options), refused exactly as
        // `run` refuses it: watch writes the same journal.
        var configuration = AgentConfiguration.Build(overrides.SelectMany(o => new[] { o.Key, o.Value }).ToArray());
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
        JournalStore journal;
        ChangeFeedWorker worker;
        try
        {
            _ = provider.GetRequiredService<IOptions<AgentOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<ChangeFeedOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<JournalOptions>>().Value;
            journal = provider.GetRequiredService<JournalStore>();
            worker = provider.GetRequiredService<ChangeFeedWorker>();
        }
        catch (OptionsValidationException ex)
        {
            throw new ConfigurationException("invalid configuration: " + string.Join("; ", ex.Failures));
        }

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

    /// <summary>One JSON Lines record: cursor, id, type, occurred_at, chat_guid, message_guid, data.</summary>
    public static string Format(JournalEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("cursor", e.Cursor);
            w.WriteString("id", e.Id);
            w.WriteString("type", e.Type);
            w.WriteString("occurred_at", EventDateConverter.Format(e.OccurredAt));
            if (e.ChatGuid is null) w.WriteNull("chat_guid"); else w.WriteString("chat_guid", e.ChatGuid);
            if (e.MessageGuid is null) w.WriteNull("message_guid"); else w.WriteString("message_guid", e.MessageGuid);
            w.WritePropertyName("data");
            w.WriteRawValue(e.DataJson);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new UsageException($"{args[i]} needs a value");
        return args[++i];
    }
}

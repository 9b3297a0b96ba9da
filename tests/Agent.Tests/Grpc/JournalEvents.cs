using LineAgent.Agent.Events;
using LineAgent.Agent.Journal;

namespace LineAgent.Agent.Tests.Grpc;

/// <summary>Builds journal events for stream tests.</summary>
public static class JournalEvents
{
    public static NewJournalEvent Received(int n, string? data = null) => new(
        $"MSG-{n:D6}:received", JournalEventTypes.MessageReceived, DateTimeOffset.UnixEpoch.AddSeconds(n),
        "iMessage;-;+15550000001", $"MSG-{n:D6}",
        data ?? EventJson.ToJson(new MessagePayload(MessageData.From(new LineAgent.ChatDbReader.Records.MessageRecord
        {
            RowId = n, Guid = $"MSG-{n:D6}", ChatGuids = ["iMessage;-;+15550000001"], Text = $"hello {n}",
        }), [])));

    public static NewJournalEvent Delivered(int n) => new(
        $"MSG-{n:D6}:delivered", JournalEventTypes.MessageDelivered, DateTimeOffset.UnixEpoch.AddSeconds(n),
        "iMessage;-;+15550000001", $"MSG-{n:D6}", "{}");

    /// <summary>Appends received events numbered <paramref name="from"/>..<paramref name="to"/> in one transaction.</summary>
    public static void AppendReceived(this JournalStore journal, int from, int to) =>
        journal.Append(Enumerable.Range(from, to - from + 1).Select(n => Received(n)).ToList());
}

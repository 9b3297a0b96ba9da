using LineAgent.Agent.Journal;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.ChatDbReader.Records;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineAgent.Agent.Tests.Outbox;

public sealed class OutboxStoreTests
{
    /// <summary>
    /// Rows written before requests had one type per kind held every field of every kind; they must still read back
    /// as the right kind with their values, and a retry of such a send must still be recognised as a replay.
    /// </summary>
    [Theory]
    [InlineData("""{"kind":"Message","chatGuid":null,"to":"+15550001111","parts":[{"kind":"Text","value":"hi"}],"latitude":null,"longitude":null,"locationName":null,"messageGuid":null,"reaction":null,"remove":false,"partIndex":0,"typing":false,"recipients":[],"text":null,"handle":null}""")]
    [InlineData("""{"kind":"Reaction","chatGuid":null,"to":null,"parts":[],"latitude":null,"longitude":null,"locationName":null,"messageGuid":"M-1","reaction":"Laugh","remove":true,"partIndex":2,"typing":false,"recipients":[],"text":null,"handle":null}""")]
    public void RowsInTheEarlierShape_ReadBackAsTheirKind_AndReplay(string json)
    {
        using var dir = new TempDirectory();
        using var journal = new JournalStore(dir.File("journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance);
        var store = new OutboxStore(journal, TimeProvider.System);
        using (var connection = journal.OpenConnection())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO outbox_send (send_id, idempotency_key, fingerprint, kind, request_json, state, accepted_at, updated_at)
                VALUES ('s1', 'k1', 'old', 'x', $json, 'sent', 0, 0)
                """;
            command.Parameters.AddWithValue("$json", json);
            command.ExecuteNonQuery();
        }

        var request = store.Find("s1")!.Request;
        OutboundRequest retry = request switch
        {
            MessageSend m => new MessageSend { To = "+15550001111", Parts = [new OutboundPart(OutboundPartKind.Text, "hi")] },
            ReactionSend r => new ReactionSend { MessageGuid = "M-1", Reaction = ReactionType.Laugh, Remove = true, PartIndex = 2 },
            _ => throw new InvalidOperationException(request.GetType().Name),
        };

        if (request is MessageSend sent)
            Assert.Equal(("+15550001111", (string?)null, "hi"), (sent.To!, sent.ChatGuid, Assert.Single(sent.Parts).Value));
        else
            Assert.Equal(retry, request);
        Assert.Equal(OutboxStore.Fingerprint(retry), OutboxStore.Fingerprint(request));
        var (entry, replayed) = store.Accept("k1", retry, [], new OutboxOptions(), new LineAgent.Agent.Pacing.PacingOptions());
        Assert.True(replayed);
        Assert.Equal("s1", entry.SendId);
    }

    [Fact]
    public void RequestJson_HasItsKindFirst_AndOnlyItsOwnFields()
    {
        var json = System.Text.Json.JsonSerializer.Serialize<OutboundRequest>(
            new TypingSend { ChatGuid = "iMessage;+;chat1", Typing = true }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Equal("""{"kind":"Typing","chatGuid":"iMessage;\u002B;chat1","typing":true}""", json);
    }
}

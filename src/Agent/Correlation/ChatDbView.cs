using LineAgent.Agent.Configuration;
using LineAgent.ChatDbReader;
using LineAgent.ChatDbReader.Records;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Correlation;

/// <summary>
/// <see cref="IChatDbView"/> over one read-only <see cref="ChatDb"/> connection, opened on first use (so a missing
/// Full Disk Access grant shows up as a clear <see cref="ChatDbOpenException"/> on the send, not at start-up) and
/// reopened after a failure. Calls are serialised: one SQLite connection is not for concurrent use.
/// </summary>
public sealed class ChatDbView(IOptions<AgentOptions> agent) : IChatDbView, IDisposable
{
    private readonly Lock _lock = new();
    private ChatDb? _db;

    /// <inheritdoc />
    public long MaxMessageRowId() => Use(db => db.MaxMessageRowId());

    /// <inheritdoc />
    public IReadOnlyList<MessageRecord> ReadMessagesAfter(long afterRowId, int limit) => Use(db => db.ReadMessagesAfter(afterRowId, limit).ToList());

    /// <inheritdoc />
    public MessageRecord? GetMessage(string guid) => Use(db => db.GetMessage(guid));

    /// <inheritdoc />
    public ChatRecord? GetChat(string guid) => Use(db => db.GetChat(guid));

    /// <inheritdoc />
    public bool HasHistoryWith(string handle) => Use(db =>
        // The 1:1 chat's GUID prefix depends on the service and, on Tahoe, is "any" (chatdb.md §2.4).
        new[] { "iMessage", "SMS", "RCS", "any" }
            .Select(prefix => $"{prefix};-;{handle}")
            .Any(guid => db.GetChat(guid) is not null && db.ReadChatMessages(guid, null, null, 1).Count > 0));

    private T Use<T>(Func<ChatDb, T> read)
    {
        lock (_lock)
        {
            _db ??= ChatDb.Open(agent.Value.ChatDbPath);
            try
            {
                return read(_db);
            }
            catch (ChatDbOpenException)
            {
                _db.Dispose();
                _db = null;
                throw;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _db?.Dispose();
            _db = null;
        }
    }
}

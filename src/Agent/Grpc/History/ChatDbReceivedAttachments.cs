using LineAgent.Agent.Attachments;
using LineAgent.Agent.Configuration;
using LineAgent.ChatDbReader;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Grpc.History;

/// <summary>Attachment rows by GUID, read from chat.db (read-only; the columns exist in every schema since macOS 10.x).</summary>
public sealed class ChatDbReceivedAttachments(IOptions<AgentOptions> agent) : IReceivedAttachmentSource
{
    public ReceivedAttachment? Find(string guid)
    {
        var path = agent.Value.ChatDbPath;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT guid, filename, transfer_name, mime_type FROM attachment WHERE guid = $guid";
            command.Parameters.AddWithValue("$guid", guid);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            return new ReceivedAttachment(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3));
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 14 or 23)
        {
            // Same failure the reader reports on open (Full Disk Access / missing file), with its fix.
            using var db = ChatDb.Open(path); // throws ChatDbOpenException with the operator-facing text
            throw;
        }
    }
}

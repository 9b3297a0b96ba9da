using LineAgent.Agent.Attachments;
using LineAgent.Agent.ChatDb;

namespace LineAgent.Agent.Grpc.History;

/// <summary>Attachment rows by GUID, read from chat.db through <see cref="ChatDbSource"/>.</summary>
public sealed class ChatDbReceivedAttachments(ChatDbSource chatDb) : IReceivedAttachmentSource
{
    /// <inheritdoc />
    /// <exception cref="LineAgent.ChatDbReader.ChatDbOpenException">chat.db could not be read (the message names the fix).</exception>
    public ReceivedAttachment? Find(string guid) =>
        chatDb.Read(db => db.GetAttachment(guid)) is { } a ? new ReceivedAttachment(a.Guid, a.Path, a.TransferName, a.MimeType) : null;
}

using Grpc.Core;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Grpc.History;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Grpc.Validation;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Services;

// History from chat.db: ListChats, GetChat, ListMessages, GetMessage.
public sealed partial class LineAgentService
{
    private const string ChatsScope = "chats";

    public override Task<ListChatsResponse> ListChats(ListChatsRequest request, ServerCallContext context)
    {
        var size = Fields.PageSize(request.PageSize);
        var after = string.IsNullOrEmpty(request.PageToken) ? 0 : PageToken.Decode(request.PageToken, ChatsScope).After;
        // One extra row tells whether another page exists without a second query.
        var chats = chatDb.Read(db => db.ListChats(after, size + 1));
        var response = new ListChatsResponse();
        response.Chats.AddRange(chats.Take(size).Select(MessageMapping.ToProto));
        if (chats.Count > size)
            response.NextPageToken = new PageToken(ChatsScope, chats[size - 1].RowId, 0).Encode();
        return Task.FromResult(response);
    }

    public override Task<Chat> GetChat(GetChatRequest request, ServerCallContext context)
    {
        Fields.ChatGuid(request.ChatGuid, "chat_guid");
        var chat = chatDb.Read(db => db.GetChat(request.ChatGuid)) ?? throw new NotFoundException("chat", request.ChatGuid);
        return Task.FromResult(MessageMapping.ToProto(chat));
    }

    public override Task<ListMessagesResponse> ListMessages(ListMessagesRequest request, ServerCallContext context)
    {
        Fields.ChatGuid(request.ChatGuid, "chat_guid");
        var size = Fields.PageSize(request.PageSize);
        if (request.BeforeRowid < 0)
            throw new InvalidFieldException("before_rowid", "must not be negative (0 = no bound)");
        if (request.AfterRowid < 0)
            throw new InvalidFieldException("after_rowid", "must not be negative (0 = no bound)");
        if (request.AfterRowid > 0 && request.BeforeRowid > 0 && request.AfterRowid >= request.BeforeRowid)
            throw new InvalidFieldException("after_rowid", "must be less than before_rowid");

        var bounds = string.IsNullOrEmpty(request.PageToken)
            ? new PageToken(request.ChatGuid, request.AfterRowid, request.BeforeRowid)
            : PageToken.Decode(request.PageToken, request.ChatGuid);
        var forward = bounds.After > 0;

        var (chat, rows) = chatDb.Read(db =>
        {
            var found = db.GetChat(request.ChatGuid);
            return found is null
                ? (null, [])
                : (found, db.ReadChatMessages(request.ChatGuid, bounds.Before > 0 ? bounds.Before : null, forward ? bounds.After : null, size + 1));
        });
        if (chat is null)
            throw new NotFoundException("chat", request.ChatGuid);

        // The reader returns ascending ROWIDs: the oldest size+1 rows going forward, the newest size+1 going back.
        var hasMore = rows.Count > size;
        var page = forward ? rows.Take(size).ToList() : rows.Skip(rows.Count - Math.Min(size, rows.Count)).Reverse().ToList();
        var response = new ListMessagesResponse();
        response.Messages.AddRange(page.Select(MessageMapping.ToProto));
        if (hasMore)
        {
            var edge = page[^1].RowId;
            response.NextPageToken = (forward ? bounds with { After = edge } : bounds with { Before = edge }).Encode();
        }
        return Task.FromResult(response);
    }

    public override Task<Message> GetMessage(GetMessageRequest request, ServerCallContext context)
    {
        Fields.Guid(request.MessageGuid, "message_guid", "message");
        var message = chatDb.Read(db => db.GetMessage(request.MessageGuid)) ?? throw new NotFoundException("message", request.MessageGuid);
        return Task.FromResult(MessageMapping.ToProto(message));
    }
}

using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages;

/// <summary><c>fake-messages inbound --from +1555… --text … [--chat guid] [--service iMessage|SMS]</c>: a received message
/// (stdout: the message GUID, or with <c>--describe</c> <c>received &lt;guid&gt; from &lt;handle&gt; in &lt;chat guid&gt;</c>;
/// exit 1 when --chat names no chat).</summary>
public static class Inbound
{
    public static int Run(string chatDbPath, string configPath, string[] args)
    {
        string? from = null, text = null, chatGuid = null;
        var describe = false;
        var service = "iMessage";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--from": from = value; i++; break;
                case "--text": text = value; i++; break;
                case "--chat": chatGuid = value; i++; break;
                case "--service": service = value ?? service; i++; break;
                case "--describe": describe = true; break;
                default:
                    Console.Error.WriteLine($"fake-messages inbound: unknown option '{args[i]}'");
                    return 2;
            }
        }
        if (from is null || text is null)
        {
            Console.Error.WriteLine("fake-messages inbound: --from and --text are required");
            return 2;
        }
        var config = SimConfig.Load(configPath);
        using var db = FakeChatDatabase.Open(chatDbPath);
        var chat = chatGuid is null ? db.EnsureDirectChat(from, service) : db.FindChat(chatGuid);
        if (chat is null)
        {
            Console.Error.WriteLine($"no chat {chatGuid} in {chatDbPath} (ListChats shows the GUIDs).");
            return 1;
        }
        var row = new SimWriter(db, config).Insert(new NewMessage
        {
            Text = text, BodyOnly = config.BodyOnly, Chats = [chat], Handle = from, Service = chat.Service,
        });
        Console.Out.WriteLine(describe ? $"received {row.Guid} from {from} in {chat.Guid}" : row.Guid);
        return 0;
    }
}

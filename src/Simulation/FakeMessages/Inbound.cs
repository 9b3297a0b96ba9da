using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages;

/// <summary><c>fake-messages inbound --from +1555… (--text … | --file PATH --attachments-dir DIR [--text caption] |
/// --react love|like|dislike|laugh|emphasize|question --message GUID [--remove]) [--chat guid] [--service iMessage|SMS]</c>:
/// what the remote party sends, written as Messages would: a text, a file (copied under DIR, the row pointing at it), or
/// a tapback on a message (stdout: the row's GUID, or with <c>--describe</c> <c>received &lt;guid&gt; from &lt;handle&gt;
/// in &lt;chat guid&gt;</c>; exit 1 when --chat names no chat).</summary>
public static class Inbound
{
    public static int Run(string chatDbPath, string configPath, string[] args)
    {
        string? from = null, text = null, chatGuid = null, file = null, attachmentsDir = null, react = null, target = null;
        var describe = false;
        var remove = false;
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
                case "--file": file = value; i++; break;
                case "--attachments-dir": attachmentsDir = value; i++; break;
                case "--react": react = value; i++; break;
                case "--message": target = value; i++; break;
                case "--remove": remove = true; break;
                case "--describe": describe = true; break;
                default:
                    Console.Error.WriteLine($"fake-messages inbound: unknown option '{args[i]}'");
                    return 2;
            }
        }
        if (from is null || (text is null && file is null && react is null) || (file is not null && attachmentsDir is null)
            || (react is null) != (target is null) || (react is not null && !Enum.TryParse<TapbackKind>(react, ignoreCase: true, out _)))
        {
            Console.Error.WriteLine("fake-messages inbound: --from and one of --text, --file (with --attachments-dir), --react KIND --message GUID are required");
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
        FakeMessage row;
        if (react is not null)
        {
            row = db.InsertTapback(chat, target!, Enum.Parse<TapbackKind>(react, ignoreCase: true), from, removed: remove, bodyOnly: config.BodyOnly);
        }
        else if (file is not null)
        {
            // Where Messages would have downloaded it: a folder of its own under the allowed attachments root.
            var name = Path.GetFileName(file);
            var folder = Directory.CreateDirectory(Path.Combine(attachmentsDir!, Guid.NewGuid().ToString("N"))).FullName;
            var stored = Path.Combine(folder, name);
            File.Copy(file, stored);
            (row, _) = db.SendAttachment(chat, new NewAttachment
            {
                TransferName = name, Filename = stored, TotalBytes = new FileInfo(stored).Length,
                MimeType = MimeType(name), Uti = null,
            }, from, caption: text, bodyOnly: config.BodyOnly);
        }
        else
        {
            row = new SimWriter(db, config).Insert(new NewMessage
            {
                Text = text, BodyOnly = config.BodyOnly, Chats = [chat], Handle = from, Service = chat.Service,
            });
        }
        Console.Out.WriteLine(describe ? $"received {row.Guid} from {from} in {chat.Guid}" : row.Guid);
        return 0;
    }

    private static string MimeType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".heic" => "image/heic",
        ".mov" => "video/quicktime",
        ".mp4" => "video/mp4",
        ".pdf" => "application/pdf",
        ".txt" => "text/plain",
        _ => "application/octet-stream",
    };
}

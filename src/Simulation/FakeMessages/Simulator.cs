using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages;

/// <summary>
/// Applies one script call to the chat.db as Messages would. Entry point: <see cref="Run"/> with the script
/// path and its argv exactly as osascript would receive them.
/// </summary>
public sealed class Simulator(string chatDbPath, string configPath)
{
    /// <summary>Argument count of every script in scripts/applescript (the scripts check the same counts).</summary>
    public static readonly IReadOnlyDictionary<string, int> Scripts = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["send-text-to-handle"] = 3, ["send-file-to-handle"] = 3, ["send-text-to-chat"] = 4, ["send-file-to-chat"] = 4,
        ["launch-messages"] = 0, ["probe-accounts"] = 0, ["probe-automation"] = 0, ["probe-accessibility"] = 0,
        ["ui-send-tapback"] = 2, ["ui-set-typing"] = 2, ["ui-create-group"] = 1, ["ui-send-rich-link"] = 1,
        ["ui-add-participant"] = 2, ["ui-remove-participant"] = 2,
    };

    /// <summary>Runs the script; returns its output (the script's return value). Throws <see cref="OsaError"/>.</summary>
    public string Run(string script, string[] argv)
    {
        if (!Scripts.TryGetValue(script, out var expected))
            throw new OsaError(-1708, $"fake-messages does not know the script “{script}”.");

        string? injected = null;
        var config = SimConfig.Update(configPath, c =>
        {
            c.Calls.Add($"{script} {argv.Length}");
            if (script == "launch-messages")
                c.MessagesRunning = true;
            else if ((script.StartsWith("send-", StringComparison.Ordinal) || script.StartsWith("ui-", StringComparison.Ordinal)) && c.FailNext.Count > 0)
            {
                injected = c.FailNext[0];
                c.FailNext.RemoveAt(0);
            }
        });
        if (argv.Length != expected)
            throw OsaError.WrongArgumentCount(script, expected, argv.Length);
        if (script == "launch-messages")
            return "launched";
        if (config.AutomationDenied)
            throw OsaError.AutomationDenied();
        if (!config.MessagesRunning)
            throw OsaError.NotRunning();
        if ((script.StartsWith("ui-", StringComparison.Ordinal) || script == "probe-accessibility") && config.AccessibilityDenied)
            throw OsaError.AssistiveAccess();

        switch (injected)
        {
            case null or "hang-after-send" or "ghost":
                break;
            case "hang":
                Thread.Sleep(Timeout.Infinite);
                break;
            default:
                throw new OsaError(int.Parse(injected, System.Globalization.CultureInfo.InvariantCulture), $"Injected failure {injected}.");
        }

        using var db = FakeChatDatabase.Open(chatDbPath);
        var writer = new SimWriter(db, config);
        var output = script switch
        {
            "send-text-to-handle" => SendToHandle(writer, config, argv[0], argv[2], (chat, svc) => SendText(writer, config, chat, argv[1], argv[0], injected)),
            "send-file-to-handle" => SendToHandle(writer, config, argv[0], argv[2], (chat, svc) => SendFile(writer, config, chat, argv[1], argv[0], injected)),
            "send-text-to-chat" => SendToChat(writer, config, argv[0], argv[2], argv[3], injected, chat => SendText(writer, config, chat, argv[1], argv[2], injected)),
            "send-file-to-chat" => SendToChat(writer, config, argv[0], argv[2], argv[3], injected, chat => SendFile(writer, config, chat, argv[1], argv[2], injected)),
            "probe-accounts" => ProbeAccounts(config),
            "probe-automation" or "probe-accessibility" => "ok",
            "ui-send-tapback" => UiActions.Tapback(writer, argv[0], argv[1]),
            "ui-set-typing" => UiActions.Typing(chatDbPath, argv[0], argv[1]),
            "ui-create-group" => UiActions.CreateGroup(writer, argv[0]),
            "ui-send-rich-link" => UiActions.RichLink(writer, argv[0]),
            "ui-add-participant" => UiActions.Participant(writer, argv[0], argv[1], add: true),
            "ui-remove-participant" => UiActions.Participant(writer, argv[0], argv[1], add: false),
            _ => throw new OsaError(-1708, $"Unhandled script {script}."),
        };
        if (injected == "hang-after-send")
            Thread.Sleep(Timeout.Infinite);
        return output;
    }

    private static string SendToHandle(SimWriter writer, SimConfig config, string handle, string service, Action<FakeChat, string> send)
    {
        var svc = ServiceName(service, config);
        send(writer.Db.EnsureDirectChat(handle, svc), svc);
        return "buddy";
    }

    private static string SendToChat(SimWriter writer, SimConfig config, string chatGuid, string dmHandle, string service, string? injected,
        Action<FakeChat> send)
    {
        if (injected == "ghost")
        {
            // Tahoe: `chat id` "succeeds" but writes an empty from-me row on an SMS handle, joined to no chat (imsg #90).
            writer.InsertOutgoing(null, null, dmHandle.Length > 0 ? dmHandle : "+10000000000", "SMS", sentNow: true);
            return "chat";
        }
        var chat = writer.Db.FindChat(chatGuid);
        if (chat is not null && !config.StaleChats.Contains(chatGuid))
        {
            send(chat);
            return "chat";
        }
        // Fallbacks of send-text-to-chat: `chat id … of service` finds nothing either; 1:1 chats use the buddy.
        if (dmHandle.Length == 0)
            throw OsaError.NotFound($"chat id \"{chatGuid}\"");
        var svc = ServiceName(service, config);
        send(chat is not null && !chat.IsGroup ? chat : writer.Db.EnsureDirectChat(dmHandle, svc));
        return "buddy";
    }

    private static string ServiceName(string service, SimConfig config)
    {
        if (service == "SMS")
        {
            if (!config.SmsAvailable)
                throw OsaError.NotFound("service 1 whose service type = SMS");
            return "SMS";
        }
        if (service != "iMessage")
            throw new OsaError(-1700, $"Can’t make {service} into type constant.");
        return "iMessage";
    }

    private static void SendText(SimWriter writer, SimConfig config, FakeChat chat, string text, string recipient, string? injected)
    {
        var row = writer.InsertOutgoing(chat, text, chat.IsGroup ? null : chat.ChatIdentifier, chat.Service, sentNow: false);
        Follow(writer.Db, config, chat, row.RowId, 0, recipient, sandboxFailure: false);
    }

    private static void SendFile(SimWriter writer, SimConfig config, FakeChat chat, string path, string recipient, string? injected)
    {
        // `POSIX file … as alias` fails before anything is sent when the file does not exist.
        if (!File.Exists(path))
            throw new OsaError(-43, $"File {path} wasn’t found.");
        var full = Path.GetFullPath(path);
        // Messages' sandbox: a file outside its containers "sends" but fails with error 25 (imsg #110, #1113).
        var outside = config.SandboxRoot is not null
            && !full.StartsWith(Path.GetFullPath(config.SandboxRoot).TrimEnd('/') + "/", StringComparison.Ordinal);
        var (message, attachment) = writer.InsertOutgoingFile(chat, full, sentNow: false, transferDone: false);
        Follow(writer.Db, config, chat, message.RowId, attachment.RowId, recipient, outside);
    }

    private static void Follow(FakeChatDatabase db, SimConfig config, FakeChat chat, long messageRowId, long attachmentRowId, string recipient,
        bool sandboxFailure)
    {
        var notOnIMessage = chat.Service != "SMS" && !chat.IsGroup && config.NotOnIMessage.Contains(recipient);
        var error = sandboxFailure ? 25 : notOnIMessage ? 22 : 0;
        // Delivery receipts are a 1:1 iMessage concept (chat.db's partial index message_idx_undelivered_one_to_one_imessage).
        var delivered = chat.IsGroup || chat.Service == "SMS" ? -1 : config.DeliveredDelayMs;
        var read = delivered < 0 ? -1 : config.ReadDelayMs;
        new Timeline(messageRowId, attachmentRowId, config.TransferDelayMs, config.SentDelayMs, delivered, read, error).Start(db);
    }

    private static string ProbeAccounts(SimConfig config)
    {
        var lines = new List<string> { "E:owner@example.com\tiMessage\ttrue\tconnected\towner@example.com" };
        if (config.SmsAvailable)
            lines.Add("SMS-ACCOUNT\tSMS\ttrue\tconnected\tSMS");
        return string.Join('\n', lines);
    }
}

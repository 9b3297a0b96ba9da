using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages;

/// <summary>
/// Applies one script call to the chat.db as Messages would. Entry point: <see cref="Run"/> with the script
/// path and its argv exactly as osascript would receive them.
/// </summary>
public sealed class Simulator(string chatDbPath, string configPath)
{
    /// <summary>
    /// Argument count of every script in scripts/applescript (the scripts check the same counts). Send scripts end
    /// with their Apple-event timeout in seconds. UI actions are not scripts: see Ax/ (ax-serve).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> Scripts = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["send-text-to-handle"] = 4, ["send-file-to-handle"] = 4, ["send-text-to-chat"] = 5, ["send-file-to-chat"] = 5,
        ["launch-messages"] = 0, ["probe-accounts"] = 0, ["probe-running"] = 0, ["probe-automation"] = 0,
    };

    /// <summary>Runs the script; returns its output (the script's return value). Throws <see cref="OsaError"/>.</summary>
    public string Run(string script, string[] argv)
    {
        if (!Scripts.TryGetValue(script, out var expected))
            throw new OsaError(-1708, $"fake-messages does not know the script “{script}”.");

        string? injected = null;
        var connectingNow = false;
        var acting = script.StartsWith("send-", StringComparison.Ordinal);
        var config = SimConfig.Update(configPath, c =>
        {
            c.Calls.Add($"{script} {argv.Length}");
            if (script == "launch-messages")
                c.MessagesRunning = true;
            // probe-accounts and probe-automation `tell application "Messages"`, which launches it (AppleScript semantics).
            else if (script is "probe-accounts" or "probe-automation" && !c.AutomationDenied)
                c.MessagesRunning = true;
            else if (acting && c.FailNext.Count > 0)
            {
                injected = c.FailNext[0];
                c.FailNext.RemoveAt(0);
            }
            if (script == "probe-accounts" && c.MessagesRunning && c.ConnectingProbes > 0)
            {
                c.ConnectingProbes--;
                connectingNow = true;
            }
        });
        if (argv.Length != expected)
            throw OsaError.WrongArgumentCount(script, expected, argv.Length);
        if (script == "launch-messages")
            return "launched";
        // `application id "com.apple.MobileSMS" is running` asks without telling Messages anything.
        if (script == "probe-running")
            return config.MessagesRunning ? "true" : "false";
        if (config.AutomationDenied)
            throw OsaError.AutomationDenied();
        if (!config.MessagesRunning)
            throw OsaError.NotRunning();
        var aeTimeout = acting ? AppleEventTimeout(argv[^1]) : 10;
        if (acting)
            argv = argv[..^1];
        // Cold start: until the account is connected nothing resolves (a blind send here is lost, not queued).
        if (acting && config.ConnectingProbes > 0)
            throw OsaError.NotFound("buddy (the iMessage account is still connecting)");

        switch (injected)
        {
            case null or "hang-after-send" or "ghost" or "-600-after":
                break;
            case "undelivered":
                config.DeliveredDelayMs = -1;   // this send only: sent, and no delivery receipt ever comes
                break;
            case "hang":
                throw HangUntil(aeTimeout);
            default:
                throw new OsaError(int.Parse(injected, System.Globalization.CultureInfo.InvariantCulture), $"Injected failure {injected}.");
        }

        using var db = FakeChatDatabase.Open(chatDbPath);
        var writer = new SimWriter(db, config);
        var output = script switch
        {
            "send-text-to-handle" => SendToHandle(writer, config, argv[0], argv[2], (chat, svc) => SendText(writer, config, chat, svc, argv[1], argv[0])),
            "send-file-to-handle" => SendToHandle(writer, config, argv[0], argv[2], (chat, svc) => SendFile(writer, config, chat, svc, argv[1], argv[0])),
            "send-text-to-chat" => SendToChat(writer, config, argv[0], argv[2], argv[3], injected, (chat, svc) => SendText(writer, config, chat, svc, argv[1], argv[2])),
            "send-file-to-chat" => SendToChat(writer, config, argv[0], argv[2], argv[3], injected, (chat, svc) => SendFile(writer, config, chat, svc, argv[1], argv[2])),
            "probe-accounts" => ProbeAccounts(config, connectingNow),
            "probe-automation" => "ok",
            _ => throw new OsaError(-1708, $"Unhandled script {script}."),
        };
        if (injected == "hang-after-send")
            throw HangUntil(aeTimeout);
        return output;
    }

    /// <summary>The script's `with timeout of aeTimeout seconds`: a malformed value fails as AppleScript's coercion would.</summary>
    private static int AppleEventTimeout(string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 1
            ? seconds
            : throw new OsaError(-1700, $"Can’t make \"{value}\" into type integer.");

    /// <summary>Messages does not answer: the Apple event times out after the script's limit (unless the process is killed first).</summary>
    private static OsaError HangUntil(int aeTimeoutSeconds)
    {
        Thread.Sleep(TimeSpan.FromSeconds(aeTimeoutSeconds));
        return new OsaError(-1712, "Messages got an error: AppleEvent timed out.");
    }

    private static string SendToHandle(SimWriter writer, SimConfig config, string handle, string service, Action<FakeChat, string> send)
    {
        var svc = ServiceName(service, config);
        send(writer.Db.EnsureDirectChat(handle, svc), svc);
        return "buddy";
    }

    private static string SendToChat(SimWriter writer, SimConfig config, string chatGuid, string dmHandle, string service, string? injected,
        Action<FakeChat, string> send)
    {
        // Tahoe: `chat id` of an old-style "any;+;chat<digits>" group, or an injected ghost, "succeeds" but writes an
        // empty from-me row on an SMS handle, joined to no chat (imsg #90).
        if (injected == "ghost" || System.Text.RegularExpressions.Regex.IsMatch(chatGuid, @"\Aany;\+;chat[0-9]+\z"))
        {
            writer.InsertOutgoing(null, null, dmHandle.Length > 0 ? dmHandle : "+10000000000", "SMS", sentNow: true);
            return "chat";
        }
        var chat = writer.Db.FindChat(chatGuid);
        if (chat is not null && !config.StaleChats.Contains(chatGuid))
        {
            send(chat, chat.Service);
            return "chat";
        }
        // Fallbacks of send-text-to-chat: the service's account (no account: the script's own error 9100); `chat id …
        // of service` finds nothing either; 1:1 chats use the buddy of that service, which writes into that service's
        // own 1:1 chat with the address — a second chat when the GUID was stale or "any;" (imsg #16) — over that service.
        var svc = ServiceName(service, config);
        if (dmHandle.Length == 0)
            throw OsaError.NotFound($"chat id \"{chatGuid}\"");
        send(writer.Db.EnsureDirectChat(dmHandle, svc), svc);
        return "buddy";
    }

    private static string ServiceName(string service, SimConfig config)
    {
        var available = service switch
        {
            "iMessage" => true,
            "SMS" => config.SmsAvailable,
            "RCS" => config.RcsAvailable,
            _ => throw new OsaError(-1700, $"Can’t make {service} into type constant."),
        };
        // `1st service whose service type = SMS` with no such account is -1719 "Invalid index"; the scripts turn
        // that into their own error 9100 ("nothing was sent").
        if (!available)
            throw new OsaError(9100, $"Messages has no {service} account on this Mac; nothing was sent.");
        return service;
    }

    private static void SendText(SimWriter writer, SimConfig config, FakeChat chat, string service, string text, string recipient)
    {
        var row = writer.InsertOutgoing(chat, text, chat.IsGroup ? null : chat.ChatIdentifier, service, sentNow: false);
        Follow(writer.Db, config, chat, service, row.RowId, 0, recipient, sandboxFailure: false);
    }

    private static void SendFile(SimWriter writer, SimConfig config, FakeChat chat, string service, string path, string recipient)
    {
        // `POSIX file … as alias` fails before anything is sent when the file does not exist.
        if (!File.Exists(path))
            throw new OsaError(-43, $"File {path} wasn’t found.");
        var full = Path.GetFullPath(path);
        // Messages' sandbox: a file outside its containers "sends" but fails with error 25 (imsg #110, #1113).
        var outside = config.SandboxRoot is not null
            && !full.StartsWith(Path.GetFullPath(config.SandboxRoot).TrimEnd('/') + "/", StringComparison.Ordinal);
        var (message, attachment) = writer.InsertOutgoingFile(chat, full, sentNow: false, transferDone: false, service);
        Follow(writer.Db, config, chat, service, message.RowId, attachment.RowId, recipient, outside);
    }

    private static void Follow(FakeChatDatabase db, SimConfig config, FakeChat chat, string service, long messageRowId, long attachmentRowId,
        string recipient, bool sandboxFailure)
    {
        // Over iMessage, a recipient without iMessage never gets it (error 22); SMS and RCS reach any phone.
        var notOnIMessage = service == "iMessage" && !chat.IsGroup && config.NotOnIMessage.Contains(recipient);
        var error = sandboxFailure ? 25 : notOnIMessage ? 22 : 0;
        // Delivery receipts are a 1:1 iMessage concept (chat.db's partial index message_idx_undelivered_one_to_one_imessage).
        var delivered = chat.IsGroup || service != "iMessage" ? -1 : config.DeliveredDelayMs;
        var read = delivered < 0 ? -1 : config.ReadDelayMs;
        new Timeline(messageRowId, attachmentRowId, config.TransferDelayMs, config.SentDelayMs, delivered, read, error).Start(db);
    }

    private static string ProbeAccounts(SimConfig config, bool connecting)
    {
        var state = connecting ? "connecting" : "connected";
        var lines = new List<string> { $"E:owner@example.com\tiMessage\ttrue\t{state}\towner@example.com" };
        if (config.SmsAvailable)
            lines.Add("SMS-ACCOUNT\tSMS\ttrue\tconnected\tSMS");
        if (config.RcsAvailable)
            lines.Add("RCS-ACCOUNT\tRCS\ttrue\tconnected\tRCS");
        return string.Join('\n', lines);
    }
}

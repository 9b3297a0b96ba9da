using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages;

/// <summary>
/// <c>fake-messages seed --contact +1555…</c>: the sandbox's starting world, a fresh chat.db (macOS 15 schema) with a
/// 1:1 conversation and a named group, as a line would have after a day of use, and a simulator config whose
/// receipt delays make sent, delivered and read show up as separate events, the way a recipient's device
/// produces them. Run by `lineagent sandbox`, which keeps no simulation code of its own.
/// </summary>
public static class SandboxSeed
{
    public static int Run(string chatDbPath, string configPath, string[] args)
    {
        if (args is not ["--contact", var contact])
        {
            Console.Error.WriteLine("usage: fake-messages seed --contact <handle>");
            return 2;
        }
        if (File.Exists(chatDbPath))
        {
            Console.Error.WriteLine($"fake-messages seed: {chatDbPath} already exists");
            return 1;
        }

        using (var db = FakeChatDatabase.Create(chatDbPath, SchemaVariant.Sequoia))
        {
            var now = DateTimeOffset.UtcNow;
            var direct = db.EnsureDirectChat(contact);
            db.ReceiveText(direct, contact, "Hi! Is this the line for appointment reminders?", date: now.AddMinutes(-30));
            var reply = db.SendText(direct, "Yes — you'll get a text the day before. Reply STOP to opt out.", date: now.AddMinutes(-29));
            db.MarkDelivered(reply, now.AddMinutes(-29));
            db.MarkRead(reply, now.AddMinutes(-28));

            var group = db.CreateGroupChat(["+15555550124", "+15555550125"], "Weekend plans");
            var pizza = db.ReceiveText(group, "+15555550124", "Pizza on Saturday?", date: now.AddMinutes(-10));
            db.InsertTapback(group, pizza, TapbackKind.Love, from: "+15555550125");
            db.ReceiveText(group, "+15555550125", "Only if it has pineapple 🍍", date: now.AddMinutes(-9));
            db.Checkpoint();
        }

        new SimConfig { SentDelayMs = 200, DeliveredDelayMs = 800, ReadDelayMs = 2500 }.Save(configPath);
        return 0;
    }
}

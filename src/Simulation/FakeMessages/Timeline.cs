using System.Diagnostics;
using System.Globalization;
using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages;

/// <summary>
/// What happens to an outgoing row after the script returns: transfer finished, is_sent (or an error),
/// delivered, read. With all delays zero it runs inline; otherwise a detached copy of this executable
/// (<c>fake-messages __timeline …</c>) does it, so the script call returns at once, as osascript does.
/// </summary>
public sealed record Timeline(long MessageRowId, long AttachmentRowId, int TransferMs, int SentMs, int DeliveredMs, int ReadMs, int FailError)
{
    /// <summary>No step waits (negative = the step never happens).</summary>
    public bool IsImmediate => TransferMs <= 0 && SentMs <= 0 && DeliveredMs <= 0 && ReadMs <= 0;

    public string[] ToArgs(string chatDb) =>
        ["__timeline", chatDb, .. new long[] { MessageRowId, AttachmentRowId, TransferMs, SentMs, DeliveredMs, ReadMs, FailError }
            .Select(v => v.ToString(CultureInfo.InvariantCulture))];

    public static (string ChatDb, Timeline Timeline) FromArgs(string[] args)
    {
        var n = args[2..].Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        return (args[1], new Timeline(n[0], n[1], (int)n[2], (int)n[3], (int)n[4], (int)n[5], (int)n[6]));
    }

    /// <summary>Runs inline when nothing waits; otherwise hands the rest to a detached process.</summary>
    public void Start(FakeChatDatabase db)
    {
        if (IsImmediate)
        {
            Run(db, sleep: false);
            return;
        }
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            // Own pipes, closed at once: the detached updater must not hold the caller's stdout/stderr open, or
            // whoever waits for this script's output would wait for the updater too.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in ToArgs(db.Path))
            start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        child.StandardInput.Close();
    }

    /// <summary>Applies the steps, sleeping between them when <paramref name="sleep"/>.</summary>
    public void Run(FakeChatDatabase db, bool sleep)
    {
        var message = new FakeMessage(MessageRowId, "");
        if (AttachmentRowId > 0)
        {
            Wait(TransferMs, sleep);
            db.SetTransferState(new FakeAttachment(AttachmentRowId, "", null), FailError == 25 ? 6 : 5);
        }
        Wait(SentMs, sleep);
        if (FailError != 0)
        {
            db.MarkFailed(message, FailError);
            return;
        }
        db.MarkSent(message);
        if (DeliveredMs < 0) return;
        Wait(DeliveredMs, sleep);
        db.MarkDelivered(message);
        if (ReadMs < 0) return;
        Wait(ReadMs, sleep);
        db.MarkRead(message);
    }

    private static void Wait(int ms, bool sleep)
    {
        if (sleep && ms > 0) Thread.Sleep(ms);
    }
}

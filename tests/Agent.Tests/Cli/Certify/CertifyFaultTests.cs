using Grpc.Core;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Cli.Certify;

/// <summary>
/// Issue 16 §3: each injected fault turns the right row red with the right reason while the others stay green, the
/// record makes GetLine say failed, the line refuses the capability (FAILED_PRECONDITION naming it and the report) unless
/// the operator overrides, and certify itself can re-run it.
/// </summary>
public sealed class CertifyFaultTests
{
    private const string Peer = CertifyHost.Peer;

    private static Proto.CapabilityCertification Certification(Proto.Line line, Proto.Capability capability) =>
        line.Capabilities.Single(c => c.Capability == capability).Certification;

    private static void OnlyRed(List<(string Check, string Result, string Evidence, string Left, double Seconds)> rows, string check, string reason)
    {
        var all = string.Join("\n", rows);
        var red = Assert.Single(rows, r => r.Result == "failed");
        Assert.True(red.Check == check, all);
        Assert.True(red.Evidence.Contains(reason, StringComparison.Ordinal), all);
        Assert.All(rows.Where(r => r.Check != check), r => Assert.True(r.Result == "passed", all));
    }

    [Fact]
    public async Task MissingElement_TurnsTheEditRowRed_TheLineRefusesEdits_CertifyReRunsIt_AndThenEditsAreAllowed()
    {
        await using var host = await CertifyHost.StartAsync();
        host.Ui.Ui.Faults.MissingActions.Add("edit.button");

        var (exit, report, _) = await host.CertifyAsync("--peer", Peer, "--only", "send-text,replies,edits");

        Assert.Equal(1, exit);
        OnlyRed(CertifyHost.Rows(report), "edit", "Edit");
        var line = await host.Server.Client.GetLineAsync(new Proto.GetLineRequest());
        Assert.Equal(Proto.Certification.Failed, Certification(line, Proto.Capability.Edits).State);
        Assert.StartsWith("edit: ", Certification(line, Proto.Capability.Edits).Detail);
        Assert.Equal(Proto.Certification.Verified, Certification(line, Proto.Capability.Replies).State);
        Assert.Equal(Proto.Certification.Unverified, Certification(line, Proto.Capability.Tapbacks).State);

        var chat = host.Db.EnsureDirectChat(Peer);
        var own = host.Db.SendText(chat, "a message to edit");
        var edit = new Proto.EditMessageRequest { IdempotencyKey = "after-certify-1", MessageGuid = own.Guid, Text = "edited" };
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await host.Server.Client.EditMessageAsync(edit));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("Edits failed certification", refused.Status.Detail);
        Assert.Contains(host.ReportPath, refused.Status.Detail);
        Assert.Contains("Certification:RefuseFailed", refused.Status.Detail);

        // Fixed (say, by an agent update): certify re-runs the capability its own record refuses, and the refusal lifts.
        host.Ui.Ui.Faults.MissingActions.Clear();
        var (again, rerun, stderr) = await host.CertifyAsync("--peer", Peer, "--only", "edits");
        Assert.True(again == 0, stderr + string.Join("\n", CertifyHost.Rows(rerun)));
        line = await host.Server.Client.GetLineAsync(new Proto.GetLineRequest());
        Assert.Equal(Proto.Certification.Verified, Certification(line, Proto.Capability.Edits).State);
        var accepted = await host.Server.Client.EditMessageAsync(new Proto.EditMessageRequest { IdempotencyKey = "after-certify-2", MessageGuid = own.Guid, Text = "edited" });
        Assert.False(string.IsNullOrEmpty(accepted.SendId));
    }

    [Fact]
    public async Task UndeliveredMessage_TurnsTheTextRowRed_TheLineRefusesText_UntilTheOperatorOverrides()
    {
        await using var host = await CertifyHost.StartAsync(sim => sim.FailNext.Add("undelivered"));

        var (exit, report, _) = await host.CertifyAsync("--peer", Peer, "--only", "send-text,send-attachments,tapbacks");

        Assert.Equal(1, exit);
        OnlyRed(CertifyHost.Rows(report), "text", "not delivered within 8 s (GetSend: sent)");
        Assert.StartsWith("nothing (unsent in the clean-up", CertifyHost.Rows(report)[0].Left);
        var send = new Proto.SendMessageRequest
        {
            IdempotencyKey = "customer-1", To = "+15558880000", Parts = { new Proto.OutgoingPart { Text = new Proto.TextPart { Text = "hello" } } },
        };
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await host.Server.Client.SendMessageAsync(send));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("SendText failed certification", refused.Status.Detail);
        Assert.Equal(0L, host.Db.Scalar("SELECT COUNT(*) FROM message m JOIN handle h ON h.ROWID = m.handle_id WHERE h.id = '+15558880000'"));

        await host.RestartAsync("--Certification:RefuseFailed", "false");
        var line = await host.Server.Client.GetLineAsync(new Proto.GetLineRequest());
        Assert.Equal(Proto.Certification.Failed, Certification(line, Proto.Capability.SendText).State);   // the override hides nothing
        var accepted = await host.Server.Client.SendMessageAsync(send);
        Assert.False(string.IsNullOrEmpty(accepted.SendId));
    }

    [Fact]
    public async Task WrongChatSelected_TurnsOnlyThatRowRed_AndTheOtherConversationIsNeverTouched()
    {
        await using var host = await CertifyHost.StartAsync();
        var bystander = host.Db.EnsureDirectChat("+15557770000");
        var theirs = host.Db.ReceiveText(bystander, "+15557770000", "not yours");
        host.Ui.Ui.Faults.NextLinkShowsChat = bystander.Guid;
        var before = (long)host.Db.Scalar("SELECT COUNT(*) FROM message")!;

        var (exit, report, _) = await host.CertifyAsync("--peer", Peer, "--only", "send-text,tapbacks,replies");

        Assert.Equal(1, exit);
        var rows = CertifyHost.Rows(report);
        var red = Assert.Single(rows, r => r.Result == "failed");
        Assert.True(red.Check == "tapback love", string.Join("\n", rows));
        Assert.Contains("conversation", red.Evidence, StringComparison.OrdinalIgnoreCase);
        Assert.All(rows.Where(r => r != red), r => Assert.Equal("passed", r.Result));
        Assert.Equal(0L, host.Db.Scalar("""
            SELECT COUNT(*) FROM message m JOIN chat_message_join j ON j.message_id = m.ROWID WHERE j.chat_id = $c AND m.ROWID <> $t
            """, ("$c", bystander.RowId), ("$t", theirs.RowId)));
        Assert.True((long)host.Db.Scalar("SELECT COUNT(*) FROM message")! > before);
    }

    [Fact]
    public async Task MissingAccessibilityPermission_TurnsTheUiRowsRed_WithTheFix_AndTheScriptedRowsStayGreen()
    {
        await using var host = await CertifyHost.StartAsync();
        host.Ui.Ui.Faults.Untrusted = true;

        var (exit, report, _) = await host.CertifyAsync("--peer", Peer, "--only", "send-text,send-location,tapbacks,typing");

        Assert.Equal(1, exit);
        var rows = CertifyHost.Rows(report);
        var all = string.Join("\n", rows);
        Assert.All(rows.Where(r => r.Check is "text" or "location pin"), r => Assert.True(r.Result == "passed", all));
        var ui = rows.Where(r => r.Check.StartsWith("tapback ", StringComparison.Ordinal) || r.Check == "typing start/stop").ToList();
        Assert.Equal(7, ui.Count);
        Assert.All(ui, r => Assert.True(r.Result == "failed" && r.Evidence.Contains("Accessibility", StringComparison.Ordinal), all));
        var line = await host.Server.Client.GetLineAsync(new Proto.GetLineRequest());
        Assert.Equal(Proto.Certification.Failed, Certification(line, Proto.Capability.Tapbacks).State);
        Assert.Equal(Proto.Certification.Verified, Certification(line, Proto.Capability.SendLocation).State);
    }
}

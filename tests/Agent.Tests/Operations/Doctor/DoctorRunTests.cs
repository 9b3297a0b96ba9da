using LineAgent.Agent.Cli;
using System.Net;
using System.Text.Json;
using Grpc.AspNetCore.HealthChecks;
using LineAgent.Agent.Cli.Commands;
using LineAgent.Agent.Operations.Doctor;
using LineAgent.Agent.Operations.Doctor.Checks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Operations.Doctor;

public class DoctorRunTests
{
    private static readonly string[] MacOnly =
        ["macos-version", "messages", "automation-messages", "accessibility", "launch-agent", "auto-login", "sleep", "full-disk-access"];

    [Fact]
    public async Task AllChecks_OnLinux_MacOnlyChecksSayWhyTheyDoNotApply_AndRunNoCommand()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner();
        var context = DoctorContexts.Create(home, runner, isMacOS: false);

        var results = await LineAgent.Agent.Operations.Doctor.Doctor.RunAsync(context, LineAgent.Agent.Operations.Doctor.Doctor.AllChecks(), null, CancellationToken.None);

        foreach (var id in MacOnly)
        {
            var result = Assert.Single(results, r => r.Id == id);
            Assert.Equal(CheckStatus.NotApplicable, result.Status);
            Assert.StartsWith("n/a on Linux: ", result.Detail);
        }
        Assert.Equal(CheckStatus.Pass, Assert.Single(results, r => r.Id == "staging-directory").Status);
        Assert.Equal(CheckStatus.Pass, Assert.Single(results, r => r.Id == "configuration").Status);
        Assert.Empty(runner.Calls);
    }

    [Fact]
    public async Task RunAsync_CheckThatThrows_FailsAloneAndTheRestStillRun()
    {
        using var home = new TempDirectory();
        var context = DoctorContexts.Create(home, new FakeCommandRunner(), isMacOS: false);

        var results = await LineAgent.Agent.Operations.Doctor.Doctor.RunAsync(context, [new Throwing(), new DiskSpaceCheck()], null, CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, results[0].Status);
        Assert.Contains("boom", results[0].Detail);
        Assert.Equal(CheckStatus.Pass, results[1].Status);
    }

    private sealed class Throwing : DoctorCheck
    {
        public override string Id => "throws";
        public override string Title => "Throws";
        public override Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }

    [Fact]
    public async Task Grpc_HealthServiceServing_PassesAndPresentsTheToken()
    {
        var port = LoopbackPorts.Free();
        string? authorization = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks().AddCheck("alive", () => HealthCheckResult.Healthy());
        await using var app = builder.Build();
        app.Use((http, next) => { authorization = http.Request.Headers.Authorization; return next(http); });
        app.MapGrpcHealthChecksService();
        await app.StartAsync();
        using var home = new TempDirectory();

        var result = await new GrpcEndpointCheck().RunAsync(
            DoctorContexts.Create(home, new FakeCommandRunner(), grpc: new Uri($"http://127.0.0.1:{port}"), token: "sekrit-token-value"), CancellationToken.None);

        Assert.True(result.Status == CheckStatus.Pass, result.Detail);
        Assert.Contains("SERVING", result.Detail);
        Assert.Equal("Bearer sekrit-token-value", authorization);
        Assert.DoesNotContain("sekrit", result.Detail);
    }

    [Fact]
    public async Task Grpc_NothingListening_FailsWithHowToStartIt()
    {
        using var home = new TempDirectory();
        var result = await new GrpcEndpointCheck().RunAsync(DoctorContexts.Create(home, new FakeCommandRunner()), CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("not answering", result.Detail);
        Assert.Contains("launchctl kickstart -k gui/501/com.lineagent.agent", result.Fix);
    }

    [Fact]
    public async Task DoctorCommand_Json_PrintsOneObjectPerCheck_AndExitsOneOnAnyFailure()
    {
        using var home = new TempDirectory();
        var context = OperatorContexts.Create(home, new FakeCommandRunner(), isMacOS: false, environment: new()
        {
            ["LINEAGENT__Grpc__Port"] = LoopbackPorts.Free().ToString(), // nothing listens there: the gRPC check fails
            ["LINEAGENT__MessagesDriver__StagingDirectory"] = home.Combine("staging"),
        });

        var exit = await new DoctorCommand(context).RunAsync(["--json", "--state-dir", home.Combine("state")], CancellationToken.None);

        Assert.Equal(1, exit);
        var lines = context.Out().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(LineAgent.Agent.Operations.Doctor.Doctor.AllChecks().Select(c => c.Id), lines.Select(l => l.GetProperty("check").GetString()));
        var grpc = Assert.Single(lines, l => l.GetProperty("check").GetString() == "grpc");
        Assert.Equal("fail", grpc.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(grpc.GetProperty("fix").GetString()));
        Assert.All(lines.Where(l => MacOnly.Contains(l.GetProperty("check").GetString())), l => Assert.Equal("n/a", l.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task DoctorCommand_EmptyChatDbPath_ConfigurationErrorNamingTheKey()
    {
        using var home = new TempDirectory();
        var context = OperatorContexts.Create(home, new FakeCommandRunner(), isMacOS: false);
        var stderr = new StringWriter();

        var exit = await new DoctorCommand(context).RunAsync(["--state-dir", home.Combine("state"), "--chat-db", ""], CancellationToken.None,
            new StringWriter(), stderr);

        Assert.Equal(LineAgent.Agent.Configuration.ConfigurationException.ExitCode, exit);
        Assert.Equal("lineagent doctor: Agent:ChatDbPath is empty: set it to a path, or leave it out for the default.", stderr.ToString().Trim());
    }

    [Fact]
    public async Task DoctorCommand_Text_MarksEachCheckAndPrintsFixes()
    {
        using var home = new TempDirectory();
        var context = OperatorContexts.Create(home, new FakeCommandRunner(), isMacOS: false, environment: new()
        {
            ["LINEAGENT__Observability__MetricsPort"] = "0",
            ["LINEAGENT__MessagesDriver__StagingDirectory"] = home.Combine("staging"),
        });

        var exit = await new DoctorCommand(context).RunAsync(["--state-dir", home.Combine("state")], CancellationToken.None);

        var text = context.Out();
        Assert.Equal(1, exit);
        Assert.Contains("✗ Configuration", text);
        Assert.Contains("Observability:MetricsPort", text);
        Assert.Contains("✓ Staging directory writable", text);
        Assert.Contains("– LaunchAgent loaded", text);
        Assert.Contains("fix: ", text);
        Assert.Contains("to fix", text);
    }
}

using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using LineAgent.Agent.Cli;
using LineAgent.Agent.Grpc;
using LineAgent.Agent.Grpc.Auth;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.Protocol.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.Hosting;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AgentHostSecurityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Start_NonLoopbackAddressWithoutTls_RefusesAndSaysWhy()
    {
        AgentTestServer.WriteToken(_dir);
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = AgentHost.Build(AgentTestServer.Arguments(_dir, "--listen", "0.0.0.0"));
            await app.StartAsync();
        });
        var message = string.Join(" ", ex.Failures);
        Assert.Contains("0.0.0.0", message);
        Assert.Contains("not a loopback address and TLS is not configured", message);
    }

    [Fact]
    public async Task RunCommand_NonLoopbackAddressWithoutTls_ExitsWithConfigurationErrorAndReason()
    {
        AgentTestServer.WriteToken(_dir);
        var stderr = new StringWriter();
        var exit = await new LineAgent.Agent.Cli.Commands.RunCommand(stderr)
            .RunAsync(AgentTestServer.Arguments(_dir, "--listen", "192.168.1.20"), CancellationToken.None);
        Assert.Equal(78, exit);
        Assert.Contains("Refusing to listen on 192.168.1.20", stderr.ToString());
    }

    [Fact]
    public async Task Start_Ipv4MappedLoopback_ListensOnIpv4LoopbackAndServes()
    {
        await using var server = await AgentTestServer.StartAsync(_dir, ["--listen", "::ffff:127.0.0.1"]);
        Assert.StartsWith("http://127.0.0.1:", server.Address);
        Assert.NotEmpty((await server.Client.GetLineAsync(new GetLineRequest())).AgentVersion);
    }

    [Theory]
    [InlineData("::ffff:192.168.1.20", "192.168.1.20")]
    [InlineData("::ffff:0.0.0.0", "0.0.0.0")]
    public async Task RunCommand_Ipv4MappedNonLoopbackWithoutTls_ExitsWithConfigurationError(string listen, string mapped)
    {
        AgentTestServer.WriteToken(_dir);
        var stderr = new StringWriter();
        var exit = await new LineAgent.Agent.Cli.Commands.RunCommand(stderr)
            .RunAsync(AgentTestServer.Arguments(_dir, "--listen", listen), CancellationToken.None);
        Assert.Equal(78, exit);
        Assert.Contains("not a loopback address and TLS is not configured", stderr.ToString());
        Assert.True(GrpcOptionsValidator.TryParseListenAddress(listen, out var address));
        Assert.Equal(mapped, address.ToString());
    }

    [Fact]
    public async Task Start_StateDirectoryOpenToOthers_IsMadeOwnerOnly()
    {
        var state = AgentTestServer.StateDirectory(_dir);
        Directory.CreateDirectory(state);
        AgentTestServer.WriteToken(_dir);
        File.SetUnixFileMode(state, (UnixFileMode)0b111_101_101);   // 0755
        var config = Path.Combine(state, "config.json");
        File.WriteAllText(config, "{}");
        File.SetUnixFileMode(config, (UnixFileMode)0b110_100_100);  // 0644
        var uploads = Directory.CreateDirectory(Path.Combine(state, "uploads")).FullName;
        File.SetUnixFileMode(uploads, (UnixFileMode)0b111_101_101);

        await using var server = await AgentTestServer.StartAsync(_dir);

        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(state));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(config));
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(uploads));
        foreach (var file in Directory.EnumerateFiles(state, "journal.db*"))
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & (UnixFileMode)0b000_111_111);
        Assert.Empty(LineAgent.Agent.Configuration.PrivateStateDirectory.FindExposed(state));
    }

    [Fact]
    public async Task RunCommand_MisspelledOption_IsAUsageErrorNotIgnored()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["run", "--prot", "5000"], stdout, stderr);
        Assert.Equal(2, exit);
        Assert.Contains("unknown option --prot", stderr.ToString());
    }

    [Fact]
    public async Task Start_TokenFileReadableByOthers_RefusesWithChmodFix()
    {
        AgentTestServer.WriteToken(_dir);
        var tokenFile = Path.Combine(AgentTestServer.StateDirectory(_dir), "grpc.token");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        await using var app = AgentHost.Build(AgentTestServer.Arguments(_dir));
        var ex = await Assert.ThrowsAsync<ApiTokenException>(() => app.StartAsync());
        Assert.Contains($"chmod 600 '{tokenFile}'", ex.Message);
    }

    [Fact]
    public async Task Start_WithoutTokenFile_CreatesARandomOwnerOnlyToken()
    {
        await using var app = AgentHost.Build(AgentTestServer.Arguments(_dir));
        await app.StartAsync();
        var tokenFile = Path.Combine(AgentTestServer.StateDirectory(_dir), "grpc.token");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        Assert.True(File.ReadAllText(tokenFile).Trim().Length >= 32);
        await app.StopAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-0123456789abcdef")]
    [InlineData("")]
    public async Task AnyRpc_WithoutTheRightToken_IsUnauthenticatedAndRevealsNothing(string? token)
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var client = server.NewClient(token);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await client.GetLineAsync(new GetLineRequest()));
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal("A valid bearer token is required.", ex.Status.Detail);

        using var stream = client.StreamEvents(new StreamEventsRequest());
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext())).StatusCode);
    }

    [Fact]
    public async Task Health_AnswersWithoutToken_AndNeverLogsTokens()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await AgentTestServer.StartAsync(_dir, configure: b => b.Logging.AddProvider(logs));

        var health = new Health.HealthClient(server.Invoker(token: null));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        // No chat.db in this directory: the line's own health says so (without saying why: no token was shown).
        var line = await health.CheckAsync(new HealthCheckRequest { Service = "lineagent.v1.LineAgent" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, line.Status);

        const string wrong = "wrong-token-that-must-not-be-logged";
        await Assert.ThrowsAsync<RpcException>(async () => await server.NewClient(wrong).GetLineAsync(new GetLineRequest()));
        await server.Client.GetLineAsync(new GetLineRequest());
        await server.App.StopAsync();

        Assert.Contains(logs.Messages, m => m.Contains("Rejected call to /lineagent.v1.LineAgent/GetLine"));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(wrong) || m.Contains(AgentTestServer.Token));
    }

    [Fact]
    public async Task Reflection_WithToken_ListsTheServices()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var reflection = new ServerReflection.ServerReflectionClient(server.Invoker(AgentTestServer.Token));
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("lineagent.v1.LineAgent", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}

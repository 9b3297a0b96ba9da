using System.CommandLine;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client;

/// <summary>What a client verb's call gets: the API client, the output, and which agent it is talking to.</summary>
internal sealed record AgentCall(Proto.LineAgent.LineAgentClient Client, ClientOutput Output, AgentTarget Target);

/// <summary>
/// A verb that calls the agent's gRPC API (one small subclass per verb, in Client/Verbs). The base adds the target
/// options (<see cref="ClientOptions"/>) and --json, finds the agent, and turns RPC failures into one line and an
/// exit code: 1 refused by the agent (the status detail names the field), 69 not reachable, 77 token refused.
/// </summary>
internal abstract class ClientVerb(ClientEnvironment environment) : ICommand
{
    public const int Unreachable = AgentTargetException.ExitCode;
    public const int TokenRefused = 77;

    protected abstract string Name { get; }
    protected abstract string Summary { get; }
    /// <summary>Made only when help is shown (some list every capability or reaction: `certify`'s cost every start-up ~6 ms).</summary>
    protected abstract string Details { get; }

    /// <summary>Adds the verb's own options and arguments to <paramref name="verb"/>; returns the call that uses them.</summary>
    protected abstract Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb);

    protected ClientEnvironment Environment => environment;

    public Verb Build()
    {
        var verb = new Verb(Name, Summary) { MakeDetails = () => Details.TrimEnd() + "\n" + ClientOptions.TargetHelp };
        var call = Declare(verb);
        var target = ClientOptions.AddTo(verb, environment);
        verb.SetAction(async (parse, cancellationToken) =>
        {
            var agent = target.Resolve(parse);
            using var channel = GrpcChannel.ForAddress(agent.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 16 << 20 });
            var client = new Proto.LineAgent.LineAgentClient(channel.CreateCallInvoker().Intercept(metadata =>
            {
                metadata.Add("authorization", "Bearer " + agent.Token);
                return metadata;
            }));
            try
            {
                return await call(parse, new AgentCall(client, new ClientOutput(environment.Out, parse.GetValue(target.Json)), agent), cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
            {
                return Report(ex, agent);
            }
        });
        return verb;
    }

    private int Report(RpcException ex, AgentTarget agent)
    {
        var error = environment.Error;
        switch (ex.StatusCode)
        {
            case StatusCode.Unavailable:
                error.WriteLine($"lineagent {Name}: cannot reach {agent.Description} at {agent.Address} ({ex.Status.Detail}). " +
                                "Is it running? (lineagent run, or lineagent sandbox)");
                return Unreachable;
            case StatusCode.Unauthenticated or StatusCode.PermissionDenied:
                error.WriteLine($"lineagent {Name}: {agent.Description} refused the token ({ex.Status.Detail})");
                return TokenRefused;
            default:
                error.WriteLine($"lineagent {Name}: {ex.StatusCode}: {ex.Status.Detail}");
                return 1;
        }
    }
}

using Grpc.Core;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Grpc.Services;
using Microsoft.Extensions.Logging;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Gateway;

/// <summary>
/// Carries out a gateway Command through the same <see cref="LineAgentService"/> methods the listening API serves
/// (validation, idempotency, refusals), and turns failures into the status the RPC would have returned.
/// </summary>
public sealed class GatewayCommands(IServiceProvider services, ILogger<GatewayCommands> logger)
{
    /// <summary>The result for <paramref name="command"/>; never throws for a failed command (except cancellation).</summary>
    public async Task<Proto.CommandResult> RunAsync(Proto.Command command, CancellationToken cancellationToken)
    {
        var result = new Proto.CommandResult { CommandId = command.CommandId };
        var service = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<LineAgentService>(services);
        var context = new GatewayCallContext("/lineagent.v1.LineGateway/Command." + command.RequestCase, cancellationToken);
        try
        {
            switch (command.RequestCase)
            {
                case Proto.Command.RequestOneofCase.SendMessage: result.Receipt = await service.SendMessage(command.SendMessage, context); break;
                case Proto.Command.RequestOneofCase.SendLocation: result.Receipt = await service.SendLocation(command.SendLocation, context); break;
                case Proto.Command.RequestOneofCase.React: result.Receipt = await service.React(command.React, context); break;
                case Proto.Command.RequestOneofCase.SetTyping: result.Receipt = await service.SetTyping(command.SetTyping, context); break;
                case Proto.Command.RequestOneofCase.CreateChat: result.Receipt = await service.CreateChat(command.CreateChat, context); break;
                case Proto.Command.RequestOneofCase.AddParticipant: result.Receipt = await service.AddParticipant(command.AddParticipant, context); break;
                case Proto.Command.RequestOneofCase.RemoveParticipant: result.Receipt = await service.RemoveParticipant(command.RemoveParticipant, context); break;
                case Proto.Command.RequestOneofCase.Reply: result.Receipt = await service.Reply(command.Reply, context); break;
                case Proto.Command.RequestOneofCase.EditMessage: result.Receipt = await service.EditMessage(command.EditMessage, context); break;
                case Proto.Command.RequestOneofCase.UnsendMessage: result.Receipt = await service.UnsendMessage(command.UnsendMessage, context); break;
                case Proto.Command.RequestOneofCase.MarkChatRead: result.Receipt = await service.MarkChatRead(command.MarkChatRead, context); break;
                case Proto.Command.RequestOneofCase.RenameChat: result.Receipt = await service.RenameChat(command.RenameChat, context); break;
                case Proto.Command.RequestOneofCase.GetSend: result.Receipt = await service.GetSend(command.GetSend, context); break;
                case Proto.Command.RequestOneofCase.GetLine: result.Line = await service.GetLine(command.GetLine, context); break;
                case Proto.Command.RequestOneofCase.CheckHandle: result.HandleCheck = await service.CheckHandle(command.CheckHandle, context); break;
                default:
                    result.Error = new Proto.CommandError { Code = (int)StatusCode.InvalidArgument, Message = "request: required (one of the Command requests)" };
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            result.Error = ToError(ex, context.Method);
        }
        return result;
    }

    private Proto.CommandError ToError(Exception ex, string method)
    {
        var error = new Proto.CommandError();
        switch (ex is RpcException ? ex : DomainExceptionMapper.TryMap(ex) ?? ex)
        {
            case RpcException rpc:
                error.Code = (int)rpc.StatusCode;
                error.Message = rpc.Status.Detail;
                foreach (var t in rpc.Trailers.Where(t => !t.IsBinary))
                    error.Trailers[t.Key] = t.Value;
                break;
            case ApiException api:
                var trailers = new Metadata();
                api.AddTrailers(trailers);
                error.Code = (int)api.Code;
                error.Message = api.Message;
                foreach (var t in trailers.Where(t => !t.IsBinary))
                    error.Trailers[t.Key] = t.Value;
                break;
            default:
                if (KnownExceptionMapper.TryMap(ex) is { } known)
                {
                    error.Code = (int)known.Code;
                    error.Message = known.Message;
                    break;
                }
                var errorId = Guid.NewGuid().ToString("N")[..12];
                GrpcLog.UnhandledException(logger, ex, method, errorId);
                error.Code = (int)StatusCode.Internal;
                error.Message = $"Internal error in the agent (error id {errorId}; details in the agent log).";
                break;
        }
        return error;
    }
}

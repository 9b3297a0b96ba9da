using Grpc.Core;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Line;
using LineAgent.Agent.Line.Certification;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Services;

// RecordCertification: what a `lineagent certify` run proved, kept per build by the CertificationStore (the one writer of
// certification.json) and reported by GetLine.
public sealed partial class LineAgentService
{
    private const int MaxDetail = 1000;
    private const int MaxReportPath = 4096;

    public override async Task<Proto.Line> RecordCertification(Proto.RecordCertificationRequest request, ServerCallContext context)
    {
        var store = certifications ?? throw new PreconditionFailedException("this agent keeps no certification record.",
            "run the full agent (lineagent run), which has one.");
        if (string.IsNullOrWhiteSpace(request.Build))
            throw new InvalidFieldException("build", "required: the build GetLine reported at the start of the run");
        if (string.IsNullOrWhiteSpace(request.ReportPath) || request.ReportPath.Length > MaxReportPath || request.ReportPath.Any(char.IsControl))
            throw new InvalidFieldException("report_path", $"required: the report's path (at most {MaxReportPath} characters, no control characters)");
        var results = new List<(LineCapability, CertificationState, string)>();
        for (var i = 0; i < request.Results.Count; i++)
        {
            var r = request.Results[i];
            if (r.Capability == Proto.Capability.Unspecified || !Enum.IsDefined((LineCapability)(int)r.Capability))
                throw new InvalidFieldException($"results[{i}].capability", "not a known capability");
            if (r.State is not (Proto.Certification.Verified or Proto.Certification.Failed))
                throw new InvalidFieldException($"results[{i}].state", "must be CERTIFICATION_VERIFIED or CERTIFICATION_FAILED");
            if (r.Detail.Length > MaxDetail)
                throw new InvalidFieldException($"results[{i}].detail", $"at most {MaxDetail} characters");
            var capability = (LineCapability)(int)r.Capability;
            if (results.Any(x => x.Item1 == capability))
                throw new InvalidFieldException($"results[{i}].capability", $"{r.Capability} is listed twice");
            results.Add((capability, r.State == Proto.Certification.Verified ? CertificationState.Verified : CertificationState.Failed, r.Detail));
        }

        var status = await lineStatus.GetStatusAsync(context.CancellationToken);
        var build = CertificationBuild.Of(status);
        if (!string.Equals(request.Build, build, StringComparison.Ordinal))
            throw new PreconditionFailedException($"the run certified '{request.Build}', but this line is now '{build}'.",
                "run lineagent certify again on this build.");
        store.Record(build, request.ReportPath, results);
        return LineMapping.ToProto(status, conditions?.Compute(status.Health), CertificationOf(status));
    }

    private Func<LineCapability, CapabilityCertification>? CertificationOf(LineStatus status)
    {
        if (certifications is not { } store)
            return null;
        var build = CertificationBuild.Of(status);
        return capability => store.For(build, capability);
    }
}

namespace LineAgent.Agent.Line.Certification;

/// <summary>What `lineagent certify` proved about a capability on one build.</summary>
public enum CertificationState
{
    /// <summary>Not proven on this build (never certified here, certified before an update, or skipped).</summary>
    Unverified = 0,
    /// <summary>Every check of the capability passed.</summary>
    Verified = 1,
    /// <summary>A check failed: new requests needing it are refused unless Certification:RefuseFailed is false.</summary>
    Failed = 2,
}

/// <summary>One capability's certification on <paramref name="Build"/>.</summary>
/// <param name="Capability">The capability.</param>
/// <param name="State">Unverified, verified or failed.</param>
/// <param name="Build">The build it is about (<see cref="CertificationBuild"/>).</param>
/// <param name="CertifiedAt">When the deciding run was recorded; null when unverified.</param>
/// <param name="Detail">The evidence, or the failing check and why; empty when unverified.</param>
/// <param name="ReportPath">The run's JSON report; empty when unverified.</param>
public sealed record CapabilityCertification(
    LineCapability Capability, CertificationState State, string Build, DateTimeOffset? CertifiedAt = null, string Detail = "", string ReportPath = "")
{
    public static CapabilityCertification Unverified(LineCapability capability, string build) => new(capability, CertificationState.Unverified, build);
}

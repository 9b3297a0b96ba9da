namespace LineAgent.Agent.Line.Certification;

/// <summary>What the line does with `lineagent certify`'s record. Bound from the "Certification" section.</summary>
public sealed class CertificationOptions
{
    public const string Section = "Certification";

    /// <summary>
    /// Refuse new requests that need a capability whose certification failed on this build (FAILED_PRECONDITION naming
    /// the capability and the report). Default: true — a Mac that was shown not to do something must not be trusted to do
    /// it for a customer. False is the operator's override (e.g. while a fix is rolled out); GetLine still says failed.
    /// </summary>
    public bool RefuseFailed { get; set; } = true;
}

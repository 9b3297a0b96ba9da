using LineAgent.Agent.Line;
using LineAgent.Agent.Line.Certification;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// Refuses a new request that needs a capability `lineagent certify` proved broken on this build, unless the operator
/// overrides it (Certification:RefuseFailed false) or the request is certify's own re-run of that capability.
/// </summary>
public sealed class CertificationGate(CertificationStore store, IOptions<CertificationOptions> options)
{
    /// <exception cref="CapabilityCertificationFailedException">A needed capability failed certification on this build.</exception>
    public void Check(OutboundRequest request, bool certifying)
    {
        if (certifying || !options.Value.RefuseFailed)
            return;
        foreach (var capability in Needs(request))
        {
            var certification = store.For(CertificationBuild.Current, capability);
            if (certification.State == CertificationState.Failed)
                throw new CapabilityCertificationFailedException(capability.ToString(), certification);
        }
    }

    /// <summary>Every capability a request relies on (plain sends included: a Mac can fail to send text, too).</summary>
    public static IEnumerable<LineCapability> Needs(OutboundRequest request)
    {
        switch (request)
        {
            case MessageSend message:
                if (message.Parts.Any(p => p.Kind == OutboundPartKind.Text)) yield return LineCapability.SendText;
                if (message.Parts.Any(p => p.Kind == OutboundPartKind.Media)) yield return LineCapability.SendAttachments;
                if (message.Parts.Any(p => p.Kind == OutboundPartKind.RichLink)) yield return LineCapability.RichLinks;
                break;
            case LocationSend:
                yield return LineCapability.SendLocation;
                break;
        }
        if (request.UiCapability is { } ui)
            yield return ui;
    }
}

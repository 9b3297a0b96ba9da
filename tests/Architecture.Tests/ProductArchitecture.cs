using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace LineAgent.Architecture.Tests;

/// <summary>
/// The product assemblies (lineagent, ChatDbReader, Agent.Protocol) as ArchUnitNET reads them from IL, and the
/// namespace-level dependency graph the rules below are written against.
/// </summary>
internal static class ProductArchitecture
{
    public static readonly System.Reflection.Assembly Agent = typeof(LineAgent.Agent.Hosting.AgentHost).Assembly;
    public static readonly System.Reflection.Assembly ChatDbReader = typeof(LineAgent.ChatDbReader.ChatDb).Assembly;
    public static readonly System.Reflection.Assembly Protocol = typeof(LineAgent.Protocol.V1.Event).Assembly;

    public static readonly ArchUnitNET.Domain.Architecture Value =
        new ArchLoader().LoadAssemblies(Agent, ChatDbReader, Protocol).Build();

    /// <summary>Every type-to-type dependency between two product types or to an outside type, generic parameters left out.</summary>
    public static IEnumerable<(IType From, IType To)> Dependencies() =>
        from type in Value.Types
        where type.Namespace is not null
        from dependency in type.Dependencies
        let target = dependency.Target
        where target is not null && target is not GenericParameter && target.Namespace is not null
        select (type, target);

    /// <summary>
    /// The top-level folder of the Agent a namespace belongs to ("Grpc" for LineAgent.Agent.Grpc.Mapping), or null
    /// for namespaces outside the Agent.
    /// </summary>
    public static string? AgentSlice(string ns)
    {
        const string prefix = "LineAgent.Agent.";
        if (!ns.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var rest = ns[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>"A -> B (TypeA -> TypeB)" lines, one per offending type pair, for failure messages.</summary>
    public static string Describe(IEnumerable<(IType From, IType To)> violations) =>
        string.Join("\n", violations
            .Select(v => $"{v.From.FullName} -> {v.To.FullName}")
            .Distinct()
            .Order(StringComparer.Ordinal));
}

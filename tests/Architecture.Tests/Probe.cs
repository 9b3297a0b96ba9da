using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace LineAgent.Architecture.Tests;

public class Probe
{
    [Fact]
    public void Dump()
    {
        var arch = new ArchLoader().LoadAssemblies(typeof(LineAgent.Agent.Hosting.AgentHost).Assembly, typeof(LineAgent.ChatDbReader.ChatDb).Assembly, typeof(LineAgent.Protocol.V1.Event).Assembly).Build();
        var edges = new SortedSet<string>();
        foreach (var t in arch.Types)
        {
            var from = t.Namespace?.FullName is { } fn ? Slice(fn) : null;
            if (from is null) continue;
            foreach (var d in t.Dependencies)
            {
                var to = d.Target?.Namespace?.FullName is { } tn ? Slice(tn) : null;
                if (to is null || to == from) continue;
                edges.Add($"{from} -> {to}   ({t.Name} -> {d.Target!.Name})");
            }
        }
        File.WriteAllLines("/tmp/edges.txt", edges);
    }

    static string? Slice(string ns)
    {
        if (ns.StartsWith("LineAgent.Agent.")) return ns.Split('.')[2];
        if (ns.StartsWith("LineAgent.Protocol")) return "Protocol";
        if (ns.StartsWith("LineAgent.ChatDbReader")) return "ChatDbReader";
        return null;
    }
}

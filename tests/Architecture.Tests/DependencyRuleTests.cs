namespace LineAgent.Architecture.Tests;

/// <summary>
/// The arrows of ../shared/design/ARCHITECTURE.md, held in place: Cli → Hosting → {Grpc, ChangeFeed, Outbox};
/// Grpc → {Outbox, Journal, ChatDb, Events}; Outbox and ChangeFeed → {ChatDb, Journal, Events}; nothing points
/// back; no cycles between the Agent's folders. Each failure lists the offending types.
/// </summary>
public sealed class DependencyRuleTests
{
    /// <summary>
    /// For each upper layer, the only folders that may depend on it ("nothing points back"): the CLI is the top,
    /// Hosting is the composition root the CLI starts, Grpc serves the send pipeline (Outbox) and the journal the
    /// change feed writes, and nothing below those three reaches up to them. The core (Journal, ChatDb, Events) and
    /// the helpers (Configuration, Line, MessagesApp, …) may be used by all of them.
    /// </summary>
    public static TheoryData<string, string[]> AllowedDependents => new()
    {
        { "Cli", [] },
        { "Hosting", ["Cli"] },
        { "Grpc", ["Hosting", "Cli"] },
        { "ChangeFeed", ["Hosting", "Cli"] },
        { "Outbox", ["Grpc", "Hosting", "Cli"] },
    };

    [Theory]
    [MemberData(nameof(AllowedDependents))]
    public void OnlyTheLayersAbove_DependOn(string layer, string[] allowed)
    {
        var violations = ProductArchitecture.Dependencies()
            .Where(d => ProductArchitecture.AgentSlice(d.To.Namespace.FullName) == layer
                        && ProductArchitecture.AgentSlice(d.From.Namespace.FullName) is { } from
                        && from != layer && !allowed.Contains(from))
            .ToList();

        Assert.True(violations.Count == 0,
            $"only {(allowed.Length == 0 ? "nothing" : string.Join(", ", allowed))} may depend on {layer}, but these types do:\n" +
            ProductArchitecture.Describe(violations));
    }

    [Fact]
    public void TheAgentsFolders_HaveNoCycles()
    {
        var edges = ProductArchitecture.Dependencies()
            .Select(d => (From: ProductArchitecture.AgentSlice(d.From.Namespace.FullName), To: ProductArchitecture.AgentSlice(d.To.Namespace.FullName), d))
            .Where(e => e.From is not null && e.To is not null && e.From != e.To)
            .ToList();
        var graph = edges.GroupBy(e => e.From!).ToDictionary(g => g.Key, g => g.Select(e => e.To!).ToHashSet());

        var cycles = new List<string>();
        foreach (var (from, targets) in graph)
        {
            foreach (var to in targets.Where(t => string.CompareOrdinal(from, t) < 0 && Reaches(graph, t, from)))
            {
                var evidence = edges.Where(e => (e.From == from && e.To == to) || (e.From == to && e.To == from)).Select(e => e.d).Take(6);
                cycles.Add($"{from} <-> {to} (directly or through other folders), e.g.\n" + ProductArchitecture.Describe(evidence));
            }
        }

        Assert.True(cycles.Count == 0, "Cycles between the Agent's folders:\n" + string.Join("\n\n", cycles));
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> graph, string start, string goal)
    {
        var seen = new HashSet<string>();
        var todo = new Stack<string>([start]);
        while (todo.TryPop(out var node))
        {
            if (node == goal)
                return true;
            if (seen.Add(node) && graph.TryGetValue(node, out var next))
                foreach (var n in next) todo.Push(n);
        }
        return false;
    }
}

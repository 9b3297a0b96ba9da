namespace LineAgent.Architecture.Tests;

/// <summary>What each product assembly may reference at all.</summary>
public sealed class AssemblyRuleTests
{
    public static TheoryData<string> ProductAssemblies => new() { "lineagent", "ChatDbReader", "Agent.Protocol" };

    /// <summary>Test frameworks and the simulation (src/Simulation: the fake chat.db builder and fake Messages).</summary>
    private static readonly string[] NotInTheProduct =
        ["FakeChatDb", "fake-messages", "FakeMessages", "xunit", "Microsoft.TestPlatform", "Microsoft.VisualStudio.TestPlatform",
         "Agent.Tests", "ChatDbReader.Tests", "Bench", "ArchUnitNET"];

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void ProductAssembly_ReferencesNoTestOrSimulationCode(string name)
    {
        var assembly = new[] { ProductArchitecture.Agent, ProductArchitecture.ChatDbReader, ProductArchitecture.Protocol }
            .Single(a => a.GetName().Name == name);

        var offending = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(r => NotInTheProduct.Any(n => r.StartsWith(n, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        Assert.True(offending.Count == 0, $"{name} references {string.Join(", ", offending)}");
    }

    [Fact]
    public void TheAgentsDependencyManifest_ListsNoSimulation()
    {
        // What `dotnet publish` ships is what lineagent.deps.json lists (here: the build's copy next to the tests).
        var deps = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "lineagent.deps.json"));

        Assert.DoesNotContain("FakeChatDb", deps, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("FakeMessages", deps, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fake-messages", deps, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ChatDbReader_ReferencesNoAgentProtocolOrJsonType()
    {
        var violations = ProductArchitecture.Dependencies()
            .Where(d => d.From.Assembly.Name.StartsWith("ChatDbReader", StringComparison.Ordinal)
                        && (d.To.Namespace.FullName.StartsWith("LineAgent.Agent", StringComparison.Ordinal)
                            || d.To.Namespace.FullName.StartsWith("LineAgent.Protocol", StringComparison.Ordinal)
                            || d.To.Namespace.FullName.StartsWith("System.Text.Json", StringComparison.Ordinal)
                            || d.To.Namespace.FullName.StartsWith("Newtonsoft.Json", StringComparison.Ordinal)))
            .ToList();

        Assert.True(violations.Count == 0,
            "ChatDbReader reads chat.db into records and knows no output format, but:\n" + ProductArchitecture.Describe(violations));
    }

    [Fact]
    public void ProtoTypes_StayInGrpcAndAbove()
    {
        // Grpc maps proto ⇄ domain; Hosting and the CLI above it may see the generated types, nothing below may.
        string[] allowed = ["Grpc", "Hosting", "Cli"];
        var violations = ProductArchitecture.Dependencies()
            .Where(d => d.To.Namespace.FullName.StartsWith("LineAgent.Protocol", StringComparison.Ordinal)
                        && d.From.Assembly.Name.StartsWith("lineagent", StringComparison.Ordinal)
                        && !allowed.Contains(ProductArchitecture.AgentSlice(d.From.Namespace.FullName)))
            .ToList();

        Assert.True(violations.Count == 0,
            "Proto types (LineAgent.Protocol) below Grpc:\n" + ProductArchitecture.Describe(violations));
    }
}

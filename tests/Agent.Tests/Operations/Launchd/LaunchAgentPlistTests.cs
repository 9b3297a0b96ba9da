using LineAgent.Agent.Operations.Launchd;

namespace LineAgent.Agent.Tests.Operations.Launchd;

public class LaunchAgentPlistTests
{
    private static LaunchAgentDefinition Definition(string program = "/Applications/LineAgent.app/Contents/MacOS/lineagent",
        Dictionary<string, string>? environment = null)
    {
        var layout = new LaunchAgentLayout("/Users/line", "com.lineagent.agent");
        return new LaunchAgentDefinition("com.lineagent.agent", [program, "run"], "/Users/line/Library/Application Support/LineAgent",
            layout.StandardOutPath, layout.StandardErrorPath,
            environment ?? new Dictionary<string, string> { ["LINEAGENT__Agent__StateDirectory"] = "/Users/line/Library/Application Support/LineAgent" },
            ThrottleInterval: 15);
    }

    [Fact]
    public void Render_DefaultTemplate_IsPlistXmlWithTheLaunchdKeysTheAgentNeeds()
    {
        var plist = PlistXml.ParseDictionary(LaunchAgentPlist.Render(Definition()));

        Assert.Equal("com.lineagent.agent", plist["Label"]);
        Assert.Equal(["/Applications/LineAgent.app/Contents/MacOS/lineagent", "run"], Assert.IsType<List<object>>(plist["ProgramArguments"]));
        Assert.Equal(true, plist["RunAtLoad"]);
        var keepAlive = Assert.IsType<Dictionary<string, object>>(plist["KeepAlive"]);
        Assert.Equal(false, Assert.Single(keepAlive, p => p.Key == "SuccessfulExit").Value);
        Assert.Equal(15L, plist["ThrottleInterval"]);
        Assert.Equal("Interactive", plist["ProcessType"]);
        Assert.Equal("Aqua", plist["LimitLoadToSessionType"]);
        Assert.Equal("/Users/line/Library/Logs/LineAgent/lineagent.log", plist["StandardOutPath"]);
        Assert.Equal("/Users/line/Library/Logs/LineAgent/lineagent.err.log", plist["StandardErrorPath"]);
        Assert.Equal("/Users/line/Library/Application Support/LineAgent", plist["WorkingDirectory"]);
        var environment = Assert.IsType<Dictionary<string, object>>(plist["EnvironmentVariables"]);
        Assert.Equal("/Users/line/Library/Application Support/LineAgent", environment["LINEAGENT__Agent__StateDirectory"]);
        Assert.Equal(["com.lineagent.agent"], Assert.IsType<List<object>>(plist["AssociatedBundleIdentifiers"]));
    }

    [Fact]
    public void Render_ValuesWithXmlMarkup_AreEscapedAndReadBackUnchanged()
    {
        const string hostile = "/Users/x/</string><key>Evil</key><string>&amp; \"quoted\" 'single'";
        var environment = new Dictionary<string, string> { ["A_B"] = "1 < 2 && 3 > 2", ["PATH"] = hostile };

        var plist = PlistXml.ParseDictionary(LaunchAgentPlist.Render(Definition(hostile, environment)));

        Assert.False(plist.ContainsKey("Evil"));
        Assert.Equal(hostile, Assert.IsType<List<object>>(plist["ProgramArguments"])[0]);
        var read = Assert.IsType<Dictionary<string, object>>(plist["EnvironmentVariables"]);
        Assert.Equal("1 < 2 && 3 > 2", read["A_B"]);
        Assert.Equal(hostile, read["PATH"]);
    }

    [Fact]
    public void Render_ControlCharacterInValue_ThrowsInsteadOfWritingBrokenXml()
    {
        var ex = Assert.Throws<ArgumentException>(() => LaunchAgentPlist.Render(Definition("/tmp/a\u0001b")));
        Assert.Contains("control character", ex.Message);
    }

    [Fact]
    public void Render_TemplateWithUnknownPlaceholder_ThrowsNamingIt()
    {
        var ex = Assert.Throws<FormatException>(() => LaunchAgentPlist.Render(Definition(), "<plist>{{NOPE}}</plist>"));
        Assert.Contains("{{NOPE}}", ex.Message);
    }

    [Fact]
    public void EmbeddedTemplate_IsTheFileShippedInLaunchdFolder()
    {
        var repo = RepositoryRoot();
        var onDisk = File.ReadAllText(Path.Combine(repo, "launchd", "com.lineagent.agent.plist.template"));
        Assert.Equal(onDisk, LaunchAgentPlist.EmbeddedTemplate());
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LineAgent.sln"))) return dir.FullName;
        throw new InvalidOperationException("LineAgent.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Text.RegularExpressions;
using LineAgent.Agent.MessagesApp;

namespace LineAgent.Agent.Tests.MessagesApp;

/// <summary>The scripts themselves: argv only, never input turned into code.</summary>
public sealed partial class AppleScriptFilesTests
{
    private static string ScriptsDirectory => Path.Combine(AppContext.BaseDirectory, "scripts", "applescript");

    public static TheoryData<string> Scripts() => new(ScriptNames.ArgumentCounts.Keys);

    [Fact]
    public void ScriptsDirectory_HoldsExactlyTheKnownScripts()
    {
        var files = Directory.GetFiles(ScriptsDirectory, "*.applescript").Select(f => Path.GetFileNameWithoutExtension(f)!).Order().ToList();
        Assert.Equal(ScriptNames.ArgumentCounts.Keys.Order().ToList(), files);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_TakesItsInputOnlyThroughRunArgv_AndChecksTheCount(string name)
    {
        var source = File.ReadAllText(Path.Combine(ScriptsDirectory, name + ".applescript"));
        Assert.Contains("on run argv", source);
        var check = ArgCountCheck().Match(source);
        Assert.True(check.Success, $"{name} must reject a wrong number of arguments");
        Assert.Equal(ScriptNames.ArgumentCounts[name], int.Parse(check.Groups[1].Value));
        Assert.Contains("number -1708", source);
    }

    private static string Code(string name) => string.Join('\n', File.ReadAllLines(Path.Combine(ScriptsDirectory, name + ".applescript"))
        .Select(l => l.Contains("--", StringComparison.Ordinal) ? l[..l.IndexOf("--", StringComparison.Ordinal)] : l));

    [Theory]
    [InlineData(ScriptNames.SendTextToHandle)]
    [InlineData(ScriptNames.SendFileToHandle)]
    [InlineData(ScriptNames.SendTextToChat)]
    [InlineData(ScriptNames.SendFileToChat)]
    public void SendScripts_BoundTheirAppleEvents_AndNameAMissingAccount(string name)
    {
        var code = Code(name);
        Assert.Contains("with timeout of aeTimeout seconds", code);
        Assert.Contains("number 9100", code);
        Assert.Contains("service type = RCS", code);
    }

    [Fact]
    public void NoUiScriptIsLeft_UiActionsGoThroughTheAccessibilityDriver() =>
        Assert.Empty(Directory.GetFiles(ScriptsDirectory, "ui-*.applescript"));

    [Fact]
    public void Probes_NeitherPressKeysNorLaunchMessages()
    {
        foreach (var probe in new[] { ScriptNames.ProbeAccounts, ScriptNames.ProbeAutomation, ScriptNames.ProbeRunning })
        {
            Assert.DoesNotContain("key code", Code(probe));
            Assert.DoesNotContain("keystroke", Code(probe));
            Assert.DoesNotContain("System Events", Code(probe));
        }
        Assert.DoesNotContain("tell application \"Messages\"", Code(ScriptNames.ProbeRunning));
        Assert.Contains("is running", Code(ScriptNames.ProbeRunning));
    }

    [Fact]
    public void Simulator_AcceptsExactlyTheScriptsArgumentCounts() =>
        Assert.Equal(ScriptNames.ArgumentCounts.OrderBy(kv => kv.Key), LineAgent.FakeMessages.Simulator.Scripts.OrderBy(kv => kv.Key));

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_NeverEvaluatesOrShellsOutText(string name)
    {
        // Input must never become code: no `run script` (evaluates a string as AppleScript), no `do shell script`
        // (a shell command line), no `load script` of a computed path.
        var code = string.Join('\n', File.ReadAllLines(Path.Combine(ScriptsDirectory, name + ".applescript"))
            .Select(l => l.Contains("--", StringComparison.Ordinal) ? l[..l.IndexOf("--", StringComparison.Ordinal)] : l));
        Assert.DoesNotMatch(Forbidden(), code);
    }

    [Fact]
    public void ForbiddenPattern_CatchesArgvConcatenatedIntoRunScript()
    {
        // Guard against the check itself rotting: the forbidden forms are recognised.
        Assert.Matches(Forbidden(), "run script (\"tell app \\\"Messages\\\" to send \" & item 1 of argv)");
        Assert.Matches(Forbidden(), "do shell script \"echo \" & quoted form of item 2 of argv");
        Assert.Matches(Forbidden(), "DO  SHELL SCRIPT x");
    }

    [GeneratedRegex(@"\(count of argv\) is not (\d+)")]
    private static partial Regex ArgCountCheck();

    [GeneratedRegex(@"\brun\s+script\b|\bdo\s+shell\s+script\b|\bload\s+script\b|\bstore\s+script\b", RegexOptions.IgnoreCase)]
    private static partial Regex Forbidden();
}

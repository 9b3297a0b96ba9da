using System.Text.Json;
using LineAgent.Agent.Cli;

namespace LineAgent.Agent.Tests.Cli;

/// <summary>The command line as a user meets it: help, version, exit codes, completion, shared options.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Version_PrintsTheAssemblyVersion_Exit0()
    {
        var (exit, stdout, _) = await Run("--version");

        Assert.Equal(0, exit);
        Assert.StartsWith(typeof(CommandLine).Assembly.GetName().Version!.ToString(3), stdout.Trim());
    }

    [Fact]
    public async Task Help_ListsEveryVerb_Exit0()
    {
        var (exit, stdout, _) = await Run("help");

        Assert.Equal(0, exit);
        foreach (var verb in new[] { "run", "init", "doctor", "install", "uninstall", "status", "logs", "export", "watch", "sandbox", "help", "completion" })
            Assert.Contains($"  {verb} ", stdout);
    }

    [Fact]
    public async Task HelpVerb_ShowsItsOptionsAndDetails()
    {
        var (exit, stdout, _) = await Run("help", "watch");

        Assert.Equal(0, exit);
        Assert.Contains("--from-cursor", stdout);
        Assert.Contains("--state-dir", stdout);
        Assert.Contains("Examples:", stdout);
    }

    [Theory]
    [InlineData("help", "frobnicate")]
    [InlineData("frobnicate")]
    [InlineData("help", "sandbox", "frobnicate")]
    public async Task UnknownCommand_ExitsNonZeroWithAMessage(params string[] args)
    {
        var (exit, _, stderr) = await Run(args);

        Assert.Equal(2, exit);
        Assert.Contains("frobnicate", stderr);
    }

    [Fact]
    public async Task NoArguments_PrintsTheListAndExits2()
    {
        var (exit, stdout, _) = await Run();

        Assert.Equal(2, exit);
        Assert.Contains("doctor", stdout);
    }

    [Fact]
    public async Task MisspelledOption_SaysWhatItMeant_Exit2()
    {
        var (exit, _, stderr) = await Run("run", "--prot", "5000");

        Assert.Equal(2, exit);
        Assert.Contains("unknown option --prot (did you mean --port?)", stderr);
    }

    [Fact]
    public async Task BadNumber_NamesTheOptionAndRange()
    {
        var (exit, _, stderr) = await Run("logs", "--lines", "lots");

        Assert.Equal(2, exit);
        Assert.Contains("--lines must be a whole number from 0 to 100000, not 'lots'", stderr);
    }

    [Fact]
    public async Task ConfigurationKeys_OnAVerbThatReadsNoConfiguration_AreRefused()
    {
        var (exit, _, stderr) = await Run("status", "--Pacing:Burst", "3");

        Assert.Equal(2, exit);
        Assert.Contains("--Pacing:Burst", stderr);
    }

    [Fact]
    public async Task StatusJson_PrintsJsonEvenWhereLaunchdIsMissing()
    {
        var (_, stdout, _) = await Run("status", "--json");

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(OperatingSystem.IsMacOS(), json.RootElement.GetProperty("supported").GetBoolean());
        Assert.False(json.RootElement.GetProperty("running").GetBoolean() && !OperatingSystem.IsMacOS());
    }

    [Theory]
    [InlineData("sta", "status")]
    [InlineData("sandbox inb", "inbound")]
    [InlineData("watch --from", "--from-cursor")]
    public async Task SuggestDirective_CompletesVerbsAndOptions(string line, string expected)
    {
        // What the completion scripts ask: the line after the program name, and the cursor at its end.
        var (exit, stdout, _) = await Run($"[suggest:{line.Length}]", line);

        Assert.Equal(0, exit);
        Assert.Contains(expected, stdout.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _lineagent_complete lineagent")]
    [InlineData("zsh", "compdef _lineagent_complete lineagent")]
    public async Task Completion_PrintsTheShellScript(string shell, string expected)
    {
        var (exit, stdout, _) = await Run("completion", shell);

        Assert.Equal(0, exit);
        Assert.Contains(expected, stdout);
        Assert.Contains("[suggest:", stdout);
    }

    [Fact]
    public async Task EveryRpc_HasAClientVerb()
    {
        // Each client verb names its RPC in its summary; DownloadAttachment (bytes to a file) is the one without.
        var (_, stdout, _) = await Run("help");

        foreach (var method in LineAgent.Protocol.V1.LineAgent.Descriptor.Methods)
            if (method.Name != "DownloadAttachment")
                Assert.Contains(method.Name, stdout);
    }
}

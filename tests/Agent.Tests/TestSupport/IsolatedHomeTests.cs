using LineAgent.Agent.Configuration;

namespace LineAgent.Agent.Tests.TestSupport;

public sealed class IsolatedHomeTests
{
    [Fact]
    public void TheRun_SeesAStandInHome_NotTheRealOne()
    {
        Assert.Equal(IsolatedHome.Path, AgentPaths.Home);
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "lineagent-tests-home"), AgentPaths.DefaultStateDirectory());
        Assert.StartsWith(IsolatedHome.Path, AgentPaths.DefaultChatDbPath());
    }

    [Fact]
    public void RequireEmpty_AFileLeftInHome_FailsNamingItAndClearsTheHome()
    {
        using var home = new TempDirectory();
        var staged = Path.Combine(home.Path, "Library", "Messages", "Attachments", "LineAgent", "x1");
        Directory.CreateDirectory(staged);
        File.WriteAllText(Path.Combine(staged, "Café Menü.jpg"), "jpeg");
        Directory.CreateDirectory(Path.Combine(home.Path, ".local", "state"));

        var ex = Assert.Throws<InvalidOperationException>(() => IsolatedHome.RequireEmpty(home.Path, "SomeTests.Writes"));

        Assert.Contains("~/.local/state, ~/Library/Messages/Attachments/LineAgent/x1/Café Menü.jpg", ex.Message);
        Assert.Contains("SomeTests.Writes", ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(home.Path));
        IsolatedHome.RequireEmpty(home.Path, "SomeTests.Next"); // one offender fails once
    }
}

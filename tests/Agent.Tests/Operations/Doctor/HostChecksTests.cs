using LineAgent.Agent.Operations.Doctor;
using LineAgent.Agent.Operations.Doctor.Checks;

using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.Operations.Doctor;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are the point of these tests
public class HostChecksTests
{
    private static Task<DoctorCheckResult> Run(IDoctorCheck check, DoctorContext context) => check.RunAsync(context, CancellationToken.None);

    [Theory]
    [InlineData("15.3.1", CheckStatus.Pass)]
    [InlineData("13.0", CheckStatus.Pass)]
    [InlineData("26.1", CheckStatus.Pass)]
    [InlineData("12.7.4", CheckStatus.Fail)]
    public async Task MacOsVersion_ThirteenOrLaterPasses(string version, CheckStatus expected)
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner()
            .On("sw_vers", ["-productVersion"], FakeCommandRunner.Ok(version + "\n"))
            .On("sw_vers", ["-buildVersion"], FakeCommandRunner.Ok("24D70\n"));

        var result = await Run(new MacOsVersionCheck(), DoctorContexts.Create(home, runner));

        Assert.Equal(expected, result.Status);
        Assert.Contains($"macOS {version} (24D70)", result.Detail);
    }

    private static void CreateChatDb(string path, int messages)
    {
        // A real chat.db schema: the check reads through ChatDbReader, which refuses databases that are not chat.db.
        using var db = FakeChatDatabase.Create(path, SchemaVariant.Sequoia);
        var chat = db.EnsureDirectChat("+15550001111");
        for (var i = 0; i < messages; i++)
            db.ReceiveText(chat, "+15550001111", "x");
    }

    [Fact]
    public async Task FullDiskAccess_ReadableChatDb_PassesWithNewestRowId()
    {
        using var home = new TempDirectory();
        var context = DoctorContexts.Create(home, new FakeCommandRunner());
        CreateChatDb(context.ChatDbPath, messages: 2);

        var result = await Run(new FullDiskAccessCheck(), context);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Contains("newest message ROWID 2", result.Detail);
    }

    [Fact]
    public async Task FullDiskAccess_MissingChatDbOnMac_FailsSayingHowItIsCreated()
    {
        using var home = new TempDirectory();
        var result = await Run(new FullDiskAccessCheck(), DoctorContexts.Create(home, new FakeCommandRunner()));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("sign in", result.Fix);
    }

    [Fact]
    public async Task FullDiskAccess_NotADatabase_FailsWithoutThrowing()
    {
        using var home = new TempDirectory();
        var context = DoctorContexts.Create(home, new FakeCommandRunner());
        Directory.CreateDirectory(Path.GetDirectoryName(context.ChatDbPath)!);
        File.WriteAllText(context.ChatDbPath, "this is not sqlite at all, just text that is long enough to be read as a header");

        var result = await Run(new FullDiskAccessCheck(), context);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains(context.ChatDbPath, result.Detail);
    }

    [Fact]
    public async Task FullDiskAccess_UnreadableDirectory_FailsWithFullDiskAccessDeepLink()
    {
        if (Environment.UserName == "root") return; // root reads anything: this case cannot be produced here
        using var home = new TempDirectory();
        var context = DoctorContexts.Create(home, new FakeCommandRunner());
        CreateChatDb(context.ChatDbPath, 1);
        var directory = Path.GetDirectoryName(context.ChatDbPath)!;
        File.SetUnixFileMode(directory, UnixFileMode.None);
        try
        {
            var result = await Run(new FullDiskAccessCheck(), context);
            Assert.Equal(CheckStatus.Fail, result.Status);
            Assert.Contains(SystemSettings.FullDiskAccess, result.Fix);
        }
        finally
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task StagingDirectory_CreatedAndWritable_Passes()
    {
        using var home = new TempDirectory();
        var context = DoctorContexts.Create(home, new FakeCommandRunner());

        var result = await Run(new StagingDirectoryCheck(), context);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Empty(Directory.EnumerateFileSystemEntries(context.StagingDirectory)); // the probe file is gone
    }

    [Fact]
    public async Task StagingDirectory_PathIsAFile_Fails()
    {
        using var home = new TempDirectory();
        var context = DoctorContexts.Create(home, new FakeCommandRunner());
        Directory.CreateDirectory(Path.GetDirectoryName(context.StagingDirectory)!);
        File.WriteAllText(context.StagingDirectory, "a file where the directory should be");

        Assert.Equal(CheckStatus.Fail, (await Run(new StagingDirectoryCheck(), context)).Status);
    }

    [Theory]
    [InlineData(512L << 20, CheckStatus.Fail)]
    [InlineData(3L << 30, CheckStatus.Warn)]
    [InlineData(50L << 30, CheckStatus.Pass)]
    public async Task DiskSpace_Thresholds(long free, CheckStatus expected)
    {
        using var home = new TempDirectory();
        Assert.Equal(expected, (await Run(new DiskSpaceCheck(), DoctorContexts.Create(home, new FakeCommandRunner(), freeBytes: free))).Status);
    }

    [Fact]
    public async Task AutoLogin_SetForThisUser_Passes()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner().On("defaults", ["read", "/Library/Preferences/com.apple.loginwindow", "autoLoginUser"], FakeCommandRunner.Ok("line\n"));

        Assert.Equal(CheckStatus.Pass, (await Run(new AutoLoginCheck(), DoctorContexts.Create(home, runner))).Status);
    }

    [Fact]
    public async Task AutoLogin_OffWithFileVault_FailsNamingFileVault()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner()
            .On("defaults", ["read"], FakeCommandRunner.Exit(1, "The domain/default pair of (/Library/Preferences/com.apple.loginwindow, autoLoginUser) does not exist"))
            .On("fdesetup", ["status"], FakeCommandRunner.Ok("FileVault is On.\n"));

        var result = await Run(new AutoLoginCheck(), DoctorContexts.Create(home, runner));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("FileVault", result.Detail);
        Assert.Contains("sysadminctl -autologin set -userName line", result.Fix);
        Assert.Contains(SystemSettings.UsersAndGroups, result.Fix);
    }

    [Fact]
    public async Task AutoLogin_SetForAnotherUser_Fails()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner().On("defaults", ["read"], FakeCommandRunner.Ok("admin\n"));

        var result = await Run(new AutoLoginCheck(), DoctorContexts.Create(home, runner));

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("'admin', not 'line'", result.Detail);
    }

    private const string Pmset = """
        System-wide power settings:
        Currently in use:
         standby              0
         Sleep On Power Button 1
         womp                 1
         autorestart          {0}
         hibernatemode        0
         powernap             0
         disksleep            10
         sleep                {1}
         ttyskeepawake        1
         displaysleep         10
        """;

    [Theory]
    [InlineData("1", "0", CheckStatus.Pass)]
    [InlineData("0", "0", CheckStatus.Warn)]
    [InlineData("1", "10", CheckStatus.Fail)]
    [InlineData("1", "1 (sleep prevented by caffeinate, powerd)", CheckStatus.Warn)]
    public async Task Sleep_NeverSleepingAndAutorestartPass(string autorestart, string sleep, CheckStatus expected)
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner().On("pmset", ["-g"], FakeCommandRunner.Ok(string.Format(Pmset, autorestart, sleep)));

        var result = await Run(new SleepCheck(), DoctorContexts.Create(home, runner));

        Assert.Equal(expected, result.Status);
        if (expected == CheckStatus.Fail) Assert.Contains("sudo pmset -a sleep 0", result.Fix);
    }

    [Fact]
    public void PmsetParse_ReadsMultiWordNamesAndNotes()
    {
        var settings = SleepCheck.Parse(string.Format(Pmset, "1", "1 (sleep prevented by caffeinate)"));
        Assert.Equal(1, settings["Sleep On Power Button"].Value);
        Assert.Equal("(sleep prevented by caffeinate)", settings["sleep"].Note);
    }

    [Fact]
    public async Task LaunchAgent_States()
    {
        using var home = new TempDirectory();
        var running = new FakeCommandRunner().On("launchctl", ["print", "gui/501/com.lineagent.agent"], FakeCommandRunner.Ok("x = {\n\tstate = running\n\tpid = 9\n}"));
        var stopped = new FakeCommandRunner().On("launchctl", ["print"], FakeCommandRunner.Ok("x = {\n\tstate = not running\n\tlast exit code = 78\n}"));
        var missing = new FakeCommandRunner().On("launchctl", ["print"], FakeCommandRunner.Exit(113, "Could not find service"));

        var ok = await Run(new LaunchAgentCheck(), DoctorContexts.Create(home, running));
        var down = await Run(new LaunchAgentCheck(), DoctorContexts.Create(home, stopped));
        var absent = await Run(new LaunchAgentCheck(), DoctorContexts.Create(home, missing));

        Assert.Equal((CheckStatus.Pass, "gui/501/com.lineagent.agent running (pid 9)"), (ok.Status, ok.Detail));
        Assert.Equal(CheckStatus.Fail, down.Status);
        Assert.Contains("last exit code 78", down.Detail);
        Assert.Contains("launchctl kickstart -k gui/501/com.lineagent.agent", down.Fix);
        Assert.Equal((CheckStatus.Fail, "lineagent install"), (absent.Status, absent.Fix));
    }

    [Fact]
    public async Task StatePermissions_JournalReadableByOthers_FailsWithTheChmodFix_ThenPasses()
    {
        using var home = new TempDirectory();
        var context = DoctorContexts.Create(home, new FakeCommandRunner(), isMacOS: false);
        Directory.CreateDirectory(context.StateDirectory);
        File.SetUnixFileMode(context.StateDirectory, (UnixFileMode)0b111_101_101); // 0755
        var journal = Path.Combine(context.StateDirectory, "journal.db");
        File.WriteAllText(journal, "");
        File.SetUnixFileMode(journal, (UnixFileMode)0b110_100_100); // 0644

        var result = await Run(new StatePermissionsCheck(), context);
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("journal.db 0644", result.Detail);
        Assert.Contains(". 0755", result.Detail);
        Assert.Equal($"chmod -R go-rwx '{context.StateDirectory}'", result.Fix);

        LineAgent.Agent.Configuration.PrivateStateDirectory.Tighten(context.StateDirectory); // what the fix does
        Assert.Equal(CheckStatus.Pass, (await Run(new StatePermissionsCheck(), context)).Status);
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(journal));
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(context.StateDirectory));
    }
}

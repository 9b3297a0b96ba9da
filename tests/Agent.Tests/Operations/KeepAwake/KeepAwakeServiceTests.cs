using LineAgent.Agent.Operations.KeepAwake;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.Operations.KeepAwake;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class KeepAwakeServiceTests
{
    [Fact]
    public async Task Start_OnMac_RunsCaffeinateWatchingThisProcess_AndStopEndsIt()
    {
        using var directory = new TempDirectory();
        var argv = directory.Combine("argv");
        var fake = directory.Combine("caffeinate");
        File.WriteAllText(fake, $"#!/bin/sh\necho \"$@\" > '{argv}'\nexec sleep 600\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var service = new KeepAwakeService(Options.Create(new KeepAwakeOptions { CaffeinatePath = fake }),
            NullLogger<KeepAwakeService>.Instance, isMacOS: true);

        await service.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(File.Exists(argv) && File.ReadAllText(argv).Length > 0) && DateTime.UtcNow < deadline) await Task.Delay(20);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal($"-i -w {Environment.ProcessId}", File.ReadAllText(argv).Trim());
        Assert.True(service.Child!.HasExited);
    }

    [Fact]
    public async Task Start_NotMacOrDisabled_StartsNothing()
    {
        using var onLinux = new KeepAwakeService(Options.Create(new KeepAwakeOptions()), NullLogger<KeepAwakeService>.Instance, isMacOS: false);
        using var disabled = new KeepAwakeService(Options.Create(new KeepAwakeOptions { Enabled = false }), NullLogger<KeepAwakeService>.Instance, isMacOS: true);

        await onLinux.StartAsync(CancellationToken.None);
        await disabled.StartAsync(CancellationToken.None);

        Assert.Null(onLinux.Child);
        Assert.Null(disabled.Child);
    }

    [Fact]
    public async Task Start_CaffeinateMissing_IsNotFatal()
    {
        using var service = new KeepAwakeService(Options.Create(new KeepAwakeOptions { CaffeinatePath = "/nonexistent/caffeinate" }),
            NullLogger<KeepAwakeService>.Instance, isMacOS: true);

        await service.StartAsync(CancellationToken.None);

        Assert.Null(service.Child);
    }
}

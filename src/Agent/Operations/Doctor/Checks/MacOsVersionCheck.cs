namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>macOS 13 Ventura or later: the oldest chat.db schema and AppleScript dictionary LineAgent supports.</summary>
public sealed class MacOsVersionCheck : DoctorCheck
{
    /// <summary>Oldest supported major version.</summary>
    public const int MinimumMajor = 13;

    public override string Id => "macos-version";
    public override string Title => "macOS version";

    public override async Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.IsMacOS) return NotApplicable("Messages and chat.db exist only on macOS (the sandbox simulates them)");
        var product = await context.Runner.RunAsync("/usr/bin/sw_vers", ["-productVersion"], cancellationToken: cancellationToken);
        if (!product.Succeeded) return Fail($"sw_vers failed: {product.FirstErrorLine()}", "run /usr/bin/sw_vers by hand to see why");
        var version = product.StandardOutput.Trim();
        var build = await context.Runner.RunAsync("/usr/bin/sw_vers", ["-buildVersion"], cancellationToken: cancellationToken);
        var shown = build.Succeeded ? $"macOS {version} ({build.StandardOutput.Trim()})" : $"macOS {version}";
        if (!int.TryParse(version.Split('.')[0], out var major))
            return Fail($"cannot read the version from sw_vers: '{version}'", "run /usr/bin/sw_vers -productVersion by hand");
        return major >= MinimumMajor
            ? Pass(shown)
            : Fail($"{shown} is older than macOS {MinimumMajor}", $"upgrade to macOS {MinimumMajor} (Ventura) or later: System Settings › General › Software Update");
    }
}

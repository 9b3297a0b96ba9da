using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using LineAgent.Agent.Operations.Launchd;

namespace LineAgent.Agent.Cli;

/// <summary>Options several verbs share, built the same way everywhere (one definition, one message per mistake).</summary>
internal static partial class CliOptions
{
    /// <summary>--json: machine-readable output instead of text for a terminal.</summary>
    public static Option<bool> Json(string description = "print JSON instead of text") => new("--json") { Description = description };

    /// <summary>--label LABEL: the LaunchAgent's label, reverse-DNS characters only (it becomes a file name and a launchctl target).</summary>
    public static Option<string> Label()
    {
        var option = new Option<string>("--label")
        {
            Description = $"the LaunchAgent's label (default {LaunchAgentDefinition.DefaultLabel})",
            HelpName = "LABEL",
            DefaultValueFactory = _ => LaunchAgentDefinition.DefaultLabel,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } label && !LabelPattern().IsMatch(label))
                result.AddError($"--label must be reverse-DNS style (letters, digits, '.', '-', '_'), not '{label}'");
        });
        return option;
    }

    /// <summary>--launchctl PATH: the launchctl to run (tests substitute a script).</summary>
    public static Option<string> Launchctl() => new("--launchctl")
    {
        Description = $"launchctl to run (default {Operations.Launchd.Launchctl.DefaultProgram})",
        HelpName = "PATH",
        DefaultValueFactory = _ => Operations.Launchd.Launchctl.DefaultProgram,
    };

    /// <summary>A whole-number option within [min, max], with a message that says so (not the parser's type name).</summary>
    public static Option<T> Number<T>(string name, string description, T min, T max, T? fallback = null, string helpName = "N")
        where T : struct, INumber<T>
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                    return value;
                result.AddError($"{name} must be a whole number from {min} to {max}, not '{text}'");
                return default;
            },
        };
        if (fallback is { } f) option.DefaultValueFactory = _ => f;
        return option;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*\\z")]
    internal static partial Regex LabelPattern();
}

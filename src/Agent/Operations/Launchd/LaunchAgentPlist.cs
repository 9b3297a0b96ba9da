using System.Globalization;
using System.Reflection;
using System.Security;
using System.Text;
using System.Xml;

namespace LineAgent.Agent.Operations.Launchd;

/// <summary>Renders launchd/com.lineagent.agent.plist.template with a <see cref="LaunchAgentDefinition"/>.</summary>
public static class LaunchAgentPlist
{
    private const string ResourceName = "LineAgent.launchd.plist.template";

    /// <summary>The template embedded in the executable (the same file ships in launchd/ and the bundle's Resources).</summary>
    public static string EmbeddedTemplate()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Fills the template. Every value is XML-escaped, so a path or variable containing &lt;, &amp; or quotes cannot
    /// change the plist's structure. Throws <see cref="ArgumentException"/> for values XML cannot carry (control
    /// characters) and <see cref="FormatException"/> when the template has an unknown placeholder.
    /// </summary>
    public static string Render(LaunchAgentDefinition definition, string? template = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(definition.Label);
        if (definition.ProgramArguments.Count == 0)
            throw new ArgumentException("ProgramArguments needs at least the program path", nameof(definition));
        if (definition.ThrottleInterval < 1)
            throw new ArgumentException("ThrottleInterval must be at least 1 second", nameof(definition));

        var values = new Dictionary<string, string>
        {
            ["LABEL"] = Escape(definition.Label),
            ["PROGRAM_ARGUMENTS"] = string.Join('\n', definition.ProgramArguments.Select(a => $"    <string>{Escape(a)}</string>")),
            ["WORKING_DIRECTORY"] = Escape(definition.WorkingDirectory),
            ["THROTTLE_INTERVAL"] = definition.ThrottleInterval.ToString(CultureInfo.InvariantCulture),
            ["BUNDLE_IDENTIFIER"] = Escape(definition.BundleIdentifier),
            ["STANDARD_OUT_PATH"] = Escape(definition.StandardOutPath),
            ["STANDARD_ERROR_PATH"] = Escape(definition.StandardErrorPath),
            ["ENVIRONMENT_VARIABLES"] = string.Join('\n', definition.EnvironmentVariables
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => $"    <key>{Escape(e.Key)}</key>\n    <string>{Escape(e.Value)}</string>")),
        };

        var text = template ?? EmbeddedTemplate();
        var output = new StringBuilder(text.Length + 512);
        var position = 0;
        while (true)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0) break;
            var close = text.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0) throw new FormatException($"unterminated placeholder at offset {open} of the plist template");
            var name = text[(open + 2)..close];
            if (!values.TryGetValue(name, out var value))
                throw new FormatException($"unknown placeholder {{{{{name}}}}} in the plist template");
            output.Append(text, position, open - position).Append(value);
            position = close + 2;
        }
        output.Append(text, position, text.Length - position);
        return output.ToString();
    }

    private static string Escape(string value)
    {
        try
        {
            XmlConvert.VerifyXmlChars(value);
        }
        catch (XmlException)
        {
            throw new ArgumentException($"value cannot be stored in a plist (control character): {value.Replace("\0", "\\0")}");
        }
        return SecurityElement.Escape(value);
    }
}

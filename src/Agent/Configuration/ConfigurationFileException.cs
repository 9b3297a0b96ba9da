using System.Text.Json;

namespace LineAgent.Agent.Configuration;

/// <summary>
/// A configuration file (appsettings.json, &lt;state dir&gt;/config.json) that cannot be read as JSON: reported as one
/// line naming the file and the line (exit 78), never as a stack trace.
/// </summary>
public sealed class ConfigurationFileException(string message, Exception inner) : ConfigurationException(message, inner)
{
    /// <summary>
    /// Wraps the configuration library's load failure ("Failed to load configuration from file '…'") when it concerns
    /// one of <paramref name="files"/>; null for anything else.
    /// </summary>
    public static ConfigurationFileException? From(InvalidDataException exception, IEnumerable<string> files)
    {
        var file = files.FirstOrDefault(f => exception.Message.Contains(f, StringComparison.Ordinal));
        if (file is null)
            return null;
        var json = Inner<JsonException>(exception);
        // JsonException counts lines and bytes from 0.
        var where = json?.LineNumber is { } line ? $", line {line + 1}" + (json.BytePositionInLine is { } column ? $" column {column + 1}" : "") : "";
        var reason = json is not null ? FirstSentence(json.Message) : FirstSentence(Inner<FormatException>(exception)?.Message ?? exception.Message);
        return new ConfigurationFileException($"{file}{where}: not valid JSON ({reason}); fix or delete the file", exception);
    }

    private static T? Inner<T>(Exception exception) where T : Exception
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
            if (e is T match) return match;
        return null;
    }

    /// <summary>System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …", said better above.</summary>
    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd('.', ' ', '|');
    }
}

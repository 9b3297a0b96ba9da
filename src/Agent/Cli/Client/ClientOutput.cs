using Google.Protobuf;

namespace LineAgent.Agent.Cli.Client;

/// <summary>
/// A client verb's output: human lines for a terminal, or with --json one JSON object per result (protobuf JSON:
/// lowerCamelCase names, every field written, as buf curl and grpcurl show them).
/// </summary>
internal sealed class ClientOutput(TextWriter writer, bool json)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public bool Json => json;

    public TextWriter Writer => writer;

    /// <summary>The message as one JSON line with --json, else the human text.</summary>
    public void Write(IMessage message, Func<string> human)
    {
        writer.WriteLine(json ? Formatter.Format(message) : human());
        writer.Flush();
    }

    /// <summary>A line of human text (ignored with --json, where every result is JSON).</summary>
    public void Note(string line)
    {
        if (json) return;
        writer.WriteLine(line);
    }
}

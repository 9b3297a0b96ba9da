namespace LineAgent.FakeMessages.Ax;

/// <summary><c>fake-messages ax-serve --socket PATH [--macos 26] [--locale en]</c>: serves the simulated UI until stdin closes.</summary>
public static class AxServe
{
    public static async Task<int> RunAsync(string chatDbPath, string configPath, string[] args)
    {
        string? socket = null;
        var version = MacVersion.V26;
        var locale = "en";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--socket": socket = args[i + 1]; break;
                case "--macos" when Enum.TryParse<MacVersion>("V" + args[i + 1], out var v) && Enum.IsDefined(v): version = v; break;
                case "--locale" when AxLocalisation.Locales.Contains(args[i + 1]): locale = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"ax-serve: bad option {args[i]} {args[i + 1]}");
                    return 2;
            }
        }
        if (socket is null || args.Length % 2 != 0)
        {
            Console.Error.WriteLine("usage: fake-messages ax-serve --socket <path> [--macos 13|14|15|26] [--locale en|de|fr]");
            return 2;
        }
        using var ui = new FakeMessagesUi(chatDbPath, configPath) { Version = version, Locale = locale };
        await using var server = AxServer.Start(ui, socket);
        // Served until the parent closes our stdin (or kills us).
        await Console.In.ReadToEndAsync();
        return 0;
    }
}

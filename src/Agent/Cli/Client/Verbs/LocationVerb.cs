using System.CommandLine;
using System.Globalization;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent location --to H --lat 48.85 --lon 2.35 [--name N]`: SendLocation.</summary>
internal sealed class LocationVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "location";
    protected override string Summary => "Send a location pin (SendLocation)";
    protected override string Details => "Examples:\n  lineagent location --to +15555550123 --lat 48.8584 --lon 2.2945 --name \"Eiffel Tower\"";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var to = Receipts.To();
        var chat = Receipts.Chat();
        var latitude = Coordinate("--lat", "latitude in degrees, -90 to 90", 90);
        var longitude = Coordinate("--lon", "longitude in degrees, -180 to 180", 180);
        var name = new Option<string>("--name") { Description = "the place's name", HelpName = "NAME" };
        var key = Receipts.Key();
        foreach (var option in new Option[] { to, chat, latitude, longitude, name, key })
            verb.Options.Add(option);
        Receipts.RequireOneTarget(verb, to, chat);
        return async (parse, call, cancellationToken) =>
        {
            var request = new Proto.SendLocationRequest
            {
                IdempotencyKey = parse.GetValue(key)!, Latitude = parse.GetValue(latitude), Longitude = parse.GetValue(longitude),
                Name = parse.GetValue(name) ?? "",
            };
            if (parse.GetValue(to) is { } handle) request.To = handle;
            else request.ChatGuid = parse.GetValue(chat)!;
            var receipt = await call.Client.SendLocationAsync(request, cancellationToken: cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }

    private static Option<double> Coordinate(string name, string description, double limit) => new(name)
    {
        Description = description,
        HelpName = "DEGREES",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) <= limit)
                return value;
            result.AddError($"{name} must be a number from -{limit} to {limit}, not '{text}'");
            return 0;
        },
    };
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineAgent.Agent.Events;

/// <summary>An enum as its snake_case wire name ("group_event", "participant_added"); see <see cref="WireNames"/>.</summary>
public sealed class WireEnumConverter<T>() : JsonStringEnumConverter<T>(WireNames.Policy, allowIntegerValues: false)
    where T : struct, Enum;

/// <summary>The wire names of enum values, the same in JSON and in the gRPC messages' string fields.</summary>
public static class WireNames
{
    /// <summary>How an enum member's name becomes its wire name: snake_case, lower case.</summary>
    public static JsonNamingPolicy Policy => JsonNamingPolicy.SnakeCaseLower;

    /// <summary>The wire name of <paramref name="value"/> ("message", "love", "participant_added" …).</summary>
    public static string Of<T>(T value) where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name) ? name : Policy.ConvertName(value.ToString());

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().ToDictionary(v => v, v => Policy.ConvertName(v.ToString()));
    }
}

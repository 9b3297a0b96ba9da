using System.ComponentModel.DataAnnotations;
using LineAgent.Agent.Line;

namespace LineAgent.Agent.Outbox.Canary;

/// <summary>
/// The fleet canary (section "Canary"): every <see cref="Interval"/> the line sends a short text to <see cref="Peer"/>
/// (ideally another line of the fleet) through the outbox and watches for its delivery receipt;
/// <see cref="MissesToDegrade"/> misses in a row mark the line degraded (canary_not_delivered). Off unless Peer is set.
/// </summary>
public sealed class CanaryOptions : IValidatableObject
{
    public const string Section = "Canary";

    /// <summary>The handle canaries go to: an E.164 number or an email address. Unset or empty (the default): no canary.</summary>
    public string? Peer { get; set; }

    /// <summary>One round per interval (rounds are aligned per line, so a restart never sends a round twice). Default: 15 min.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A canary not delivered within this of being sent is a miss. Default: 2 min (iMessage delivers in seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "12:00:00")]
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Misses in a row that mark the line degraded; one delivered canary clears it. Default: 3.</summary>
    [Range(1, 100)]
    public int MissesToDegrade { get; set; } = 3;

    /// <summary>
    /// How long a round waits for customer sends to leave the queue before it gives way (a skip, reason "busy"): the
    /// canary never delays customer traffic by more than its one paced send. 0 = skip at once when anything is queued.
    /// Default: 1 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan YieldFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>True when a peer is configured.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Peer))]
    public bool Enabled => !string.IsNullOrEmpty(Peer);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
            yield break;
        if (!HandleSyntax.IsHandle(Peer))
            yield return new ValidationResult(
                $"\"{Shorten(Peer)}\" is neither an E.164 phone number (\"+15551234567\") nor an email address", [nameof(Peer)]);
        if (DeliveryTimeout + YieldFor >= Interval)
            yield return new ValidationResult(
                $"DeliveryTimeout ({DeliveryTimeout}) plus YieldFor ({YieldFor}) must be shorter than Interval ({Interval}): a round must end before the next starts",
                [nameof(DeliveryTimeout)]);
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..61] + "…";
}

namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>AXError codes as AXError.h defines them (macOS SDK, HIServices); the remote fake uses the same names.</summary>
public enum AxError
{
    Success = 0,
    Failure = -25200,
    IllegalArgument = -25201,
    /// <summary>The element is gone (re-rendered, scrolled away, window closed): find it again, never act on a guess.</summary>
    InvalidUIElement = -25202,
    InvalidUIElementObserver = -25203,
    /// <summary>Messages did not answer in time. For an action this does NOT mean it failed (Apple: PerformAction discussion).</summary>
    CannotComplete = -25204,
    AttributeUnsupported = -25205,
    ActionUnsupported = -25206,
    NotificationUnsupported = -25207,
    NotImplemented = -25208,
    NotificationAlreadyRegistered = -25209,
    NotificationNotRegistered = -25210,
    /// <summary>Accessibility is not granted to this process (or the API is off).</summary>
    APIDisabled = -25211,
    /// <summary>The attribute exists but has no value (e.g. an empty compose field).</summary>
    NoValue = -25212,
    ParameterizedAttributeUnsupported = -25213,
    NotEnoughPrecision = -25214,
}

/// <summary>An accessibility call failed with <see cref="Error"/>; <see cref="Operation"/> names the call (never message text).</summary>
public sealed class AxException(AxError error, string operation)
    : Exception($"{operation} failed: {error} ({(int)error})")
{
    public AxError Error { get; } = error;

    public string Operation { get; } = operation;

    /// <summary>Maps a raw AXError number (unknown numbers become <see cref="AxError.Failure"/>).</summary>
    public static AxError FromCode(int code) => Enum.IsDefined(typeof(AxError), code) ? (AxError)code : AxError.Failure;
}

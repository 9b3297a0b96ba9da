using System.Text.RegularExpressions;

namespace LineAgent.Agent.Line;

/// <summary>
/// What a handle (a recipient Messages can address) looks like: an E.164 phone number or a conservative email address,
/// each matched against the whole string. One definition for the API's validation and the configuration's.
/// </summary>
public static partial class HandleSyntax
{
    /// <summary>Longest email address (RFC 5321 path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Longest email local part (RFC 5321).</summary>
    public const int MaxEmailLocalPartLength = 64;

    // Every pattern is anchored with \z, not $: in .NET "$" also matches before a final "\n", which let
    // "+15555550123\n" through and made Messages open a separate chat for it.

    // E.164: '+', a non-zero country code digit, at most 15 digits in all. [0-9], not \d (which takes any script's digits).
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z")]
    private static partial Regex PhonePattern();

    // A conservative email grammar, ASCII only: a dot-atom local part of letters, digits and . _ % + - (no quotes,
    // no spaces, no leading, trailing or doubled dot) and a domain of LDH labels with an alphabetic top-level label.
    // Quotes, controls, bidi and zero-width characters can therefore never reach Messages as a recipient.
    [GeneratedRegex(@"^[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\z")]
    private static partial Regex EmailPattern();

    /// <summary>An E.164 number, the whole string.</summary>
    public static bool IsPhoneNumber(string handle) => PhonePattern().IsMatch(handle);

    /// <summary>An address of the conservative grammar above, the whole string.</summary>
    public static bool IsEmailAddress(string handle) =>
        handle.Length <= MaxEmailLength && handle.IndexOf('@') is > 0 and <= MaxEmailLocalPartLength && EmailPattern().IsMatch(handle);

    /// <summary>Either of the two.</summary>
    public static bool IsHandle(string handle) => IsPhoneNumber(handle) || IsEmailAddress(handle);
}

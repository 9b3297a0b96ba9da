using LineAgent.Agent.Attachments;
using LineAgent.Agent.Cli.Commands;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Grpc.Validation;

namespace LineAgent.Agent.Tests.Grpc.Validation;

/// <summary>
/// Every validator against the characters that disguise or smuggle input: a trailing newline (.NET's "$" matches
/// before it), quotes, a control character, zero-width characters and bidirectional overrides.
/// </summary>
public sealed class HostileInputTests
{
    /// <summary>Hostile variants of a valid <paramref name="value"/>: appended, prepended and inserted.</summary>
    public static IEnumerable<string> Variants(string value)
    {
        string[] hostile = ["\n", "\r\n", "\"", "'", "\u0000", "\u0007", "\u007F", "\u200B", "\u200D", "\uFEFF", "\u202E", "\u2066", "\u200F"];
        foreach (var h in hostile)
        {
            yield return value + h;
            yield return h + value;
            yield return value[..(value.Length / 2)] + h + value[(value.Length / 2)..];
        }
    }

    private static void AssertAllRefused(string valid, Func<string, bool> accepts)
    {
        Assert.True(accepts(valid), $"the valid value \"{valid}\" must be accepted");
        var accepted = Variants(valid).Where(accepts).Select(v => Uri.EscapeDataString(v)).ToList();
        Assert.True(accepted.Count == 0, $"accepted hostile variants of {valid}: {string.Join(", ", accepted)}");
    }

    private static Func<string, bool> Passes(Action<string> validate) => value =>
    {
        try
        {
            validate(value);
            return true;
        }
        catch (InvalidFieldException)
        {
            return false;
        }
    };

    [Theory]
    [InlineData("+15555550123")]
    [InlineData("+442079460958")]
    [InlineData("someone@example.com")]
    [InlineData("first.last+tag@mail.example.co.uk")]
    public void Handle_HostileVariants_AreRefused(string valid) =>
        AssertAllRefused(valid, Passes(h => Fields.Handle(h, "to")));

    [Theory]
    [InlineData("x\"&quit&\"@example.com")]
    [InlineData("\"x\"@example.com")]
    [InlineData("o'brien@example.com")]
    [InlineData("a b@example.com")]
    [InlineData(".a@example.com")]
    [InlineData("a.@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("a@example")]
    [InlineData("a@-example.com")]
    [InlineData("a@example.c0m")]
    [InlineData("a@exämple.com")]
    [InlineData("+1555O550123")]
    [InlineData("+०१२३४५६७८९")]          // Devanagari digits: \d would take them
    [InlineData("+05555550123")]
    [InlineData("15555550123")]
    [InlineData("+1234567890123456")]    // 16 digits
    public void Handle_OutsideTheGrammar_IsRefused(string handle)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => Fields.Handle(handle, "to"));
        Assert.Equal("to", ex.Field);
    }

    [Theory]
    [InlineData("+1234567")]          // 7 digits: the shortest accepted
    [InlineData("+123456789012345")]  // 15 digits: the longest
    public void Handle_E164Boundaries_AreAccepted(string handle) => Fields.Handle(handle, "to");

    [Fact]
    public void LocationName_HostileVariantsOtherThanQuotes_AreRefused()
    {
        // The pin's name is shown to the recipient; quotes are ordinary there ("Joe's Pizza"), invisible
        // formatting and controls are not.
        var validator = new SendRequestValidator(null!); // a location never looks up attachments
        var accepts = Passes(name => validator.Validate(new LineAgent.Protocol.V1.SendLocationRequest
        {
            IdempotencyKey = "k", To = "+15555550123", Latitude = 48.85, Longitude = 2.35, Name = name,
        }));
        Assert.True(accepts("Joe's \"Pizza\""));
        var accepted = Variants("Office, 5th floor").Where(v => !v.Contains('"') && !v.Contains('\'')).Where(accepts)
            .Select(Uri.EscapeDataString).ToList();
        Assert.True(accepted.Count == 0, $"accepted: {string.Join(", ", accepted)}");
    }

    [Fact]
    public void Handle_EmailLengthLimits_AreEnforced()
    {
        var local64 = new string('a', 64);
        Fields.Handle(local64 + "@example.com", "to");
        Assert.Throws<InvalidFieldException>(() => Fields.Handle(local64 + "a@example.com", "to"));
        var longDomain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".com"; // 247 characters
        Assert.Throws<InvalidFieldException>(() => Fields.Handle("abcdefgh@" + longDomain, "to")); // 256
        Fields.Handle("abcdef@" + longDomain, "to"); // 254: the longest
    }

    [Theory]
    [InlineData("iMessage;-;+15555550123")]
    [InlineData("iMessage;+;chat123456789")]
    [InlineData("any;-;someone@example.com")]
    [InlineData("SMS;-;+15555550123")]
    public void ChatGuid_HostileVariants_AreRefused(string valid) =>
        AssertAllRefused(valid, Passes(g => Fields.ChatGuid(g, "chat_guid")));

    [Theory]
    [InlineData("3F2A6C1E-0B7D-4E5A-9C3B-1D2E3F4A5B6C")]
    [InlineData("p:0/3F2A6C1E-0B7D-4E5A-9C3B-1D2E3F4A5B6C")]
    public void Guid_HostileVariants_AreRefused(string valid) =>
        AssertAllRefused(valid, Passes(g => Fields.Guid(g, "message_guid", "message")));

    [Fact]
    public void IdempotencyKey_HostileVariants_AreRefusedButPrintableAsciiQuotesAreOpaqueData()
    {
        // The key is documented as 1–128 printable ASCII characters and is only ever compared, never shown to
        // Messages, so quotes stay allowed; everything else hostile is refused.
        Fields.IdempotencyKey("order-\"42\"-'a'");
        var accepts = Passes(k => Fields.IdempotencyKey(k));
        var accepted = Variants("order-42").Where(v => !v.All(c => c is >= '!' and <= '~')).Where(accepts).ToList();
        Assert.Empty(accepted);
    }

    [Theory]
    [InlineData("photo.jpg")]
    [InlineData("Café Menü.jpg")]
    public void UploadFileName_HostileVariants_AreRefusedExceptQuotes(string valid)
    {
        // Quotes are ordinary in file names ("Bob's party.jpg") and travel as argv, never as script source.
        Assert.NotNull(AttachmentFileNames.Validate("Bob's \"party\".jpg", out _));
        Assert.NotNull(AttachmentFileNames.Validate(valid, out _));
        var accepted = Variants(valid)
            .Where(v => !v.Contains('"') && !v.Contains('\''))
            .Where(v => AttachmentFileNames.Validate(v, out _) is not null)
            .Select(Uri.EscapeDataString).ToList();
        Assert.True(accepted.Count == 0, $"accepted: {string.Join(", ", accepted)}");
    }

    [Theory]
    [InlineData("invoice\u202Egpj.exe")]
    [InlineData("pho\u200Bto.jpg")]
    [InlineData("photo\u2066.jpg")]
    [InlineData("flag\U000E0067.jpg")] // a tag character (supplementary plane, category Cf)
    public void UploadFileName_InvisibleFormatting_IsRefusedWithTheReason(string name)
    {
        Assert.Null(AttachmentFileNames.Validate(name, out var problem));
        Assert.Contains("invisible formatting", problem);
    }

    [Fact]
    public void MimeTypeShaAndAttachmentId_HostileVariants_AreRefused()
    {
        AssertAllRefused("image/jpeg", Fields.IsMimeType);
        AssertAllRefused(new string('a', 64), Fields.IsSha256Hex);
        AssertAllRefused("att_" + new string('0', 32), AttachmentStore.IsWellFormedId);
    }

    [Fact]
    public void InstallEnvironmentNameAndLabel_HostileVariants_AreRefused()
    {
        AssertAllRefused("LINEAGENT_GRPC_TOKEN", InstallCommand.VariableName().IsMatch);
        AssertAllRefused("com.lineagent.agent", LineAgent.Agent.Cli.CliOptions.LabelPattern().IsMatch);
    }
}

using LineAgent.ChatDbReader.Plist;
using LineAgent.ChatDbReader.Time;
using LineAgent.FakeChatDb;
using LineAgent.ChatDbReader.Tests.Support;

namespace LineAgent.ChatDbReader.Tests.Plist;

public class MessageSummaryInfoTests
{
    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Parse_CorpusDeleted_ReportsUnsentPartWithoutHistory()
    {
        var info = MessageSummaryInfo.Parse(PlistCorpus.EditedMessage("Deleted.plist"));

        Assert.Null(info.Error);
        Assert.Equal([0], info.UnsentParts);
        Assert.True(info.HasUnsentParts);
        Assert.False(info.HasEdits);
        Assert.Empty(info.EditHistory);
        Assert.Empty(info.EditedParts);
        Assert.Equal(new OriginalTextRange(0, 13), info.OriginalTextRanges[0]);
        Assert.Equal(0L, info.Amc);
        Assert.True(info.Ust);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Parse_CorpusEdited_GivesFourVersionsOldestFirst()
    {
        var info = MessageSummaryInfo.Parse(PlistCorpus.EditedMessage("Edited.plist"));

        Assert.Null(info.Error);
        Assert.Equal([0], info.EditedParts);
        Assert.Empty(info.UnsentParts);
        Assert.Equal(new OriginalTextRange(0, 15), info.OriginalTextRanges[0]);
        var versions = info.EditHistory[0];
        Assert.Equal(4, versions.Count);
        Assert.All(versions, v => Assert.Null(v.BalloonMessageGuid));
        Assert.All(versions, v => Assert.True(v.AttributedBody.AsSpan().StartsWith("\x04\x0Bstreamtyped"u8)));

        // d = 690513474.2725511 s since 2001 (imessage-exporter expects 690513474 whole seconds).
        Assert.Equal(AppleTime.Epoch.AddTicks(6_905_134_742_725_511), versions[0].Date);
        Assert.Equal(new DateTimeOffset(2022, 11, 19, 1, 17, 54, TimeSpan.Zero), TruncateToSecond(versions[0].Date!.Value));
        Assert.Equal([690513474L, 690513480L, 690513485L, 690513494L],
            versions.Select(v => (long)AppleTime.ToSeconds(v.Date!.Value)));
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Parse_CorpusEdited_DecodesEachVersionsTypedStreamText()
    {
        var versions = MessageSummaryInfo.Parse(PlistCorpus.EditedMessage("Edited.plist")).EditHistory[0];

        Assert.Equal(["First message  ", "Edit 1", "Edit 2", "Edited message"], versions.Select(v => v.Text));
        Assert.All(versions, v => Assert.Null(v.TextError));
        Assert.Equal(0L, versions[0].Body!.Runs[0].Attributes["__kIMMessagePartAttributeName"]);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Parse_CorpusEditedToLink_KeepsPartIndexAndBalloonGuid()
    {
        var info = MessageSummaryInfo.Parse(PlistCorpus.EditedMessage("EditedToLink.plist"));

        Assert.Null(info.Error);
        Assert.Equal([1], info.EditedParts);
        Assert.Equal(["+0000000000"], info.Euh);
        Assert.Equal(new OriginalTextRange(0, 1), info.OriginalTextRanges[0]);
        Assert.Equal(new OriginalTextRange(1, 11), info.OriginalTextRanges[1]);
        Assert.False(info.EditHistory.ContainsKey(0));
        var versions = info.EditHistory[1];
        Assert.Null(versions[0].BalloonMessageGuid);
        Assert.Equal("292BF9C6-C9B8-4827-BE65-6EA1C9B5B384", versions[1].BalloonMessageGuid);
        Assert.Equal(690514772L, (long)AppleTime.ToSeconds(versions[1].Date!.Value));
        Assert.Equal(["here we go!", "https://github.com/ReagentX/imessage-exporter/issues/10"], versions.Select(v => v.Text));
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Parse_CorpusEditedToLinkAndBack_GivesThreeVersions()
    {
        var info = MessageSummaryInfo.Parse(PlistCorpus.EditedMessage("EditedToLinkAndBack.plist"));

        Assert.Null(info.Error);
        var versions = info.EditHistory[0];
        Assert.Equal([null, "0B9103FE-280C-4BD0-A66F-4EDEE3443247", "0D93DF88-05BA-4418-9B20-79918ADD9923"],
            versions.Select(v => v.BalloonMessageGuid));
        Assert.Equal(
            ["This is a normal message", "Edit to a url https://github.com/ReagentX/imessage-exporter/issues/10", "And edit it back to a normal message..."],
            versions.Select(v => v.Text));
    }

    [Fact]
    public void Parse_NullOrEmpty_IsEmptyWithoutError()
    {
        Assert.Same(MessageSummaryInfo.Empty, MessageSummaryInfo.Parse(null));
        Assert.Same(MessageSummaryInfo.Empty, MessageSummaryInfo.Parse([]));
        Assert.Null(MessageSummaryInfo.Empty.Error);
    }

    [Fact]
    public void Parse_NotAPlist_SetsErrorAndNothingElse()
    {
        var info = MessageSummaryInfo.Parse("not a plist at all, just some text bytes"u8.ToArray());

        Assert.NotNull(info.Error);
        Assert.Contains("NotBinaryPlist", info.Error);
        Assert.Empty(info.EditHistory);
        Assert.Empty(info.UnsentParts);
        Assert.Empty(info.OriginalTextRanges);
        Assert.Empty(info.Raw);
        Assert.Null(info.Amc);
    }

    [Theory]
    [InlineData("rp", "0")]
    [InlineData("ep", "x")]
    [InlineData("amc", "x")]
    [InlineData("ust", "x")]
    [InlineData("euh", "x")]
    [InlineData("ams", "x")]
    public void Parse_KnownKeyWithWrongShape_SetsErrorNamingTheKey(string key, string value)
    {
        var info = MessageSummaryInfo.Parse(BinaryPlistWriter.Write(new Dictionary<string, object?> { [key] = key == "ams" ? 5L : value }));

        Assert.NotNull(info.Error);
        Assert.Contains($"'{key}'", info.Error);
        Assert.Empty(info.Raw);
    }

    [Fact]
    public void Parse_MalformedNestedShapes_SetError()
    {
        Assert.Contains("'rp'", Error(new() { ["rp"] = new List<object?> { -1L } }));
        Assert.Contains("'ec'", Error(new() { ["ec"] = new Dictionary<string, object?> { ["one"] = new List<object?>() } }));
        Assert.Contains("ec[0]", Error(new() { ["ec"] = new Dictionary<string, object?> { ["0"] = "x" } }));
        Assert.Contains("ec[0].t", Error(new() { ["ec"] = new Dictionary<string, object?> { ["0"] = new List<object?> { new Dictionary<string, object?> { ["t"] = "text" } } } }));
        Assert.Contains("ec[0].d", Error(new() { ["ec"] = new Dictionary<string, object?> { ["0"] = new List<object?> { new Dictionary<string, object?> { ["d"] = "x" } } } }));
        Assert.Contains("otr[0].le", Error(new() { ["otr"] = new Dictionary<string, object?> { ["0"] = new Dictionary<string, object?> { ["le"] = "x" } } }));
        Assert.Contains("dict", Error(null));
        Assert.Contains("dict", MessageSummaryInfo.Parse(BinaryPlistWriter.Write(new List<object?>())).Error);
    }

    [Fact]
    public void Parse_UnknownKeys_AreIgnoredButKeptInRaw()
    {
        var info = MessageSummaryInfo.Parse(BinaryPlistWriter.Write(new Dictionary<string, object?>
        {
            ["rp"] = new List<object?> { 2L },
            ["future"] = new List<object?> { "whatever" },
            ["ams"] = "Summary",
            ["amsa"] = "com.apple.siri",
        }));

        Assert.Null(info.Error);
        Assert.Equal([2], info.UnsentParts);
        Assert.True(info.Raw.ContainsKey("future"));
        Assert.Equal("Summary", info.SummaryText);
        Assert.Equal("com.apple.siri", info.SummarySource);
    }

    [Fact]
    public void Parse_FixtureEdited_ReadsDatesBodiesAndGuids()
    {
        var t0 = new DateTimeOffset(2025, 3, 1, 12, 0, 0, 500, TimeSpan.Zero);
        byte[] body0 = [1, 2, 3];
        byte[] body1 = [4, 5];
        byte[] blob = MessageSummaryInfoFixture.Edited(
            [new EditVersion(t0, body0), new EditVersion(t0.AddMinutes(1), body1, "GUID-1")], part: 2, originalLength: 7);

        var info = MessageSummaryInfo.Parse(blob);

        Assert.Null(info.Error);
        Assert.Equal([2], info.EditedParts);
        Assert.Equal(new OriginalTextRange(0, 7), info.OriginalTextRanges[2]);
        var versions = info.EditHistory[2];
        Assert.Equal(t0, versions[0].Date);
        Assert.Equal(t0.AddMinutes(1), versions[1].Date);
        Assert.Equal(body0, versions[0].AttributedBody);
        Assert.Equal("GUID-1", versions[1].BalloonMessageGuid);
    }

    [Fact]
    public void EditEvent_MalformedBody_HasTextErrorInsteadOfThrowing()
    {
        byte[] blob = MessageSummaryInfoFixture.Edited([new EditVersion(AppleTime.Epoch.AddYears(23), [0xDE, 0xAD])]);

        var version = MessageSummaryInfo.Parse(blob).EditHistory[0][0];

        Assert.Null(version.Text);
        Assert.Null(version.Body);
        Assert.NotNull(version.TextError);
    }

    [Fact]
    public void EditEvent_IntegerDate_UsesChatDbSecondsOrNanosecondsRule()
    {
        var info = MessageSummaryInfo.Parse(BinaryPlistWriter.Write(new Dictionary<string, object?>
        {
            ["ec"] = new Dictionary<string, object?>
            {
                ["0"] = new List<object?>
                {
                    new Dictionary<string, object?> { ["d"] = 690513474L },
                    new Dictionary<string, object?> { ["d"] = 750604936604725376L },
                    new Dictionary<string, object?>(),
                },
            },
        }));

        var versions = info.EditHistory[0];
        Assert.Equal(AppleTime.Epoch.AddSeconds(690513474), versions[0].Date);
        Assert.Equal(new DateTimeOffset(2024, 10, 14, 13, 22, 16, TimeSpan.Zero).AddTicks(6_047_253), versions[1].Date);
        Assert.Null(versions[2].Date);
        Assert.Null(versions[2].AttributedBody);
        Assert.Null(versions[2].Text);
        Assert.Null(versions[2].TextError);
    }

    [Fact]
    public void Parse_FixtureUnsent_ReadsPartsAndRanges()
    {
        var info = MessageSummaryInfo.Parse(MessageSummaryInfoFixture.Unsent([0, 1], (0, 0, 5), (1, 5, 3)));

        Assert.Null(info.Error);
        Assert.Equal([0, 1], info.UnsentParts);
        Assert.Equal(new OriginalTextRange(5, 3), info.OriginalTextRanges[1]);
    }

    private static string Error(Dictionary<string, object?>? dict)
    {
        var info = MessageSummaryInfo.Parse(BinaryPlistWriter.Write(dict));
        Assert.NotNull(info.Error);
        return info.Error;
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));
}

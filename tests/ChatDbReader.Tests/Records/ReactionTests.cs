using LineAgent.ChatDbReader.Records;

namespace LineAgent.ChatDbReader.Tests.Records;

public sealed class ReactionTests
{
    [Theory]
    [InlineData("p:0/ABC-1", "ABC-1", 0)]
    [InlineData("p:12/ABC-1", "ABC-1", 12)]
    [InlineData("bp:ABC-1", "ABC-1", 0)]
    [InlineData("ABC-1", "ABC-1", null)]
    [InlineData("p:x/ABC-1", "ABC-1", null)]
    [InlineData(null, null, null)]
    public void ParseTarget_KnownForms(string? raw, string? guid, int? part) =>
        Assert.Equal((guid, part), Reaction.ParseTarget(raw));

    [Theory]
    [InlineData(2000, ReactionType.Love, false)]
    [InlineData(2005, ReactionType.Question, false)]
    [InlineData(2007, ReactionType.Sticker, false)]
    [InlineData(3001, ReactionType.Like, true)]
    [InlineData(3006, ReactionType.Emoji, true)]
    [InlineData(1000, ReactionType.Sticker, false)]
    public void FromRow_TapbackTypes(long type, ReactionType expected, bool removed)
    {
        var r = Reaction.FromRow(type, "p:0/G", "x")!;
        Assert.Equal(expected, r.Type);
        Assert.Equal(removed, r.Removed);
        Assert.Equal(expected == ReactionType.Emoji ? "x" : null, r.Emoji);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(2008)]
    [InlineData(4000)]
    public void FromRow_NotATapback_Null(long type) => Assert.Null(Reaction.FromRow(type, "p:0/G", null));
}

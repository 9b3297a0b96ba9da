using System.Text;
using LineAgent.ChatDbReader.Plist;
using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Tests.Plist;
using LineAgent.ChatDbReader.Tests.Support;
using LineAgent.FakeChatDb;

namespace LineAgent.ChatDbReader.Tests.Records;

/// <summary>
/// Unsends reported per part. macOS 26 records a partial unsend as an edit: the unsent parts under "rp" in
/// message_summary_info, date_retracted left 0, the other parts still in the body. Rows are shaped both ways
/// (macOS 26: date_retracted 0; before: date_retracted set), with our own plists (binary and XML) and with the real
/// ones of the corpus.
/// </summary>
public sealed class PartialUnsendTests
{
    private const string Alice = "+15550001111";

    public enum Shape
    {
        /// <summary>macOS 26: date_retracted 0, date_edited set, is_empty when nothing is left.</summary>
        Tahoe,

        /// <summary>Before macOS 26: date_retracted set as well.</summary>
        Retracted,
    }

    public static TheoryData<Shape, bool> ShapesAndFormats()
    {
        var data = new TheoryData<Shape, bool>();
        foreach (var shape in Enum.GetValues<Shape>())
        {
            data.Add(shape, false);
            data.Add(shape, true);
        }
        return data;
    }

    public static TheoryData<Shape> Shapes() => new(Enum.GetValues<Shape>());

    /// <summary>Writes an unsend into <paramref name="message"/>'s row as Messages does in <paramref name="shape"/>.</summary>
    private static void ShapeRow(TempChatDb db, FakeMessage message, Shape shape, byte[] summary, int partsLeft, byte[]? remainingBody)
    {
        var when = FakeChatDatabase.ToAppleNanoseconds(db.Now);
        var w = db.Writer;
        w.Execute("""
            UPDATE message SET text = NULL, attributedBody = $b, part_count = $pc, date_edited = $d, date_retracted = $r,
                message_summary_info = $s WHERE ROWID = $id
            """,
            ("$b", remainingBody), ("$pc", partsLeft), ("$d", when), ("$r", shape == Shape.Retracted ? when : 0L),
            ("$s", summary), ("$id", message.RowId));
        if (w.HasMessageColumn("is_empty"))
            w.Execute("UPDATE message SET is_empty = $e WHERE ROWID = $id", ("$e", shape == Shape.Tahoe && partsLeft == 0 ? 1 : 0), ("$id", message.RowId));
    }

    private static byte[] UnsentSummary(IReadOnlyList<int> parts, bool xml)
    {
        if (!xml)
            return MessageSummaryInfoFixture.Unsent(parts, (0, 0, 5), (1, 5, 6));
        var rp = string.Concat(parts.Select(p => $"<integer>{p}</integer>"));
        return Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            <dict>
              <key>amc</key><integer>0</integer>
              <key>ust</key><true/>
              <key>otr</key>
              <dict>
                <key>0</key><dict><key>lo</key><integer>0</integer><key>le</key><integer>5</integer></dict>
                <key>1</key><dict><key>lo</key><integer>5</integer><key>le</key><integer>6</integer></dict>
              </dict>
              <key>rp</key><array>{rp}</array>
            </dict>
            </plist>
            """);
    }

    [Theory]
    [MemberData(nameof(ShapesAndFormats))]
    public void OnePartOfTwoUnsent_IsReportedPerPartWithItsTime_AndTheMessageIsNotUnsent(Shape shape, bool xml)
    {
        using var db = new TempChatDb(SchemaVariant.Tahoe);
        var chat = db.Writer.EnsureDirectChat(Alice);
        var message = db.Writer.SendText(chat, "hello world!", bodyOnly: true);
        db.Now = db.Now.AddSeconds(40);
        ShapeRow(db, message, shape, UnsentSummary([1], xml), partsLeft: 1, TypedStreamEncoder.Encode("hello"));

        using var reader = db.OpenReader();
        var row = reader.GetMessage(message.Guid)!;

        Assert.False(row.IsUnsent);
        Assert.Equal([1], row.UnsentParts);
        Assert.Equal(db.Now, row.DateUnsent);
        Assert.Equal("hello", row.Text);
    }

    [Theory]
    [MemberData(nameof(ShapesAndFormats))]
    public void EveryPartUnsent_IsAWholeMessageUnsendAsBefore(Shape shape, bool xml)
    {
        using var db = new TempChatDb(SchemaVariant.Tahoe);
        var chat = db.Writer.EnsureDirectChat(Alice);
        var message = db.Writer.SendText(chat, "hello world!", bodyOnly: true);
        db.Now = db.Now.AddSeconds(30);
        ShapeRow(db, message, shape, UnsentSummary([1, 0], xml), partsLeft: 0, remainingBody: null);

        using var reader = db.OpenReader();
        var row = reader.GetMessage(message.Guid)!;

        Assert.True(row.IsUnsent);
        Assert.Equal([0, 1], row.UnsentParts);
        Assert.Equal(db.Now, row.DateUnsent);
        Assert.Null(row.Text);
    }

    [Fact]
    public void NothingUnsent_HasNoUnsendTime()
    {
        using var db = new TempChatDb(SchemaVariant.Tahoe);
        var chat = db.Writer.EnsureDirectChat(Alice);
        var message = db.Writer.SendText(chat, "plain");
        db.Writer.Edit(message, "edited", db.Now.AddSeconds(5));

        using var reader = db.OpenReader();
        var row = reader.GetMessage(message.Guid)!;
        Assert.Empty(row.UnsentParts);
        Assert.Null(row.DateUnsent);
        Assert.True(row.IsEdited);
    }

    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [MemberData(nameof(Shapes))]
    public void RealDeletedPlist_OnAMultiPartRowWithOnePartLeft_ReportsPartZeroUnsent(Shape shape)
    {
        // Deleted.plist is a real message_summary_info ({amc, ust, otr, rp: [0]}); MultiPartWithDeleted is a real
        // attributedBody of a message that lost a part.
        var summary = PlistCorpus.EditedMessage("Deleted.plist");
        var body = PlistCorpus.Read("crabstep/src/test_data/MultiPartWithDeleted");
        using var db = new TempChatDb(SchemaVariant.Tahoe);
        var chat = db.Writer.EnsureDirectChat(Alice);
        var message = db.Writer.SendText(chat, "two parts", bodyOnly: true);
        db.Now = db.Now.AddSeconds(20);
        ShapeRow(db, message, shape, summary, partsLeft: 1, body);

        using var reader = db.OpenReader();
        var row = reader.GetMessage(message.Guid)!;

        Assert.False(row.IsUnsent);
        Assert.Equal([0], row.UnsentParts);
        Assert.Equal(db.Now, row.DateUnsent);
        Assert.NotNull(row.Body);
    }

    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [MemberData(nameof(Shapes))]
    public void RealDeletedPlist_WithNothingLeft_IsAWholeMessageUnsend(Shape shape)
    {
        using var db = new TempChatDb(SchemaVariant.Tahoe);
        var chat = db.Writer.EnsureDirectChat(Alice);
        var message = db.Writer.SendText(chat, "gone", bodyOnly: true);
        db.Now = db.Now.AddSeconds(20);
        ShapeRow(db, message, shape, PlistCorpus.EditedMessage("Deleted.plist"), partsLeft: 0, remainingBody: null);

        using var reader = db.OpenReader();
        var row = reader.GetMessage(message.Guid)!;
        Assert.True(row.IsUnsent);
        Assert.Equal([0], row.UnsentParts);
        Assert.Equal(db.Now, row.DateUnsent);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void RealEditedPlist_AsXml_DecodesLikeTheBinaryOriginal()
    {
        var binary = MessageSummaryInfo.Parse(PlistCorpus.EditedMessage("Edited.plist"));
        var xml = MessageSummaryInfo.Parse(ToXml(BinaryPlist.Parse(PlistCorpus.EditedMessage("Edited.plist"))));

        Assert.Null(xml.Error);
        Assert.Equal(binary.EditedParts, xml.EditedParts);
        Assert.Equal(binary.EditHistory[0].Select(e => e.Text), xml.EditHistory[0].Select(e => e.Text));
        Assert.Equal(binary.EditHistory[0].Select(e => e.Date), xml.EditHistory[0].Select(e => e.Date));
    }

    [Fact]
    public void XmlPlist_HostileOrMalformed_IsRejectedWithoutThrowingOrExpandingEntities()
    {
        var laughs = Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <!DOCTYPE plist [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <plist version="1.0"><dict><key>rp</key><array><integer>0</integer></array><key>x</key><string>&c;</string></dict></plist>
            """);
        var external = Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <!DOCTYPE plist [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <plist version="1.0"><dict><key>x</key><string>&secret;</string></dict></plist>
            """);
        foreach (var blob in new[]
                 {
                     laughs, external,
                     "<plist><dict><key>rp</key></dict></plist>"u8.ToArray(),
                     "<plist><dict><key>rp</key><array><integer>x</integer></array></dict></plist>"u8.ToArray(),
                     "<plist><dict><string>no key</string></dict></plist>"u8.ToArray(),
                     "<plist><dict><key>a</key><true/><key>a</key><true/></dict></plist>"u8.ToArray(),
                     "<plist><dict>"u8.ToArray(),
                     "<notaplist/>"u8.ToArray(),
                 })
        {
            var parsed = MessageSummaryInfo.Parse(blob);
            Assert.NotNull(parsed.Error);
            Assert.Empty(parsed.UnsentParts);
        }
    }

    /// <summary>Our own XML writer for the round-trip test (the plist value model of <see cref="BinaryPlist"/>).</summary>
    private static byte[] ToXml(object? value)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">");
        Write(xml, value);
        return Encoding.UTF8.GetBytes(xml.Append("</plist>").ToString());

        static void Write(StringBuilder xml, object? value)
        {
            switch (value)
            {
                case Dictionary<string, object?> dict:
                    xml.Append("<dict>");
                    foreach (var (k, v) in dict)
                    {
                        xml.Append("<key>").Append(System.Security.SecurityElement.Escape(k)).Append("</key>");
                        Write(xml, v);
                    }
                    xml.Append("</dict>");
                    break;
                case List<object?> list:
                    xml.Append("<array>");
                    foreach (var v in list)
                        Write(xml, v);
                    xml.Append("</array>");
                    break;
                case string s: xml.Append("<string>").Append(System.Security.SecurityElement.Escape(s)).Append("</string>"); break;
                case long l: xml.Append("<integer>").Append(l).Append("</integer>"); break;
                case double d: xml.Append("<real>").Append(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append("</real>"); break;
                case bool b: xml.Append(b ? "<true/>" : "<false/>"); break;
                case byte[] data: xml.Append("<data>").Append(Convert.ToBase64String(data)).Append("</data>"); break;
                default: throw new NotSupportedException(value?.GetType().Name);
            }
        }
    }
}

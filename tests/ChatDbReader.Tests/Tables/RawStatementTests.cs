using LineAgent.ChatDbReader.Tables;
using LineAgent.ChatDbReader.Tests.Support;
using LineAgent.FakeChatDb;
using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader.Tests.Tables;

/// <summary>
/// The raw read path (<see cref="RawStatement"/>, rows copied out by <see cref="CapturedRows"/>) gives the values the Microsoft.Data.Sqlite getters gave, for every
/// storage class a chat.db column can hold (SQLite lets any column hold any type), and the message rows read through
/// it equal the rows read through Microsoft.Data.Sqlite, field for field, on every schema variant.
/// </summary>
public sealed class RawStatementTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lineagent-raw-" + Guid.NewGuid().ToString("N"));

    public RawStatementTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    // Every storage class, and the values where conversions disagree: numeric prefixes, whitespace, overflow, REAL
    // in a text column, BLOB in any column, empty vs NULL, embedded NUL, invalid UTF-8.
    private static readonly string[] Values =
    [
        "NULL", "0", "1", "-5", "9223372036854775807", "-9223372036854775808", "3.7", "-2.5", "1e20", "0.1",
        "'abc'", "''", "'12'", "' 12 '", "'12abc'", "'-0'", "'1e3'", "'99999999999999999999'", "x''", "x'00ff'", "x'3132'",
        "'caf\u00E9 \U0001F600'", "CAST(x'610062' AS TEXT)", "CAST(x'ff61c3' AS TEXT)", "CAST(x'eda080' AS TEXT)",
    ];

    [Fact]
    public void Getters_AgreeWithMicrosoftDataSqlite_OnEveryStorageClass()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "values.db")};Pooling=false");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE v (any_type, as_int INTEGER, as_text TEXT);" +
                string.Concat(Values.Select(v => $"INSERT INTO v VALUES ({v}, {v}, {v});"));
            create.ExecuteNonQuery();
        }
        const string sql = "SELECT any_type, as_int, as_text FROM v ORDER BY ROWID";

        var expected = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
                expected.Add(Describe(reader.Columns(), 3));
        }
        var actual = new List<string>();
        // Captured with room for 4 rows: the copy grows its arrays as rows come (25 rows, texts and blobs).
        using (var statement = new RawStatement(connection, sql))
        using (var rows = new CapturedRows(3, expectedRows: 4))
        {
            while (statement.Step())
                rows.Add(statement);
            for (var i = 0; i < rows.Count; i++)
            {
                actual.Add(Describe(rows[i], 3));
                // The in-place reads say what the text says: the same characters, the same NULL and empty.
                for (var c = 0; c < 3; c++)
                {
                    var text = rows[i].Text(c);
                    var utf8 = rows[i].Utf8(c);
                    Assert.True(text == utf8.ToString(), $"value {Values[i]}, column {c}: Utf8 gives {Show(utf8.ToString())}, Text {Show(text)}");
                    Assert.Equal(text is null, rows[i].IsNull(c));
                    Assert.Equal(string.IsNullOrEmpty(text), rows[i].IsNullOrEmptyText(c));
                    Assert.Equal(string.IsNullOrEmpty(text), utf8.IsNullOrEmpty);
                }
            }
        }

        Assert.Equal(Values.Length, expected.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(expected[i] == actual[i], $"value {Values[i]}:\nexpected {expected[i]}\nactual   {actual[i]}");
    }

    [Fact]
    public void Utf8Check_AgreesWithTheRuntimes_AtEveryOffsetAroundItsBlocks()
    {
        // ASCII runs of every length around the 16-byte blocks the check reads, then one well- or ill-formed
        // sequence, then more ASCII: the check must hand over to the runtime wherever the first non-ASCII byte is.
        byte[][] tails = [[], [0xC3, 0xA9], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x80], [0xF4, 0x90, 0x80, 0x80]];
        var random = new Random(7);
        for (var ascii = 0; ascii <= 48; ascii++)
        {
            foreach (var tail in tails)
            {
                foreach (var after in new[] { 0, 1, 15, 16, 17 })
                {
                    var bytes = Enumerable.Range(0, ascii).Select(_ => (byte)random.Next(0, 0x80)).Concat(tail)
                        .Concat(Enumerable.Range(0, after).Select(_ => (byte)random.Next(0, 0x80))).ToArray();
                    Assert.True(System.Text.Unicode.Utf8.IsValid(bytes) == CapturedRows.IsValidUtf8(bytes),
                        $"{Convert.ToHexString(bytes)}: the runtime says {System.Text.Unicode.Utf8.IsValid(bytes)}");
                }
            }
        }
        for (var n = 0; n < 20_000; n++)
        {
            var bytes = new byte[random.Next(0, 70)];
            random.NextBytes(bytes);
            for (var i = 0; i < bytes.Length; i++)
                if (random.Next(4) > 0)
                    bytes[i] &= 0x7F;
            Assert.Equal(System.Text.Unicode.Utf8.IsValid(bytes), CapturedRows.IsValidUtf8(bytes));
        }
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void MessageRows_AreTheRowsMicrosoftDataSqliteReads(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var w = db.Writer;
        var chat = w.CreateGroupChat(["+14155550101", "b@example.com"], "Team");
        var text = w.ReceiveText(chat, "+14155550101", "hi \"there\" caf\u00E9 \U0001F600");
        w.ReceiveText(chat, "b@example.com", "body only", bodyOnly: true);
        w.InsertTapback(chat, text.Guid, TapbackKind.Laugh, from: "b@example.com", part: 0);
        w.AddParticipant(chat, "+14155550103", by: "+14155550101");
        w.RenameChat(chat, "Renamed");
        w.SendAttachment(chat, new NewAttachment(), caption: "pic");
        var edited = w.SendText(chat, "edit me");
        w.Edit(edited, "edited", db.Now.AddMinutes(1));
        var unsent = w.SendText(chat, "unsend me");
        w.Unsend(unsent, db.Now.AddMinutes(1));
        w.MarkDelivered(text, db.Now.AddSeconds(1));
        var odd = w.ReceiveText(chat, "+14155550101", "odd");
        // Malformed rows: wrong storage classes, invalid UTF-8, a truncated body.
        w.Execute("UPDATE message SET service = 5, text = CAST(x'ff61' AS TEXT), date = '12abc', is_read = 2.9, " +
            "attributedBody = x'0401', thread_originator_part = '3:0:1' WHERE guid = $g", ("$g", odd.Guid));
        w.Execute("UPDATE message SET error = 'x', date_delivered = x'00', item_type = NULL, associated_message_guid = 7 WHERE ROWID = 1");

        using var reader = db.OpenReader(new ChatDbOptions { DecodeAllBodies = true });
        var viaRaw = reader.ReadMessagesAfter(0, int.MaxValue).Select(m => m with { ChatGuids = [], Attachments = [] }).ToList();

        using var connection = new SqliteConnection($"Data Source={db.Path};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = new MessageQuery(reader.Capabilities).After;
        command.Parameters.AddWithValue("$after", 0);
        command.Parameters.AddWithValue("$limit", 1000);
        using var rows = command.ExecuteReader();
        var viaDataReader = new List<LineAgent.ChatDbReader.Records.MessageRecord>();
        while (rows.Read())
            viaDataReader.Add(MessageRowReader.Read(rows.Columns(), decodeAllBodies: true));

        Assert.True(viaRaw.Count >= 9, $"only {viaRaw.Count} rows");
        Assert.Equal(viaDataReader.Select(RecordText.Of), viaRaw.Select(RecordText.Of));
    }

    private static string Describe<TRow>(TRow row, int columns) where TRow : IRowColumns =>
        string.Join(" | ", Enumerable.Range(0, columns).Select(i =>
            $"text={Show(row.Text(i))} int={row.Int(i)} nint={row.NullableInt(i)?.ToString() ?? "null"} bool={row.Bool(i)} " +
            $"blob={(row.Blob(i) is { } b ? Convert.ToHexString(b) : "null")}"));

    private static string Show(string? s) => s is null ? "null" : "\"" + string.Concat(s.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";
}

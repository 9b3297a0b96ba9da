namespace LineAgent.Agent.Journal;

/// <summary>
/// A second form of each event, computed once when it is appended and stored beside its payload, for a reader that
/// would otherwise derive it on every read (StreamEvents: the serialized proto event). The journal keeps the bytes
/// opaque and returns them only to a reader asking for the same <see cref="Format"/>; every other row is read as
/// before, so events journaled without an encoder, by another build or by another process stay readable.
/// </summary>
public interface IJournalEventEncoder
{
    /// <summary>Identifies what <see cref="Encode"/> produces; change it whenever the bytes for the same event could change.</summary>
    long Format { get; }

    /// <summary>
    /// The encoded form of <paramref name="stored"/>: the event exactly as <see cref="JournalStore.ReadAfter"/> will
    /// return it, except that its <see cref="JournalEvent.Cursor"/> is 0 (the insert assigns it). Null: none.
    /// </summary>
    byte[]? Encode(JournalEvent stored);

    /// <summary>
    /// What a reader gets for the row at <paramref name="cursor"/> stored as <paramref name="stored"/> (bytes this
    /// format's <see cref="Encode"/> produced): the bytes in the reader's own framing, copied once out of SQLite's buffer.
    /// </summary>
    byte[] Frame(long cursor, ReadOnlySpan<byte> stored);
}

/// <summary>
/// An event read for a reader of one encoding: <see cref="Encoded"/> (the encoder's <see cref="IJournalEventEncoder.Frame"/>
/// of it) when the row was stored under that format and within the size asked for, otherwise the decoded
/// <see cref="Event"/>. Exactly one of the two is set.
/// </summary>
public readonly record struct EncodedJournalEvent(long Cursor, byte[]? Encoded, JournalEvent? Event)
{
    /// <summary>Bytes (or payload characters) it occupies, for page and flush budgets.</summary>
    public int Size => Encoded?.Length ?? Event!.DataJson.Length;
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using LineAgent.ChatDbReader;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Events;

/// <summary>
/// <see cref="MessageData"/>'s JSON, written straight from a chat.db row read in place: the bulk path of
/// `lineagent export`, where building a MessageData per row and going through the serializer's metadata cost a third
/// of the time, making UTF-16 strings of texts only to encode them back to UTF-8 about a fifth of the writing thread's,
/// and <see cref="Utf8JsonWriter"/>'s per-call bookkeeping most of what was left. Text columns go from SQLite's UTF-8
/// into the JSON as bytes, keys are pre-encoded once with their commas, in declaration order. The same bytes as
/// <see cref="EventJson.Write"/> of <see cref="MessageData.From"/>; tests compare the two on every row shape.
/// </summary>
public static class MessageJsonWriter
{
    // Each key with the comma before it (none for the first of an object), in the order MessageData declares them.
    private static readonly byte[] Rowid = Key(nameof(MessageData.Rowid), first: true), Guid = Key(nameof(MessageData.Guid)),
        ChatGuids = Key(nameof(MessageData.ChatGuids)), Service = Key(nameof(MessageData.Service)),
        IsFromMe = Key(nameof(MessageData.IsFromMe)), Sender = Key(nameof(MessageData.Sender)), Date = Key(nameof(MessageData.Date)),
        DateDelivered = Key(nameof(MessageData.DateDelivered)), DateRead = Key(nameof(MessageData.DateRead)),
        DateEdited = Key(nameof(MessageData.DateEdited)), Text = Key(nameof(MessageData.Text)), Kind = Key(nameof(MessageData.Kind)),
        Reaction = Key(nameof(MessageData.Reaction)), GroupEvent = Key(nameof(MessageData.GroupEvent)),
        Attachments = Key(nameof(MessageData.Attachments)), IsSent = Key(nameof(MessageData.IsSent)),
        IsDelivered = Key(nameof(MessageData.IsDelivered)), IsRead = Key(nameof(MessageData.IsRead)), Error = Key(nameof(MessageData.Error)),
        Edited = Key(nameof(MessageData.Edited)), Unsent = Key(nameof(MessageData.Unsent)),
        ThreadOriginatorGuid = Key(nameof(MessageData.ThreadOriginatorGuid)), BalloonBundleId = Key(nameof(MessageData.BalloonBundleId)),
        UnsentParts = Key(nameof(MessageData.UnsentParts)), DateUnsent = Key(nameof(MessageData.DateUnsent)),
        Type = Key(nameof(ReactionData.Type), first: true), Emoji = Key(nameof(ReactionData.Emoji)), Removed = Key(nameof(ReactionData.Removed)),
        TargetGuid = Key(nameof(ReactionData.TargetGuid)), TargetPart = Key(nameof(ReactionData.TargetPart)),
        Handle = Key(nameof(GroupEventData.Handle)), Title = Key(nameof(GroupEventData.Title)),
        AttachmentGuid = Key(nameof(AttachmentData.Guid), first: true), TransferName = Key(nameof(AttachmentData.TransferName)),
        MimeType = Key(nameof(AttachmentData.MimeType)), Uti = Key(nameof(AttachmentData.Uti)),
        TotalBytes = Key(nameof(AttachmentData.TotalBytes)), Path = Key(nameof(AttachmentData.Path));

    /// <summary>Writes <paramref name="m"/> as one JSON object (no line end): the bytes of
    /// <c>EventJson.Write(writer, MessageData.From(m))</c> of its record.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // per row of a bulk read: optimized from the first row, not once tiering gets to it (a short export is over by then)
    public static void Write(JsonLineWriter w, MessageRowView m)
    {
        w.Raw((byte)'{');
        Field(w, Rowid, m.RowId);
        Field(w, Guid, m.Guid);
        w.Raw(ChatGuids);
        w.Raw((byte)'[');
        var firstChat = true;
        foreach (var chat in m.ChatGuids)
        {
            if (!firstChat)
                w.Raw((byte)',');
            firstChat = false;
            WriteText(w, chat);
        }
        w.Raw((byte)']');
        Field(w, Service, m.Service);
        Field(w, IsFromMe, m.IsFromMe);
        Field(w, Sender, m.Sender);
        Field(w, Date, m.Date);
        Field(w, DateDelivered, m.DateDelivered);
        Field(w, DateRead, m.DateRead);
        Field(w, DateEdited, m.DateEdited);
        Field(w, Text, m.Text);
        w.Raw(Kind);
        w.Raw(WireName(m.Kind));
        w.Raw(Reaction);
        if (m.Reaction is { } r)
        {
            w.Raw((byte)'{');
            w.Raw(Type);
            w.Raw(WireName(r.Type));
            Field(w, Emoji, r.Emoji);
            Field(w, Removed, r.Removed);
            Field(w, TargetGuid, r.TargetGuid);
            w.Raw(TargetPart);
            if (r.TargetPart is { } part)
                w.Number(part);
            else
                w.Null();
            w.Raw((byte)'}');
        }
        else
        {
            w.Null();
        }
        w.Raw(GroupEvent);
        if (m.GroupEvent is { } g)
        {
            w.Raw((byte)'{');
            w.Raw(Type);
            w.Raw(WireName(g.Type));
            Field(w, Handle, g.Handle);
            Field(w, Title, g.Title);
            w.Raw((byte)'}');
        }
        else
        {
            w.Null();
        }
        w.Raw(Attachments);
        w.Raw((byte)'[');
        for (var i = 0; i < m.Attachments.Count; i++)
        {
            var a = m.Attachments[i];
            if (i > 0)
                w.Raw((byte)',');
            w.Raw((byte)'{');
            Field(w, AttachmentGuid, a.Guid);
            Field(w, TransferName, a.TransferName);
            Field(w, MimeType, a.MimeType);
            Field(w, Uti, a.Uti);
            Field(w, TotalBytes, a.TotalBytes);
            Field(w, Path, a.Path);
            w.Raw((byte)'}');
        }
        w.Raw((byte)']');
        Field(w, IsSent, m.IsSent);
        Field(w, IsDelivered, m.IsDelivered);
        Field(w, IsRead, m.IsRead);
        Field(w, Error, m.Error);
        Field(w, Edited, m.IsEdited);
        Field(w, Unsent, m.IsUnsent);
        Field(w, ThreadOriginatorGuid, m.ThreadOriginatorGuid);
        Field(w, BalloonBundleId, m.BalloonBundleId);
        w.Raw(UnsentParts);
        w.Raw((byte)'[');
        var unsentParts = m.UnsentParts;
        for (var i = 0; i < unsentParts.Count; i++)
        {
            if (i > 0)
                w.Raw((byte)',');
            w.Number(unsentParts[i]);
        }
        w.Raw((byte)']');
        Field(w, DateUnsent, m.DateUnsent);
        w.Raw((byte)'}');
    }

    /// <summary>Compiles <see cref="Write"/> and the writer code it calls (optimized at once), and encodes the keys and
    /// enum names, on the calling thread, before the first row: see <see cref="OptimizedCode"/>. Returns the methods
    /// compiled.</summary>
    public static IReadOnlyList<System.Reflection.MethodInfo> CompileRowCode()
    {
        RuntimeHelpers.RunClassConstructor(typeof(Names<MessageKind>).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(Names<ReactionType>).TypeHandle);
        RuntimeHelpers.RunClassConstructor(typeof(Names<GroupEventType>).TypeHandle);
        return [.. OptimizedCode.Compile(typeof(MessageJsonWriter)), .. OptimizedCode.Compile(typeof(JsonLineWriter)),
            .. OptimizedCode.Compile(typeof(EventDateConverter))];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Field(JsonLineWriter w, byte[] key, bool value)
    {
        w.Raw(key);
        w.Boolean(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Field(JsonLineWriter w, byte[] key, long value)
    {
        w.Raw(key);
        w.Number(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Field(JsonLineWriter w, byte[] key, string? value)
    {
        w.Raw(key);
        w.String(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Field(JsonLineWriter w, byte[] key, Utf8Text value)
    {
        w.Raw(key);
        WriteText(w, value);
    }

    /// <summary>A text as the serializer writes the string: null, or the string escaped as JSON (from its UTF-8
    /// bytes where it has them: valid UTF-8, so the same escaped text).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteText(JsonLineWriter w, Utf8Text value)
    {
        if (value.IsNull)
            w.Null();
        else if (value.String is { } s)
            w.String(s);
        else
            w.String(value.Utf8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Field(JsonLineWriter w, byte[] key, DateTimeOffset? value)
    {
        w.Raw(key);
        if (value is { } v)
        {
            Span<byte> date = stackalloc byte[EventDateConverter.MaxUtf8Length];
            w.String(date[..EventDateConverter.FormatUtf8(v.UtcDateTime, date)]);
        }
        else
        {
            w.Null();
        }
    }

    private static byte[] WireName<T>(T value) where T : struct, Enum => Names<T>.Of(value);

    private static byte[] Key(string member, bool first = false) => JsonLineWriter.Key(WireNames.Policy.ConvertName(member), first);

    /// <summary>Every enum value's wire name as a JSON string, encoded once.</summary>
    private static class Names<T> where T : struct, Enum
    {
        private static readonly Dictionary<T, byte[]> ByValue = Enum.GetValues<T>().ToDictionary(v => v, Quoted);

        public static byte[] Of(T value) => ByValue.TryGetValue(value, out var name) ? name : Quoted(value);

        private static byte[] Quoted(T value) => [(byte)'"', .. JsonEncodedText.Encode(WireNames.Of(value)).EncodedUtf8Bytes, (byte)'"'];
    }
}

using System.Collections;
using System.Text;

namespace LineAgent.FakeChatDb;

/// <summary>
/// Writes typedstream (NSArchiver "streamtyped") NSAttributedString blobs as Messages stores them in
/// <c>message.attributedBody</c>, byte for byte in the layout of the real corpus bodies: header, root
/// NSMutableAttributedString &gt; NSAttributedString &gt; NSObject, the text as an NSMutableString, then one
/// <c>iI</c> group per run (dictionary number, UTF-16 length) followed by a new NSDictionary when the run's attributes
/// differ from every earlier run's.
/// </summary>
public static class TypedStreamEncoder
{
    /// <summary>The message-part attribute Messages puts on every run (NSNumber, part index).</summary>
    public const string MessagePartAttribute = "__kIMMessagePartAttributeName";

    /// <summary>
    /// Encodes <paramref name="text"/> with <paramref name="runs"/> as an NSMutableAttributedString.
    /// Default when <paramref name="runs"/> is null: one run over the whole text with
    /// <c>__kIMMessagePartAttributeName</c> = 0 (no runs for an empty text).
    /// </summary>
    /// <param name="text">The message text; attachments are U+FFFC placeholders.</param>
    /// <param name="runs">Consecutive runs whose UTF-16 lengths sum to <c>text.Length</c>. Attribute values: int → NSNumber
    /// "i", long → "q", short → "s", bool/sbyte → "c", double → "d", float → "f", string → NSString, Uri → NSURL,
    /// byte[] → NSData, IReadOnlyDictionary&lt;string, object&gt; → NSDictionary, IEnumerable → NSArray.</param>
    /// <exception cref="ArgumentException">Run lengths are negative or do not sum to the text length, or a value type is
    /// not supported.</exception>
    public static byte[] Encode(string text, IReadOnlyList<EncodedRun>? runs = null) =>
        Encode(text, runs, mutableRoot: true);

    /// <summary>
    /// As <see cref="Encode(string, IReadOnlyList{EncodedRun}?)"/>; <paramref name="mutableRoot"/> false writes the
    /// immutable layout (root NSAttributedString, text NSString) that older bodies use.
    /// </summary>
    public static byte[] Encode(string text, IReadOnlyList<EncodedRun>? runs, bool mutableRoot)
    {
        ArgumentNullException.ThrowIfNull(text);
        runs ??= text.Length == 0
            ? []
            : [new EncodedRun(text.Length, new Dictionary<string, object> { [MessagePartAttribute] = 0 })];
        Validate(text, runs);

        var w = new TypedStreamWriter();
        var objects = new ObjectWriter(w);
        w.WriteHeader();
        w.WriteType("@");
        if (mutableRoot)
        {
            w.BeginObject(("NSMutableAttributedString", 0), ("NSAttributedString", 0), ("NSObject", 0));
        }
        else
        {
            w.BeginObject(("NSAttributedString", 0), ("NSObject", 0));
        }

        w.WriteType("@");
        objects.WriteString(text, mutableRoot);

        var written = new List<IReadOnlyDictionary<string, object>>();
        foreach (var run in runs)
        {
            w.WriteType("iI");
            var existing = written.FindIndex(d => AttributeEquality.DictionariesEqual(d, run.Attributes));
            if (existing >= 0)
            {
                w.WriteInteger(existing + 1);
                w.WriteInteger(run.Length);
                continue;
            }

            written.Add(run.Attributes);
            w.WriteInteger(written.Count);
            w.WriteInteger(run.Length);
            w.WriteType("@");
            objects.WriteDictionary(run.Attributes);
        }

        w.WriteEndOfObject();
        return w.ToArray();
    }

    private static void Validate(string text, IReadOnlyList<EncodedRun> runs)
    {
        long total = 0;
        foreach (var run in runs)
        {
            ArgumentNullException.ThrowIfNull(run, nameof(runs));
            if (run.Length < 0)
            {
                throw new ArgumentException($"run length {run.Length} is negative", nameof(runs));
            }

            total += run.Length;
        }

        if (total != text.Length)
        {
            throw new ArgumentException(
                $"run lengths sum to {total} UTF-16 code units but the text has {text.Length}", nameof(runs));
        }
    }

    /// <summary>
    /// Writes Foundation objects; remembers constant-like objects (keys, NSNumbers) so repeats become back-references.
    /// NSArchiver references by object identity: NSNumbers are tagged pointers, so equal numbers are always one object;
    /// key strings are constants, and most corpus bodies archive each key once (some, e.g. "Attachment" and
    /// "Mention", write a second copy). The encoder always reuses, which the decoder must handle either way.
    /// </summary>
    private sealed class ObjectWriter(TypedStreamWriter w)
    {
        private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
        private readonly Dictionary<(char, long, double), int> _numbers = [];

        public int WriteString(string value, bool mutable)
        {
            var slot = mutable
                ? w.BeginObject(("NSMutableString", 1), ("NSString", 1), ("NSObject", 0))
                : w.BeginObject(("NSString", 1), ("NSObject", 0));
            w.WriteType("+");
            w.WriteUnsharedString(Encoding.UTF8.GetBytes(value));
            w.WriteEndOfObject();
            return slot;
        }

        public void WriteDictionary(IReadOnlyDictionary<string, object> dictionary)
        {
            w.BeginObject(("NSDictionary", 0), ("NSObject", 0));
            w.WriteType("i");
            w.WriteInteger(dictionary.Count);
            foreach (var (key, value) in dictionary)
            {
                w.WriteType("@");
                if (_keys.TryGetValue(key, out var keySlot))
                {
                    w.WriteReference(keySlot);
                }
                else
                {
                    _keys[key] = WriteString(key, mutable: false);
                }

                w.WriteType("@");
                WriteValue(value);
            }

            w.WriteEndOfObject();
        }

        private void WriteValue(object value)
        {
            switch (value)
            {
                case null:
                    w.WriteNil();
                    break;
                case string s:
                    WriteString(s, mutable: false);
                    break;
                case int i:
                    WriteNumber('i', i, 0);
                    break;
                case long l:
                    WriteNumber('q', l, 0);
                    break;
                case short s16:
                    WriteNumber('s', s16, 0);
                    break;
                case bool b:
                    WriteNumber('c', b ? 1 : 0, 0);
                    break;
                case sbyte c:
                    WriteNumber('c', c, 0);
                    break;
                case double d:
                    WriteNumber('d', 0, d);
                    break;
                case float f:
                    WriteNumber('f', 0, f);
                    break;
                case Uri uri:
                    w.BeginObject(("NSURL", 0), ("NSObject", 0));
                    w.WriteType("c");
                    w.WriteByte(0); // not relative to a base URL
                    w.WriteType("@");
                    WriteString(uri.OriginalString, mutable: false);
                    w.WriteEndOfObject();
                    break;
                case byte[] data:
                    w.BeginObject(("NSData", 0), ("NSObject", 0));
                    w.WriteType("i");
                    w.WriteInteger(data.Length);
                    w.WriteType($"[{data.Length}c]");
                    w.WriteBytes(data);
                    w.WriteEndOfObject();
                    break;
                case IReadOnlyDictionary<string, object> nested:
                    WriteDictionary(nested);
                    break;
                case IEnumerable items:
                    var list = items.Cast<object>().ToList();
                    w.BeginObject(("NSArray", 0), ("NSObject", 0));
                    w.WriteType("i");
                    w.WriteInteger(list.Count);
                    foreach (var item in list)
                    {
                        w.WriteType("@");
                        WriteValue(item);
                    }

                    w.WriteEndOfObject();
                    break;
                default:
                    throw new ArgumentException($"attribute value of type {value.GetType()} cannot be encoded");
            }
        }

        private void WriteNumber(char type, long integer, double real)
        {
            var key = (type, integer, real);
            if (_numbers.TryGetValue(key, out var slot))
            {
                w.WriteReference(slot);
                return;
            }

            _numbers[key] = w.BeginObject(("NSNumber", 0), ("NSValue", 0), ("NSObject", 0));
            w.WriteType("*");
            w.WriteCString(type.ToString());
            w.WriteType(type.ToString());
            switch (type)
            {
                case 'c':
                    w.WriteByte(unchecked((byte)(sbyte)integer));
                    break;
                case 'd':
                    w.WriteReal(real, isDouble: true);
                    break;
                case 'f':
                    w.WriteReal(real, isDouble: false);
                    break;
                default:
                    w.WriteInteger(integer);
                    break;
            }

            w.WriteEndOfObject();
        }
    }
}

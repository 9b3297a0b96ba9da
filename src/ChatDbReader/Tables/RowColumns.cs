namespace LineAgent.ChatDbReader.Tables;

/// <summary>
/// The NULL-tolerant column getters the row readers use, over either read path (<see cref="RawStatement"/>, or a
/// Microsoft.Data.Sqlite reader for the queries that do not need the fast path). Both give the same value for every
/// storage class: chat.db holds NULL where a default would be expected on some machines, and any SQLite column can
/// hold any type.
/// </summary>
internal interface IRowColumns
{
    /// <summary>NULL → null; TEXT as stored; INTEGER/REAL in invariant culture; BLOB → "System.Byte[]" (what
    /// Convert.ToString made of it, kept so both paths agree byte for byte).</summary>
    string? Text(int i);

    /// <summary>NULL → 0; INTEGER; REAL truncated; TEXT parsed as an integer or 0; BLOB → 0.</summary>
    long Int(int i);

    /// <summary>NULL → null, else <see cref="Int"/>.</summary>
    long? NullableInt(int i);

    /// <summary><see cref="Int"/> ≠ 0.</summary>
    bool Bool(int i);

    /// <summary>BLOB → its bytes (valid while the row is); NULL and every other type → empty.</summary>
    ReadOnlySpan<byte> Blob(int i);
}

using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LineAgent.ChatDbReader.Tables;

/// <summary>
/// One statement prepared on the open connection's own sqlite3 handle (Microsoft.Data.Sqlite stays the one door
/// that opens the file) and stepped through SQLitePCL's raw API: a typed native call per column read, no boxing,
/// no per-value type re-checks, no intermediate reader; the column reads go to e_sqlite3 with the statement's
/// pointer directly (no SafeHandle round trip per value). For the bulk reads (message rows, their chats and
/// attachments, copied out by <see cref="CapturedRows"/>), where Microsoft.Data.Sqlite's per-call overhead was most
/// of the time (issue 15). One thread owns a statement; it is finalized on <see cref="Dispose"/>, before its
/// connection closes.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    // The statement's native pointer, for the per-value calls: SQLitePCL marshals its SafeHandle
    // on every call (an AddRef and a Release each), which was the largest single cost of an export after the mutex.
    // Valid from prepare until Dispose, which finalizes the statement; _stmt holds the reference meanwhile.
    private readonly IntPtr _handle;
    private readonly bool _cached;
    private bool _referenced;

    public RawStatement(SqliteConnection connection, string sql) : this(connection, sql, cached: false)
    {
    }

    /// <param name="cached">Owned by a <see cref="StatementCache"/>: <see cref="Dispose"/> resets it for the next
    /// use and the cache finalizes it.</param>
    internal RawStatement(SqliteConnection connection, string sql, bool cached)
    {
        _cached = cached;
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _stmt);
        if (rc != raw.SQLITE_OK)
        {
            var error = Error(rc);
            _stmt.Dispose();
            throw error;
        }
        _stmt.DangerousAddRef(ref _referenced);
        _handle = _stmt.DangerousGetHandle();
    }

    public void Bind(string name, long value) => Check(raw.sqlite3_bind_int64(_stmt, Index(name), value));

    public void Bind(string name, string value) => Check(raw.sqlite3_bind_text(_stmt, Index(name), value));

    /// <summary>Advances to the next row: true on a row, false when done; SQLite failures throw <see cref="SqliteException"/>.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_stmt);
        return rc switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw Error(rc),
        };
    }

    /// <summary>The storage class of column <paramref name="i"/> of the current row (raw.SQLITE_INTEGER …).</summary>
    public int Type(int i) => Native.sqlite3_column_type(_handle, i);

    /// <summary>Column <paramref name="i"/> as a 64-bit integer, SQLite's own conversion (NULL → 0).</summary>
    public long Int64(int i) => Native.sqlite3_column_int64(_handle, i);

    /// <summary>Column <paramref name="i"/> as a double, SQLite's own conversion (NULL → 0).</summary>
    public double Double(int i) => Native.sqlite3_column_double(_handle, i);

    /// <summary>Where SQLite holds the bytes of a TEXT (UTF-8, as stored in chat.db) or BLOB value, and how many:
    /// valid until the next call on this statement; (0, 0) for NULL or empty.</summary>
    public (IntPtr Pointer, int Length) Bytes(int i)
    {
        var pointer = Native.sqlite3_column_blob(_handle, i);      // before _bytes, as SQLite requires
        var length = Native.sqlite3_column_bytes(_handle, i);
        return length <= 0 || pointer == IntPtr.Zero ? (IntPtr.Zero, 0) : (pointer, length);
    }

    /// <summary>A cached statement handed out and not yet disposed (reset).</summary>
    internal bool InUse { get; set; }

    /// <summary>Ends this use: a cached statement is reset (which ends its read transaction: a statement left
    /// mid-step would pin its snapshot and hide later commits) and its bindings cleared; any other is finalized.</summary>
    public void Dispose()
    {
        if (_cached)
        {
            raw.sqlite3_reset(_stmt);          // returns the last step's error, already thrown by Step
            raw.sqlite3_clear_bindings(_stmt);
            InUse = false;
            return;
        }
        Release();
    }

    /// <summary>Finalizes the statement (the cache does this for its statements, before the connection closes).</summary>
    internal void Release()
    {
        if (_referenced)
        {
            _referenced = false;
            _stmt.DangerousRelease();
        }
        _stmt.Dispose();
    }

    private int Index(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_stmt, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw Error(rc);
    }

    private SqliteException Error(int rc) =>
        new($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_db));

    /// <summary>The same e_sqlite3 library SQLitePCL's provider binds ("e_sqlite3", resolved by the runtime the same
    /// way for every assembly of the application), called with the raw statement pointer. The column reads only read
    /// the current row's values in memory: no I/O, no callback into .NET, and the only lock they take is their
    /// connection's own mutex (none in the export's multi-thread mode), uncontended because one thread at a time uses
    /// a connection. That is what <see cref="SuppressGCTransitionAttribute"/> requires; skipping the transition per
    /// call saves most of a call's cost at ~80 calls per message row.</summary>
    private static class Native
    {
        [DllImport("e_sqlite3", ExactSpelling = true), SuppressGCTransition]
        public static extern int sqlite3_column_type(IntPtr stmt, int index);

        [DllImport("e_sqlite3", ExactSpelling = true), SuppressGCTransition]
        public static extern long sqlite3_column_int64(IntPtr stmt, int index);

        [DllImport("e_sqlite3", ExactSpelling = true), SuppressGCTransition]
        public static extern double sqlite3_column_double(IntPtr stmt, int index);

        [DllImport("e_sqlite3", ExactSpelling = true), SuppressGCTransition]
        public static extern IntPtr sqlite3_column_blob(IntPtr stmt, int index);

        [DllImport("e_sqlite3", ExactSpelling = true), SuppressGCTransition]
        public static extern int sqlite3_column_bytes(IntPtr stmt, int index);
    }
}

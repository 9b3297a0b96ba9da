using LineAgent.Agent.Events;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Pacing;
using Microsoft.Data.Sqlite;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// The durable send queue, in journal.db. Every state change is written in the same transaction as its journal
/// event (<see cref="JournalStore.Append"/>), so the outbox and the event stream never disagree, even across a
/// crash. Idempotency keys are unique for the table's whole life: the same key always maps to the same send.
/// </summary>
public sealed class OutboxStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly JournalStore _journal;
    private readonly TimeProvider _time;

    /// <summary>Opens the outbox tables in <paramref name="journal"/>'s file, creating them if needed.</summary>
    public OutboxStore(JournalStore journal, TimeProvider time)
    {
        _journal = journal;
        _time = time;
        using var connection = journal.OpenConnection();
        OutboxSchema.Apply(connection);
    }

    /// <summary>The request's fingerprint: SHA-256 of its canonical JSON.</summary>
    public static string Fingerprint(OutboundRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Json))));

    /// <summary>
    /// Accepts a send, or returns the original one for a repeated key (<c>Replayed</c> = true). Checks, in one
    /// transaction with the insert: key reuse with another request (<see cref="IdempotencyConflictException"/>),
    /// the queue limit and the new-contact budget (<see cref="PacingRejectedException"/>).
    /// <paramref name="newContacts"/> are the recipients chat.db has no history with.
    /// </summary>
    public (OutboxEntry Entry, bool Replayed) Accept(string idempotencyKey, OutboundRequest request, IReadOnlyList<string> newContacts,
        OutboxOptions options, PacingOptions pacing)
    {
        var fingerprint = Fingerprint(request);
        if (FindByKey(idempotencyKey) is { } existing)
            return (CheckReplay(existing, idempotencyKey, fingerprint), true);

        var now = _time.GetUtcNow();
        var entry = new OutboxEntry(Guid.NewGuid().ToString("N"), idempotencyKey, request, SendState.Queued, DeliveryState.None, now,
            request.TargetChatGuid, [], null, 0, null, []);
        OutboxEntry? raced = null;
        try
        {
            _journal.Append([Event(entry, SendState.Queued, now)], null, tx =>
            {
                // Re-checked inside the write lock: a concurrent request with the same key may have won.
                if (FindByKey(tx, idempotencyKey) is { } winner)
                {
                    raced = winner;
                    throw new ReplayException();
                }
                EnforceLimits(tx, newContacts, options, pacing, now);
                Insert(tx, entry, fingerprint);
                foreach (var handle in newContacts)
                    Exec(tx, "INSERT OR IGNORE INTO outbox_new_contact (handle, send_id, counted_at) VALUES ($h, $s, $t)",
                        ("$h", handle), ("$s", entry.SendId), ("$t", now.ToUnixTimeMilliseconds()));
            });
        }
        catch (ReplayException)
        {
            return (CheckReplay(raced!, idempotencyKey, fingerprint), true);
        }
        return (entry, false);
    }

    /// <summary>The send with this id, or null.</summary>
    public OutboxEntry? Find(string sendId) => QueryOne("WHERE send_id = $v", sendId);

    /// <summary>The send made with this idempotency key, or null.</summary>
    public OutboxEntry? FindByKey(string idempotencyKey) => QueryOne("WHERE idempotency_key = $v", idempotencyKey);

    /// <summary>The oldest queued send, or null.</summary>
    public OutboxEntry? NextQueued() => QueryOne("WHERE state = $v ORDER BY seq LIMIT 1", Name(SendState.Queued));

    /// <summary>Sends in <paramref name="state"/>, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> ListInState(SendState state, int limit = 1000) =>
        Query("WHERE state = $v ORDER BY seq LIMIT " + limit.ToString(CultureInfo.InvariantCulture), Name(state));

    /// <summary>Sent sends accepted after <paramref name="since"/> whose receipts are not complete.</summary>
    public IReadOnlyList<OutboxEntry> ListTracked(DateTimeOffset since, int limit = 500) =>
        Query($"WHERE state = '{Name(SendState.Sent)}' AND delivery <> 'read' AND accepted_at >= $v ORDER BY seq LIMIT {limit}",
            since.ToUnixTimeMilliseconds());

    /// <summary>Sent sends accepted before <paramref name="before"/> that still hold staged files, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> ListWithStagedFiles(DateTimeOffset before, int limit = 500) =>
        Query($"WHERE state = '{Name(SendState.Sent)}' AND staged_files <> '[]' AND accepted_at <= $v ORDER BY seq LIMIT {limit}",
            before.ToUnixTimeMilliseconds());

    /// <summary>
    /// The <paramref name="limit"/> sends whose key starts with <paramref name="prefix"/> that sort last by key, last first:
    /// for the canary's keys (fixed-width Unix seconds after the prefix) the newest rounds. Reads the unique key index
    /// alone, backwards, so the cost does not grow with the outbox.
    /// </summary>
    public IReadOnlyList<OutboxEntry> ListWithKeyPrefixDescending(string prefix, int limit)
    {
        // [prefix, prefix + U+FFFF) holds exactly the keys that start with it.
        using var connection = _journal.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE idempotency_key >= $from AND idempotency_key < $to ORDER BY idempotency_key DESC LIMIT $limit";
        command.Parameters.AddWithValue("$from", prefix);
        command.Parameters.AddWithValue("$to", prefix + '\uffff');
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var entries = new List<OutboxEntry>();
        while (reader.Read())
            entries.Add(Read(reader));
        return entries;
    }

    /// <summary>Counts sends waiting in the queue.</summary>
    public long CountQueued()
    {
        using var connection = _journal.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox_send WHERE state = 'queued'";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Sends queued or being sent (what Outbox:MaxQueuedSends limits).</summary>
    public long CountWaiting()
    {
        using var connection = _journal.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox_send WHERE state IN ('queued', 'sending')";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>When each new contact counted after <paramref name="since"/> was counted (the new-contact budgets).</summary>
    public IReadOnlyList<DateTimeOffset> NewContactsSince(DateTimeOffset since)
    {
        using var connection = _journal.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT counted_at FROM outbox_new_contact WHERE counted_at > $since";
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        var times = new List<DateTimeOffset>();
        while (reader.Read())
            times.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        return times;
    }

    /// <summary>
    /// Outcomes of the message sends (texts, files, locations, new groups, replies; not tapbacks, typing, edits or other UI actions;
    /// not the canary's) accepted after <paramref name="since"/>, and the newest sent and delivered times of any send.
    /// </summary>
    public OutboxStats Stats(DateTimeOffset since)
    {
        using var connection = _journal.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT
                COALESCE(SUM(state = 'sent'), 0),
                COALESCE(SUM(state = 'sent' AND delivery <> 'none'), 0),
                COALESCE(SUM(state = 'failed'), 0),
                COALESCE(SUM(state = 'failed' AND failure_code = 'not_delivered'), 0),
                COALESCE(SUM(state = 'unconfirmed'), 0),
                COALESCE(SUM(state = 'failed' AND failure_code = 'misrouted'), 0)
            FROM outbox_send
            WHERE accepted_at >= $since AND kind IN ('Message', 'Location', 'CreateChat', 'Reply')
                AND substr(idempotency_key, 1, $reserved) <> $prefix
            """;
        // The line's own traffic (the canary) is judged on its own (Line.canary), not in the customers' ratio.
        command.Parameters.AddWithValue("$reserved", LineTrafficKeys.Prefix.Length);
        command.Parameters.AddWithValue("$prefix", LineTrafficKeys.Prefix);
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        long sent, delivered, failed, notDelivered, unconfirmed, misrouted;
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            (sent, delivered, failed, notDelivered, unconfirmed, misrouted) =
                (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        }
        using var latest = connection.CreateCommand();
        latest.CommandText = "SELECT MAX(sent_at), MAX(delivered_at) FROM outbox_send";
        using var times = latest.ExecuteReader();
        times.Read();
        return new OutboxStats(sent, delivered, failed, notDelivered, unconfirmed, misrouted, Time(times, 0), Time(times, 1));
    }

    /// <summary>
    /// Saves <paramref name="next"/> (the same send with new values). When <paramref name="journalState"/> is
    /// set, the matching send.* event is appended in the same transaction; <paramref name="delivery"/> likewise
    /// appends send.delivered / send.read.
    /// </summary>
    public OutboxEntry Save(OutboxEntry next, bool journalState = false, bool journalDelivery = false)
    {
        var now = _time.GetUtcNow();
        var events = new List<NewJournalEvent>();
        if (journalState)
            events.Add(Event(next, next.State, now));
        if (journalDelivery && next.Delivery != DeliveryState.None)
            events.Add(DeliveryEvent(next, now));
        _journal.Append(events, null, tx => Exec(tx, """
            UPDATE outbox_send SET state = $state, delivery = $delivery, updated_at = $now, chat_guid = $chat,
                message_guids = $guids, error = $error, steps_done = $steps, inflight_snapshot = $snapshot, staged_files = $staged,
                script_started = $started, failure_code = $code, delivered_at = $delivered, read_at = $read,
                sent_at = CASE WHEN $state = 'sent' THEN COALESCE(sent_at, $now) ELSE sent_at END
            WHERE send_id = $id
            """,
            ("$state", Name(next.State)), ("$delivery", Name(next.Delivery)), ("$now", now.ToUnixTimeMilliseconds()),
            ("$chat", next.ChatGuid), ("$guids", JsonSerializer.Serialize(next.MessageGuids, Json)), ("$error", next.Error),
            ("$steps", next.StepsDone), ("$snapshot", next.InflightSnapshot), ("$staged", JsonSerializer.Serialize(next.StagedFiles, Json)),
            ("$started", next.ScriptStarted ? 1 : 0), ("$code", SendFailures.Name(next.FailureCode)),
            ("$delivered", next.DeliveredAt?.ToUnixTimeMilliseconds()), ("$read", next.ReadAt?.ToUnixTimeMilliseconds()), ("$id", next.SendId)));
        return next;
    }

    /// <summary>
    /// Records, durably, that the send's step in flight is about to start osascript. Touches that column only; called
    /// immediately before the process is spawned (see <see cref="OutboxEntry.ScriptStarted"/>).
    /// </summary>
    public void MarkScriptStarted(string sendId) =>
        _journal.Append([], null, tx => Exec(tx, "UPDATE outbox_send SET script_started = 1 WHERE send_id = $id", ("$id", sendId)));

    /// <summary>
    /// Forgets a send's staged files (after they were deleted). Touches that column only, so it cannot undo a
    /// concurrent state or receipt change.
    /// </summary>
    public void ClearStagedFiles(string sendId) =>
        _journal.Append([], null, tx => Exec(tx, "UPDATE outbox_send SET staged_files = '[]', updated_at = $now WHERE send_id = $id",
            ("$now", _time.GetUtcNow().ToUnixTimeMilliseconds()), ("$id", sendId)));

    private static OutboxEntry CheckReplay(OutboxEntry existing, string key, string fingerprint) =>
        Fingerprint(existing.Request) == fingerprint ? existing : throw new IdempotencyConflictException(key);

    private void EnforceLimits(SqliteTransaction tx, IReadOnlyList<string> newContacts, OutboxOptions options, PacingOptions pacing, DateTimeOffset now)
    {
        var queued = (long)Scalar(tx, "SELECT COUNT(*) FROM outbox_send WHERE state IN ('queued', 'sending')")!;
        if (queued >= options.MaxQueuedSends)
            throw new PacingRejectedException(
                $"This line already has {queued} sends waiting (Outbox:MaxQueuedSends = {options.MaxQueuedSends}).",
                TimeSpan.FromSeconds(Math.Max(1, queued / Math.Max(0.001, pacing.MessagesPerSecond))));
        if (!pacing.Enabled || newContacts.Count == 0)
            return;

        // A recipient already counted (an earlier send to the same new contact) does not count twice.
        var fresh = newContacts.Where(h => Scalar(tx, "SELECT 1 FROM outbox_new_contact WHERE handle = $h", ("$h", h)) is null).ToList();
        if (fresh.Count == 0)
            return;
        var since = now - TimeSpan.FromDays(1);
        var counted = new List<DateTimeOffset>();
        using (var command = Command(tx, "SELECT counted_at FROM outbox_new_contact WHERE counted_at > $since", ("$since", since.ToUnixTimeMilliseconds())))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                counted.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        }
        if (NewContactBudget.Check(pacing, counted, fresh.Count, now) is { } retryAfter)
            throw new PacingRejectedException(
                $"New-contact budget reached: this line may start {pacing.NewContactsPerDay} new conversations per 24 h and "
                + $"{pacing.NewContactsPerHour} per hour (Pacing:NewContactsPerDay/PerHour); Apple flags lines that exceed this.",
                retryAfter, SendFailureCode.BudgetExhausted);
    }

    private static void Insert(SqliteTransaction tx, OutboxEntry entry, string fingerprint) =>
        Exec(tx, """
            INSERT INTO outbox_send (send_id, idempotency_key, fingerprint, kind, request_json, state, accepted_at, updated_at, chat_guid)
            VALUES ($id, $key, $fp, $kind, $json, $state, $at, $at, $chat)
            """,
            ("$id", entry.SendId), ("$key", entry.IdempotencyKey), ("$fp", fingerprint), ("$kind", entry.Request.Kind.ToString()),
            ("$json", JsonSerializer.Serialize(entry.Request, Json)), ("$state", Name(entry.State)),
            ("$at", entry.AcceptedAt.ToUnixTimeMilliseconds()), ("$chat", entry.ChatGuid));

    private OutboxEntry? QueryOne(string where, object value) => Query(where, value).FirstOrDefault();

    private static OutboxEntry? FindByKey(SqliteTransaction tx, string key)
    {
        using var command = Command(tx, Select + " WHERE idempotency_key = $v", ("$v", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private const string Select = """
        SELECT send_id, idempotency_key, request_json, state, delivery, accepted_at, chat_guid, message_guids, error,
               steps_done, inflight_snapshot, staged_files, script_started, failure_code, delivered_at, read_at, sent_at
        FROM outbox_send
        """;

    private List<OutboxEntry> Query(string where, object value)
    {
        using var connection = _journal.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = Select + " " + where;
        command.Parameters.AddWithValue("$v", value);
        using var reader = command.ExecuteReader();
        var list = new List<OutboxEntry>();
        while (reader.Read())
            list.Add(Read(reader));
        return list;
    }

    private static OutboxEntry Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), JsonSerializer.Deserialize<OutboundRequest>(r.GetString(2), Json)!,
        Enum.Parse<SendState>(r.GetString(3), ignoreCase: true), Enum.Parse<DeliveryState>(r.GetString(4), ignoreCase: true),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), r.IsDBNull(6) ? null : r.GetString(6),
        JsonSerializer.Deserialize<List<string>>(r.GetString(7), Json)!, r.IsDBNull(8) ? null : r.GetString(8), r.GetInt32(9),
        r.IsDBNull(10) ? null : r.GetInt64(10), JsonSerializer.Deserialize<List<string>>(r.GetString(11), Json)!, r.GetInt64(12) != 0,
        SendFailures.Parse(r.IsDBNull(13) ? null : r.GetString(13)), Time(r, 14), Time(r, 15), Time(r, 16));

    private static DateTimeOffset? Time(SqliteDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(ordinal));

    private static NewJournalEvent Event(OutboxEntry e, SendState state, DateTimeOffset now) =>
        new(JournalEventIds.Send(e.SendId, Name(state)), EventType(state), now, e.ChatGuid, e.MessageGuids.FirstOrDefault(), Payload(e, Name(state)));

    private static NewJournalEvent DeliveryEvent(OutboxEntry e, DateTimeOffset now) =>
        new(JournalEventIds.Send(e.SendId, Name(e.Delivery)), e.Delivery == DeliveryState.Read ? JournalEventTypes.SendRead : JournalEventTypes.SendDelivered,
            now, e.ChatGuid, e.MessageGuids.FirstOrDefault(), Payload(e, Name(e.Delivery)));

    private static string EventType(SendState state) => state switch
    {
        SendState.Queued => JournalEventTypes.SendQueued,
        SendState.Sending => JournalEventTypes.SendSending,
        SendState.Sent => JournalEventTypes.SendSent,
        SendState.Failed => JournalEventTypes.SendFailed,
        _ => JournalEventTypes.SendUnconfirmed,
    };

    private static string Payload(OutboxEntry e, string state) =>
        EventJson.ToJson(new SendPayload(e.SendId, e.IdempotencyKey, e.Request.Kind.ToString(), state, e.ChatGuid, e.MessageGuids, e.Error,
            SendFailures.Name(e.FailureCode), e.Retryable, e.IsCanary));

    /// <summary>The stored (lower-case) name of a state.</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static SqliteCommand Command(SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = tx.Connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private static void Exec(SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(tx, sql, parameters);
        return command.ExecuteScalar();
    }

    private sealed class ReplayException : Exception;
}

/// <summary>What <see cref="OutboxStore.Stats"/> counts (see there).</summary>
public sealed record OutboxStats(long Sent, long Delivered, long Failed, long NotDelivered, long Unconfirmed, long Misrouted,
    DateTimeOffset? LastSentAt, DateTimeOffset? LastDeliveredAt);

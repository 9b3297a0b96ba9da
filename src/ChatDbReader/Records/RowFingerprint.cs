namespace LineAgent.ChatDbReader.Records;

/// <summary>
/// The mutable columns of one message row as one comparable string: is_sent, error, is_delivered, date_delivered,
/// is_read, date_read, date_edited, date_retracted, is_empty, part_count, the size of message_summary_info and each
/// attachment's transfer_state. Two reads of an unchanged row give the same <paramref name="Value"/>.
/// </summary>
public readonly record struct RowFingerprint(long RowId, string Guid, string Value);

namespace LineAgent.ChatDbReader.Records;

/// <summary>A handle row: one address on one service (handle is UNIQUE(id, service)).</summary>
/// <param name="RowId">handle.ROWID.</param>
/// <param name="Id">The address: E.164 phone, e-mail, short code, business URN.</param>
/// <param name="Service">iMessage, SMS, RCS, …</param>
/// <param name="Country">handle.country, may be null.</param>
/// <param name="UncanonicalizedId">The raw form of <paramref name="Id"/>, may be null.</param>
/// <param name="PersonCentricId">Groups one person's handles; null when absent or not set.</param>
public sealed record HandleRecord(long RowId, string Id, string Service, string? Country, string? UncanonicalizedId, string? PersonCentricId);

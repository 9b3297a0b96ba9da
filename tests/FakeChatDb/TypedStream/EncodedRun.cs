namespace LineAgent.FakeChatDb;

/// <summary>
/// One attribute run for <see cref="TypedStreamEncoder"/>.
/// </summary>
/// <param name="Length">Length in UTF-16 code units; runs are consecutive and must sum to the text length.</param>
/// <param name="Attributes">Attribute name → value (int/long → NSNumber, double → NSNumber d, string → NSString,
/// Uri → NSURL, byte[] → NSData, dictionary → NSDictionary).</param>
public sealed record EncodedRun(int Length, IReadOnlyDictionary<string, object> Attributes);

namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// An archived object of a class the decoder has no model for (or NSValue). Kept so nothing is lost silently.
/// </summary>
/// <param name="ClassName">The archived class name (most-derived).</param>
/// <param name="Fields">The values of its typed groups in archive order (same value mapping as
/// <see cref="AttributeRun.Attributes"/>; a struct value is an <see cref="IReadOnlyList{T}"/> of its fields, a
/// <c>[Nc]</c> array a <see cref="byte"/>[]). For NSValue: [0] is the ObjC type encoding (e.g.
/// <c>{_NSRange=QQ}</c>), [1] the value.</param>
public sealed record TypedStreamObject(string ClassName, IReadOnlyList<object?> Fields);

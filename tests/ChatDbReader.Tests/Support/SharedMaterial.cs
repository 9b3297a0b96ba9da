namespace LineAgent.ChatDbReader.Tests.Support;

/// <summary>
/// Test material that lives outside the repository, in <c>../shared</c> beside the checkout: the GPL typedstream
/// corpus (read at run time, never copied in) and the schema reference dumps. CI lays the folder there; a fresh
/// clone of the repository alone has none, and the tests that need it are skipped, naming the folder.
/// </summary>
internal static class SharedMaterial
{
    /// <summary>Real attributedBody and plist vectors (imessage-exporter, crabstep; GPL-3.0) and their expected decodings.</summary>
    public const string TypedStreamCorpus = "corpus/typedstream";

    /// <summary>The chat.db schema dumps our DDL (src/Simulation/FakeChatDb/Schema/ChatDbDdl.cs) was generated from.</summary>
    public const string Reference = "reference";

    /// <summary>
    /// <c>shared/&lt;relative&gt;</c> in the nearest ancestor of the directory holding LineAgent.sln (../shared from
    /// the main checkout; a worktree deeper down finds its ancestors' shared/), or null when there is none.
    /// </summary>
    public static string? Find(string relative)
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "LineAgent.sln")))
            repository = repository.Parent;

        for (var up = repository?.Parent; up is not null; up = up.Parent)
        {
            var candidate = Path.Combine(up.FullName, "shared", relative);
            if (Directory.Exists(candidate))
                return candidate;
        }

        return null;
    }

    /// <summary>The folder, or a failure naming it (for tests already skipped when it is absent).</summary>
    public static string Require(string relative) =>
        Find(relative) ?? throw new InvalidOperationException(SkipReason(relative));

    /// <summary>Null when the folder is there; otherwise why a test that needs it cannot run.</summary>
    public static string? SkipReasonIfMissing(string relative) => Find(relative) is null ? SkipReason(relative) : null;

    private static string SkipReason(string relative) =>
        $"needs ../shared/{relative} beside the repository (not part of it; CI provides it), not found above " +
        AppContext.BaseDirectory;
}

/// <summary>A fact that needs <c>../shared/&lt;folder&gt;</c>: skipped, with the reason, when the folder is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute(string folder)
    {
        Skip = SharedMaterial.SkipReasonIfMissing(folder);
    }
}

/// <summary>A theory that needs <c>../shared/&lt;folder&gt;</c>: skipped, with the reason, when the folder is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute(string folder)
    {
        Skip = SharedMaterial.SkipReasonIfMissing(folder);
    }
}

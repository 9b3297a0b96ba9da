using System.Reflection;
using System.Runtime.CompilerServices;
using LineAgent.Agent.Tests.TestSupport;
using Xunit.Sdk;

[assembly: HomeStaysUntouched]

namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>
/// Tests never touch the real home: on a Mac ~/Library/Messages is Messages' own folder (its chat.db and the
/// attachments it sends), and ~/Library/LaunchAgents, ~/Library/Application Support are the operator's. Before any
/// test runs, $HOME points at a fresh empty directory for the whole run (child processes inherit it) and the XDG
/// overrides are cleared, so a default path that slips through lands there instead of the real home. Every test
/// passes its own state, chat.db and staging paths; <see cref="HomeStaysUntouchedAttribute"/> fails any test after
/// which that directory is no longer empty.
/// </summary>
internal static class IsolatedHome
{
    /// <summary>The stand-in $HOME for this run.</summary>
    public static string Path { get; private set; } = "";

    [ModuleInitializer]
    internal static void Redirect()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lineagent-tests-home", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Environment.SetEnvironmentVariable("HOME", Path);
        foreach (var xdg in new[] { "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME" })
            Environment.SetEnvironmentVariable(xdg, null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
    }

    /// <summary>
    /// Throws, naming what was written, when <paramref name="home"/> is not empty; empties it first so that one
    /// offender fails once rather than every test after it.
    /// </summary>
    public static void RequireEmpty(string home, string testName)
    {
        var leftovers = Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories)
            .Where(p => !Directory.Exists(p) || !Directory.EnumerateFileSystemEntries(p).Any()) // files and empty folders
            .Select(p => "~/" + System.IO.Path.GetRelativePath(home, p))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (leftovers.Count == 0)
            return;

        foreach (var entry in Directory.EnumerateFileSystemEntries(home))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }

        throw new InvalidOperationException(
            $"A test wrote into $HOME ({string.Join(", ", leftovers.Take(5))}" +
            $"{(leftovers.Count > 5 ? $" and {leftovers.Count - 5} more" : "")}) during or before {testName}: on a " +
            "Mac that is the real home (~/Library/Messages is Messages' own folder). Pass the test's own state, " +
            "chat.db and staging paths.");
    }
}

/// <summary>Fails a test after which anything exists under the stand-in $HOME (see <see cref="IsolatedHome"/>).</summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class HomeStaysUntouchedAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest) =>
        IsolatedHome.RequireEmpty(IsolatedHome.Path, $"{methodUnderTest.DeclaringType?.Name}.{methodUnderTest.Name}");
}

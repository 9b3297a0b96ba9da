namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>Nested paths inside a <see cref="TempDirectory"/>.</summary>
internal static class TempDirectoryPaths
{
    public static string Combine(this TempDirectory directory, params string[] parts) => System.IO.Path.Combine([directory.Path, .. parts]);
}

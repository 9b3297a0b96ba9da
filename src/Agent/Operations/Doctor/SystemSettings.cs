namespace LineAgent.Agent.Operations.Doctor;

/// <summary>
/// System Settings deep links (x-apple.systempreferences: URLs) that open the right privacy pane; `open URL` works
/// from Terminal. Privacy panes as AirMessage's setup uses them; Users &amp; Groups is the macOS 13+ extension id.
/// </summary>
public static class SystemSettings
{
    public const string FullDiskAccess = "x-apple.systempreferences:com.apple.preference.security?Privacy_AllFiles";
    public const string Automation = "x-apple.systempreferences:com.apple.preference.security?Privacy_Automation";
    public const string Accessibility = "x-apple.systempreferences:com.apple.preference.security?Privacy_Accessibility";
    public const string UsersAndGroups = "x-apple.systempreferences:com.apple.Users-Groups-Settings.extension";

    /// <summary>"open 'URL'" — the command an operator pastes.</summary>
    public static string Open(string url) => $"open '{url}'";
}

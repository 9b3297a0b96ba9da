namespace LineAgent.Agent.Observability;

/// <summary>The macOS privacy (TCC) grants the agent depends on, as reported by the permission-health gauge.</summary>
public enum AgentPermission
{
    /// <summary>Full Disk Access: read ~/Library/Messages/chat.db.</summary>
    FullDiskAccess,
    /// <summary>Automation → Messages: Apple events to Messages (denied = -1743).</summary>
    AutomationMessages,
    /// <summary>Automation → System Events: a separate toggle from Messages.</summary>
    AutomationSystemEvents,
    /// <summary>Accessibility: keystrokes and UI scripting (tapbacks, typing, group creation).</summary>
    Accessibility,
}

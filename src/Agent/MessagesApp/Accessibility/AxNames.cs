namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>The AX attribute, action and role names the navigator uses (HIServices AXAttributeConstants.h / AXActionConstants.h).</summary>
public static class AxNames
{
    public const string Role = "AXRole";
    public const string Subrole = "AXSubrole";
    public const string Identifier = "AXIdentifier";
    public const string Description = "AXDescription";
    public const string Title = "AXTitle";
    public const string Value = "AXValue";
    public const string PlaceholderValue = "AXPlaceholderValue";
    public const string NumberOfCharacters = "AXNumberOfCharacters";
    public const string Selected = "AXSelected";
    public const string Focused = "AXFocused";
    public const string Enabled = "AXEnabled";
    public const string Frame = "AXFrame";
    public const string Children = "AXChildren";
    public const string SelectedChildren = "AXSelectedChildren";
    public const string Windows = "AXWindows";
    public const string MainWindow = "AXMainWindow";
    public const string FocusedWindow = "AXFocusedWindow";
    public const string FocusedUIElement = "AXFocusedUIElement";
    public const string MenuBar = "AXMenuBar";

    public const string Press = "AXPress";
    public const string Cancel = "AXCancel";
    public const string Confirm = "AXConfirm";
    public const string ShowMenu = "AXShowMenu";
    public const string ScrollToVisible = "AXScrollToVisible";

    public const string RoleApplication = "AXApplication";
    public const string RoleWindow = "AXWindow";
    public const string RoleGroup = "AXGroup";
    public const string RoleButton = "AXButton";
    public const string RoleTextArea = "AXTextArea";
    public const string RoleTextField = "AXTextField";
    public const string RolePopUpButton = "AXPopUpButton";
    public const string RoleSheet = "AXSheet";
    public const string RoleMenu = "AXMenu";
    public const string SubroleSearchField = "AXSearchField";
}

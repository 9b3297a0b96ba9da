namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// One element of another application's accessibility tree (an AXUIElementRef on the Mac, a handle into the fake's
/// tree in tests). Reads return null when the attribute has no value or is not supported (NoValue,
/// AttributeUnsupported); every other failure throws <see cref="AxException"/>. An element names a place in the
/// tree, not a message: after a scroll the same place can hold the neighbour, so re-validate before acting.
/// </summary>
public interface IAxElement
{
    /// <summary>A string attribute (an attributed string's plain text); null when absent.</summary>
    string? GetString(string attribute);

    /// <summary>A boolean attribute; null when absent.</summary>
    bool? GetBool(string attribute);

    /// <summary>A number attribute (e.g. AXNumberOfCharacters); null when absent.</summary>
    long? GetNumber(string attribute);

    /// <summary>The element's frame; null when it has none or is outside the viewport (CGRect.null).</summary>
    AxRect? Frame { get; }

    /// <summary>An element-array attribute (AXChildren, AXSelectedChildren, AXWindows); empty when absent.</summary>
    IReadOnlyList<IAxElement> GetElements(string attribute);

    /// <summary>A single-element attribute (AXFocusedUIElement, AXMainWindow); null when absent.</summary>
    IAxElement? GetElement(string attribute);

    /// <summary>Every action name, custom ones serialised as "Name:&lt;title&gt;\nTarget:…\nSelector:…".</summary>
    IReadOnlyList<string> ActionNames { get; }

    /// <summary>Performs an action. CannotComplete does not mean it did not happen: the caller treats it as ambiguous.</summary>
    void PerformAction(string action);

    /// <summary>Sets a string attribute (AXValue of a text field).</summary>
    void SetString(string attribute, string value);

    /// <summary>Sets a boolean attribute (AXFocused, AXSelected).</summary>
    void SetBool(string attribute, bool value);

    /// <summary>True when both name the same element (CFEqual on the Mac).</summary>
    bool IsSameAs(IAxElement other);

    string? Role => GetString(AxNames.Role);
    string? Subrole => GetString(AxNames.Subrole);
    string? Identifier => GetString(AxNames.Identifier);
    string? Description => GetString(AxNames.Description);
    string? Title => GetString(AxNames.Title);
    string? Value => GetString(AxNames.Value);
    IReadOnlyList<IAxElement> Children => GetElements(AxNames.Children);
    IReadOnlyList<IAxElement> SelectedChildren => GetElements(AxNames.SelectedChildren);
    bool IsFocused => GetBool(AxNames.Focused) == true;
    bool IsSelected => GetBool(AxNames.Selected) == true;
    void SetValue(string value) => SetString(AxNames.Value, value);
    void Focus() => SetBool(AxNames.Focused, true);
}

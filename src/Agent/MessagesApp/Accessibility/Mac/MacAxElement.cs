using System.Runtime.Versioning;
using static LineAgent.Agent.MessagesApp.Accessibility.Mac.CoreFoundation;

namespace LineAgent.Agent.MessagesApp.Accessibility.Mac;

/// <summary>
/// An owned AXUIElementRef. Every value copied out of the API is released before the method returns; elements read
/// from a CFArray are borrowed (Get Rule) and retained here so they outlive the array. The finalizer releases
/// the element when nobody disposed it (elements are small and short-lived; the driver drops them after an action).
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed class MacAxElement : IAxElement
{
    private IntPtr _ref;

    /// <summary>Takes ownership of <paramref name="ownedRef"/> (a +1 reference).</summary>
    public MacAxElement(IntPtr ownedRef) => _ref = ownedRef != IntPtr.Zero ? ownedRef : throw new ArgumentNullException(nameof(ownedRef));

    ~MacAxElement() => Release(Interlocked.Exchange(ref _ref, IntPtr.Zero));

    internal IntPtr Handle => _ref;

    public string? GetString(string attribute) => WithValue(attribute, value =>
    {
        var type = CFGetTypeID(value);
        if (type == CFStringGetTypeID())
            return ReadString(value);
        // The compose field's value is an NSAttributedString on 13+ (Beeper messageFieldValue): take its plain string.
        if (type == CFAttributedStringGetTypeID())
            return ReadString(CFAttributedStringGetString(value));
        return null;
    });

    public bool? GetBool(string attribute) => WithValue<bool?>(attribute, value =>
        CFGetTypeID(value) == CFBooleanGetTypeID() ? CFBooleanGetValue(value) != 0 : null);

    public long? GetNumber(string attribute) => WithValue<long?>(attribute, value =>
        CFGetTypeID(value) == CFNumberGetTypeID() && CFNumberGetValue(value, NumberSInt64Type, out var n) != 0 ? n : null);

    public AxRect? Frame => WithValue<AxRect?>(AxNames.Frame, value =>
    {
        // AXFrame is an AXValueRef holding a CGRect; off-viewport elements report CGRect.null (infinite origin).
        if (CFGetTypeID(value) != HIServices.AXValueGetTypeID() || HIServices.AXValueGetValue(value, HIServices.AXValueCGRectType, out var r) == 0)
            return null;
        return double.IsInfinity(r.X) || double.IsInfinity(r.Y) ? null : new AxRect(r.X, r.Y, r.Width, r.Height);
    });

    public IReadOnlyList<IAxElement> GetElements(string attribute) =>
        WithValue<IReadOnlyList<IAxElement>>(attribute, value => CFGetTypeID(value) == CFArrayGetTypeID() ? Elements(value) : []) ?? [];

    public IAxElement? GetElement(string attribute) => WithValue<IAxElement?>(attribute, value =>
        CFGetTypeID(value) == HIServices.AXUIElementGetTypeID() ? new MacAxElement(CFRetain(value)) : null);

    public IReadOnlyList<string> ActionNames
    {
        get
        {
            var error = HIServices.AXUIElementCopyActionNames(Live, out var names);
            if (error != 0)
                return Tolerated(error, "AXUIElementCopyActionNames") ? [] : throw new AxException(AxException.FromCode(error), "AXUIElementCopyActionNames");
            try
            {
                var result = new List<string>();
                var count = CFArrayGetCount(names);
                for (nint i = 0; i < count; i++)
                {
                    var item = CFArrayGetValueAtIndex(names, i);     // borrowed
                    if (item != IntPtr.Zero && CFGetTypeID(item) == CFStringGetTypeID())
                        result.Add(ReadString(item));
                }
                return result;
            }
            finally
            {
                Release(names);
            }
        }
    }

    public void PerformAction(string action)
    {
        using var name = new OwnedString(action);
        Check(HIServices.AXUIElementPerformAction(Live, name.Handle), "AXUIElementPerformAction");
    }

    public void SetString(string attribute, string value)
    {
        using var name = new OwnedString(attribute);
        using var text = new OwnedString(value);
        Check(HIServices.AXUIElementSetAttributeValue(Live, name.Handle, text.Handle), "AXUIElementSetAttributeValue");
    }

    public void SetBool(string attribute, bool value)
    {
        using var name = new OwnedString(attribute);
        // kCFBooleanTrue/False are immortal constants: passed, never released.
        Check(HIServices.AXUIElementSetAttributeValue(Live, name.Handle, BooleanConstant(value)), "AXUIElementSetAttributeValue");
    }

    public bool IsSameAs(IAxElement other) => other is MacAxElement mac && CFEqual(Live, mac.Live) != 0;

    private IntPtr Live => _ref != IntPtr.Zero ? _ref : throw new ObjectDisposedException(nameof(MacAxElement));

    /// <summary>Copies the attribute, runs <paramref name="read"/> on the owned value, releases it. Null for NoValue/unsupported.</summary>
    private T? WithValue<T>(string attribute, Func<IntPtr, T?> read)
    {
        using var name = new OwnedString(attribute);
        var error = HIServices.AXUIElementCopyAttributeValue(Live, name.Handle, out var value);
        if (error != 0)
            return Tolerated(error, "AXUIElementCopyAttributeValue") ? default : throw new AxException(AxException.FromCode(error), "AXUIElementCopyAttributeValue");
        try
        {
            return value == IntPtr.Zero ? default : read(value);
        }
        finally
        {
            Release(value);
        }
    }

    /// <summary>Retains every AXUIElementRef of a borrowed CFArray into its own owning wrapper.</summary>
    private static List<IAxElement> Elements(IntPtr array)
    {
        var result = new List<IAxElement>();
        var count = CFArrayGetCount(array);
        var elementType = HIServices.AXUIElementGetTypeID();
        for (nint i = 0; i < count; i++)
        {
            var item = CFArrayGetValueAtIndex(array, i);
            if (item != IntPtr.Zero && CFGetTypeID(item) == elementType)
                result.Add(new MacAxElement(CFRetain(item)));
        }
        return result;
    }

    private static bool Tolerated(int error, string operation) =>
        AxException.FromCode(error) is AxError.NoValue or AxError.AttributeUnsupported;

    private static void Check(int error, string operation)
    {
        if (error != 0)
            throw new AxException(AxException.FromCode(error), operation);
    }
}

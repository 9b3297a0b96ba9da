namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>An element's frame in screen points (AX coordinates: origin top-left of the main screen).</summary>
public readonly record struct AxRect(double X, double Y, double Width, double Height)
{
    /// <summary>The centre point, used to tell two elements apart by position.</summary>
    public (double X, double Y) Centre => (X + Width / 2, Y + Height / 2);
}

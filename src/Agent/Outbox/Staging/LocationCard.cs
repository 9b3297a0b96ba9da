using System.Globalization;
using System.Text;
using LineAgent.Agent.Attachments;

namespace LineAgent.Agent.Outbox.Staging;

/// <summary>
/// The one-time location pin: a vCard named *.loc.vcf (UTI public.vlocation), which Apple devices render as a
/// "Shared Location" map. Shape as BlueBubbles' clients and bothbubbles build it (reference §1.9): VERSION 3.0,
/// N/FN "Current Location", one ungrouped URL with the vCard-escaped comma "\,", latitude first.
/// </summary>
public static class LocationCard
{
    /// <summary>The vCard text (CRLF line endings, as vCard requires).</summary>
    public static string Build(double latitude, double longitude)
    {
        var lat = latitude.ToString("0.0#####", CultureInfo.InvariantCulture);
        var lon = longitude.ToString("0.0#####", CultureInfo.InvariantCulture);
        var lines = new[]
        {
            "BEGIN:VCARD",
            "VERSION:3.0",
            "PRODID:-//Apple Inc.//macOS 13.0//EN",
            "N:;Current Location;;;",
            "FN:Current Location",
            $"URL;type=pref:https://maps.apple.com/?ll={lat}\\,{lon}&q={lat}\\,{lon}",
            "END:VCARD",
        };
        return string.Join("\r\n", lines) + "\r\n";
    }

    /// <summary>The file name: the pin's label (sanitized) or "Current Location", with the .loc.vcf extension.</summary>
    public static string FileName(string? label)
    {
        var stem = string.IsNullOrWhiteSpace(label) ? "Current Location" : AttachmentFileNames.Sanitize(label);
        if (stem.Length > 100)
            stem = stem[..100];
        return stem + ".loc.vcf";
    }

    /// <summary>The vCard as UTF-8 bytes.</summary>
    public static byte[] Bytes(double latitude, double longitude) => Encoding.UTF8.GetBytes(Build(latitude, longitude));
}

using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace LineAgent.Agent.Tests.Operations.Launchd;

/// <summary>Reads an XML property list into dictionaries, lists, strings, longs and bools; throws on anything else.</summary>
internal static class PlistXml
{
    public static Dictionary<string, object> ParseDictionary(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var root = XDocument.Load(reader).Root!;
        Assert.Equal("plist", root.Name.LocalName);
        var top = Assert.Single(root.Elements());
        return Assert.IsType<Dictionary<string, object>>(Value(top));
    }

    private static object Value(XElement e) => e.Name.LocalName switch
    {
        "dict" => Dict(e),
        "array" => e.Elements().Select(Value).ToList(),
        "string" => e.Value,
        "integer" => long.Parse(e.Value, CultureInfo.InvariantCulture),
        "true" => true,
        "false" => false,
        var other => throw new InvalidDataException($"unexpected plist element <{other}>"),
    };

    private static Dictionary<string, object> Dict(XElement e)
    {
        var children = e.Elements().ToList();
        Assert.True(children.Count % 2 == 0, "a dict holds key/value pairs");
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < children.Count; i += 2)
        {
            Assert.Equal("key", children[i].Name.LocalName);
            result.Add(children[i].Value, Value(children[i + 1]));
        }
        return result;
    }
}

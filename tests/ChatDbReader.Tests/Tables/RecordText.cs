using System.Collections;
using System.Reflection;
using System.Text;

namespace LineAgent.ChatDbReader.Tests.Tables;

/// <summary>A record rendered with every public property, lists and nested records expanded: equal text, equal value.</summary>
internal static class RecordText
{
    public static string Of(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, int depth)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                return;
            case string s:
                sb.Append('"').Append(s).Append('"');
                return;
            case IEnumerable items when value is not string:
                sb.Append('[');
                foreach (var item in items)
                {
                    Append(sb, item, depth + 1);
                    sb.Append(',');
                }
                sb.Append(']');
                return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is DateTimeOffset or decimal || depth > 8)
        {
            sb.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        sb.Append(type.Name).Append('{');
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            sb.Append(p.Name).Append('=');
            Append(sb, p.GetValue(value), depth + 1);
            sb.Append(';');
        }
        sb.Append('}');
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsSequence.Cli.Sending;

/// <summary>
/// An event's JSON data built from <c>kn event send</c>'s <c>--field NAME=VALUE</c> and <c>--raw-field NAME=VALUE</c>:
/// a dotted NAME nests (<c>player.id=7</c> is <c>{"player":{"id":7}}</c>); a field's VALUE is a boolean or a number
/// where <c>kn event send</c> makes it one (<c>true</c>, <c>456</c>; <c>2345.40</c> and <c>007</c> stay text, as its
/// README shows), JSON when it is an object or array (<c>{"a":1}</c>, which kn would send as text), else text; a raw
/// field's is always text.
/// </summary>
internal static class DataFields
{
    /// <summary>The data object of <paramref name="fields"/> in the order given (fseq send gives its --field values, then its --raw-field ones); an <see cref="ArgumentException"/> names a field that cannot be placed.</summary>
    public static JsonElement Build(IEnumerable<(string Option, string Name, string Value)> fields)
    {
        var data = new JsonObject();
        foreach ((string option, string name, string value) in fields)
        {
            string[] path = name.Split('.');
            if (path.Any(p => p.Length == 0))
            {
                throw new ArgumentException($"{option} {name}={value}: '{name}' has an empty part; write NAME or NAME.NAME");
            }

            JsonObject parent = data;
            for (int i = 0; i < path.Length - 1; i++)
            {
                parent = parent[path[i]] switch
                {
                    null when !parent.ContainsKey(path[i]) => (JsonObject)(parent[path[i]] = new JsonObject()),
                    JsonObject inner => inner,
                    _ => throw new ArgumentException($"{option} {name}={value}: '{string.Join('.', path[..(i + 1)])}' is set to a value already, not an object"),
                };
            }

            if (parent.ContainsKey(path[^1]))
            {
                throw new ArgumentException($"{option} {name}={value}: '{name}' is set already");
            }

            parent[path[^1]] = option == "--raw-field" ? JsonValue.Create(value) : Parse(value);
        }

        return JsonSerializer.SerializeToElement(data);
    }

    /// <summary>kn-plugin-event's reading (<c>CreateWithArgs</c>): a boolean or a number only when Go writes it back as given.</summary>
    private static JsonNode? Parse(string value)
    {
        if (value is "true" or "false")
        {
            return JsonValue.Create(value == "true");
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer) && integer.ToString(CultureInfo.InvariantCulture) == value)
        {
            return JsonValue.Create(integer);
        }

        // Go's %f: six decimals, so 1.500000 is a number and 1.5 is text (and NaN, which .NET parses, Go writes as NaN: JSON has no such number).
        if (double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)
            && double.IsFinite(number) && number.ToString("F6", CultureInfo.InvariantCulture) == value)
        {
            return JsonValue.Create(number);
        }

        if (value.TrimStart() is ['{' or '[', ..])
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException)
            {
                // not JSON after all: text
            }
        }

        return JsonValue.Create(value);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsSequence.Cli.Sending;

/// <summary>
/// An event's JSON data built from <c>kn event send</c>'s <c>--field NAME=VALUE</c> and <c>--raw-field NAME=VALUE</c>:
/// a dotted NAME nests (<c>player.id=7</c> is <c>{"player":{"id":7}}</c>); a field's VALUE that is JSON
/// (<c>456</c>, <c>true</c>, <c>{"a":1}</c>) is taken as such, else as text, and a raw field's is always text.
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

    private static JsonNode? Parse(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }
}

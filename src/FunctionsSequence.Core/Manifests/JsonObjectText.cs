using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Manifests;

/// <summary>
/// Reads text as Knative's Go code does when it unmarshals it into a map or a struct: a JSON object, or <c>null</c>
/// (which leaves it empty); a string, number, list or malformed JSON is refused.
/// </summary>
internal static class JsonObjectText
{
    /// <summary>The object (or null) in <paramref name="text"/>, or false with what is wrong with it.</summary>
    public static bool TryParse(string text, out JsonElement value, [NotNullWhen(false)] out string? problem)
    {
        value = default;
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonValueKind kind = document.RootElement.ValueKind;
            if (kind is JsonValueKind.Object or JsonValueKind.Null)
            {
                value = document.RootElement.Clone();
                problem = null;
                return true;
            }

            problem = $"it is {JsonErrors.Kind(kind)}, not an object";
        }
        catch (JsonException ex)
        {
            problem = $"it is not valid JSON: {JsonErrors.Syntax(ex, System.Text.Encoding.UTF8.GetBytes(text))}";
        }

        return false;
    }
}

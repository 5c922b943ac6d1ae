using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunctionsSequence.Core.Durable;

/// <summary>
/// A <see cref="HopFate"/> by name. A name this build does not know (a newer build's, read after a
/// rollback) reads as <see cref="HopFate.Failed"/>: the hop shows as failed, and the run's record
/// stays readable, where the strict converter would lose the whole record.
/// </summary>
internal sealed class HopFateJsonConverter : JsonConverter<HopFate>
{
    /// <inheritdoc />
    public override HopFate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String when reader.GetString() is { Length: > 0 } name && !char.IsAsciiDigit(name[0]) && Enum.TryParse(name, out HopFate fate) => fate,
        JsonTokenType.Number when reader.TryGetInt32(out int number) && Enum.IsDefined((HopFate)number) => (HopFate)number, // as the strict converter read them
        JsonTokenType.String or JsonTokenType.Number => HopFate.Failed,
        _ => throw new JsonException($"a hop's fate is a name, not {reader.TokenType}"),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, HopFate value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

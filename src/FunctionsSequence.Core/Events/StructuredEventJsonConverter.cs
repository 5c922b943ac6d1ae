using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunctionsSequence.Core.Events;

/// <summary>Reads and writes <see cref="StructuredEvent"/> as the JSON string it is in a payload.</summary>
public sealed class StructuredEventJsonConverter : JsonConverter<StructuredEvent>
{
    /// <inheritdoc />
    public override StructuredEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => StructuredEvent.Read(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, StructuredEvent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.Write(writer);
    }
}

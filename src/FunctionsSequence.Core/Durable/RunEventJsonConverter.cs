using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Durable;

/// <summary>
/// Writes an event with no hop counter and no redrive mark as its JSON string alone, the common
/// case (a run's input is read again on every replay), and one with either as an object; reads both forms.
/// </summary>
public sealed class RunEventJsonConverter : JsonConverter<RunEvent>
{
    /// <inheritdoc />
    public override RunEvent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new RunEvent(StructuredEvent.Read(ref reader))
            : JsonSerializer.Deserialize<Written>(ref reader, options) is { } written ? new RunEvent(written.Event, written.BrokerTtl, written.Redrive) : null;

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RunEvent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.BrokerTtl is null && value.Redrive is null)
        {
            value.Event.Write(writer);
            return;
        }

        JsonSerializer.Serialize(writer, new Written(value.Event, value.BrokerTtl, value.Redrive), options);
    }

    /// <summary>The object form, with the record's property names.</summary>
    private sealed record Written(StructuredEvent Event, int? BrokerTtl, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RedriveMark? Redrive);
}

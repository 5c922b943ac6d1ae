using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsSequence.Core.Delivery;

namespace FunctionsSequence.Core.Flows;

/// <summary>
/// Writes a <see cref="ReplyOutcome"/> as its array of failures; reads that, and <c>true</c>, which histories written
/// before the reply's activity returned an outcome hold for a reply that was delivered.
/// </summary>
public sealed class ReplyOutcomeJsonConverter : JsonConverter<ReplyOutcome>
{
    /// <inheritdoc />
    public override ReplyOutcome? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.True
            ? ReplyOutcome.Delivered
            : new ReplyOutcome(JsonSerializer.Deserialize<DeliveryResult?[]>(ref reader, options) ?? []);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ReplyOutcome value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value.Failures, options);
    }
}

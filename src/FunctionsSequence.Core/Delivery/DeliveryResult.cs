using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// What one delivery attempt (a step, a subscriber) came to. Activities return this rather than
/// throw, so the orchestration decides on retries with Knative's rules and durable timers.
/// </summary>
/// <param name="Succeeded">True when the destination accepted the event.</param>
/// <param name="Reply">The reply event, or null when there was none.</param>
/// <param name="StatusCode">The HTTP status of a failure (or the one that stands for it); 0 for a transport error.</param>
/// <param name="Retryable">True when Knative would retry this failure.</param>
/// <param name="Error">What went wrong, for logs and the failure record.</param>
/// <param name="ResponseBody">The failed response's body, for <c>knativeerrordata</c>.</param>
/// <remarks>
/// A result is written into orchestration history once per event and step and read again on every
/// replay after it, so a success with a reply is written as the reply alone, a JSON string; any
/// other result as an object without its default fields (see <see cref="DeliveryResultJsonConverter"/>).
/// </remarks>
[JsonConverter(typeof(DeliveryResultJsonConverter))]
public sealed record DeliveryResult(bool Succeeded, StructuredEvent? Reply, int StatusCode, bool Retryable, string? Error, string? ResponseBody)
{
    /// <summary>The reply event's structured-mode JSON, or null when there was none.</summary>
    public string? Event => Reply?.Json;

    /// <summary>Success, with or without a reply (structured-mode JSON).</summary>
    public static DeliveryResult Success(string? reply) => new(true, reply is null ? null : new StructuredEvent(reply), 0, false, null, null);

    /// <summary>A failed attempt.</summary>
    public static DeliveryResult Failure(int statusCode, bool retryable, string error, string? responseBody = null) =>
        new(false, null, statusCode, retryable, error, responseBody);
}

/// <summary>
/// Writes a success with a reply as the reply's JSON string, which reads back as fast as the
/// string itself (the object form cost about twice as much per replay); reads that and the
/// object form, which earlier versions wrote for every result.
/// </summary>
public sealed class DeliveryResultJsonConverter : JsonConverter<DeliveryResult>
{
    /// <inheritdoc />
    public override DeliveryResult? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new DeliveryResult(true, StructuredEvent.Read(ref reader), 0, false, null, null);
        }

        return JsonSerializer.Deserialize<Written>(ref reader, options) is { } written
            ? new DeliveryResult(written.Succeeded, written.Event, written.StatusCode, written.Retryable, written.Error, written.ResponseBody)
            : null;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DeliveryResult value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value is { Succeeded: true, Reply: { } reply, StatusCode: 0, Retryable: false, Error: null, ResponseBody: null })
        {
            reply.Write(writer);
            return;
        }

        JsonSerializer.Serialize(writer, new Written(value.Succeeded, value.Reply, value.StatusCode, value.Retryable, value.Error, value.ResponseBody), options);
    }

    /// <summary>The object form, with the names earlier versions wrote (the reply as <c>Event</c>); defaults are left out.</summary>
    private sealed record Written(
        bool Succeeded,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] StructuredEvent? Event,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int StatusCode,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Retryable,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? Error,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? ResponseBody);
}

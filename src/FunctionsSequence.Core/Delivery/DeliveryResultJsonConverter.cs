using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// Writes a success with a reply as the reply's JSON string, which reads back as cheaply as the
/// string itself, and any other result as an object; reads both forms, and <c>true</c>, which
/// histories written before the dead-letter activity returned a result hold as its success.
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

        if (reader.TokenType == JsonTokenType.True)
        {
            return DeliveryResult.Success(null);
        }

        return JsonSerializer.Deserialize<Written>(ref reader, options) is { } written
            ? new DeliveryResult(written.Succeeded, written.Event, written.StatusCode, written.Retryable, written.Error, written.ResponseBody)
            {
                RetryAfter = written.RetryAfter,
                ResponseData = written.ResponseData,
                Replied = written.Replied,
                ReplyGivenUp = written.ReplyGivenUp,
                ReplyAttempts = written.ReplyAttempts,
                ReplyRefusal = written.ReplyRefusal,
                AnsweredNowhere = written.AnsweredNowhere,
            }
            : null;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DeliveryResult value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value is { Succeeded: true, Reply: { } reply, StatusCode: 0, Retryable: false, Error: null, ResponseBody: null, ResponseData: null, RetryAfter: null, Replied: false, ReplyGivenUp: null, ReplyAttempts: 0, ReplyRefusal: null })
        {
            reply.Write(writer);
            return;
        }

        JsonSerializer.Serialize(writer, new Written(value.Succeeded, value.Reply, value.StatusCode, value.Retryable, value.Error, value.ResponseBody, value.RetryAfter, value.Replied, value.ReplyGivenUp, value.ReplyAttempts, value.ResponseData, value.ReplyRefusal, value.AnsweredNowhere), options);
    }

    /// <summary>The object form (the reply as <c>Event</c>); defaults are left out.</summary>
    private sealed record Written(
        bool Succeeded,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] StructuredEvent? Event,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int StatusCode,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Retryable,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? Error,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? ResponseBody,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] TimeSpan? RetryAfter = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Replied = false,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? ReplyGivenUp = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int ReplyAttempts = 0,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? ResponseData = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] DeliveryResult? ReplyRefusal = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool AnsweredNowhere = false);
}

using System.Text.Json.Serialization;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// What one delivery attempt (a step, a subscriber) came to. Activities return this rather than
/// throw, so the orchestration decides on retries with Knative's rules and durable timers.
/// </summary>
/// <param name="Succeeded">True when the destination accepted the event.</param>
/// <param name="Event">The reply event (structured JSON), or null when there was none.</param>
/// <param name="StatusCode">The HTTP status of a failure (or the one that stands for it); 0 for a transport error.</param>
/// <param name="Retryable">True when Knative would retry this failure.</param>
/// <param name="Error">What went wrong, for logs and the failure record.</param>
/// <param name="ResponseBody">The failed response's body, for <c>knativeerrordata</c>.</param>
/// <remarks>
/// A result is written into orchestration history once per event and step, so fields left at their
/// default are not written (a success is its reply alone); reading fills them back in.
/// </remarks>
public sealed record DeliveryResult(
    bool Succeeded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? Event,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int StatusCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Retryable,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] string? ResponseBody)
{
    /// <summary>Success, with or without a reply.</summary>
    public static DeliveryResult Success(string? reply) => new(true, reply, 0, false, null, null);

    /// <summary>A failed attempt.</summary>
    public static DeliveryResult Failure(int statusCode, bool retryable, string error, string? responseBody = null) =>
        new(false, null, statusCode, retryable, error, responseBody);
}

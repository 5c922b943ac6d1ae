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
public sealed record DeliveryResult(bool Succeeded, string? Event, int StatusCode, bool Retryable, string? Error, string? ResponseBody)
{
    /// <summary>Success, with or without a reply.</summary>
    public static DeliveryResult Success(string? reply) => new(true, reply, 0, false, null, null);

    /// <summary>A failed attempt.</summary>
    public static DeliveryResult Failure(int statusCode, bool retryable, string error, string? responseBody = null) =>
        new(false, null, statusCode, retryable, error, responseBody);
}

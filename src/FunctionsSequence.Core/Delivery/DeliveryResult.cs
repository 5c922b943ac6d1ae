using System.Text.Json.Serialization;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// What one delivery attempt (a step, a subscriber) came to. Activities return this rather than
/// throw, so the orchestration decides on retries with Knative's rules and durable timers.
/// </summary>
/// <param name="Succeeded">True when the destination accepted the event.</param>
/// <param name="Reply">The reply event, or null when there was none or it was sent on already (<see cref="Replied"/>, or a Trigger subscriber's reply published).</param>
/// <param name="StatusCode">The HTTP status of a failure (or the one that stands for it); 0 for a transport error.</param>
/// <param name="Retryable">True when Knative would retry this failure.</param>
/// <param name="Error">What went wrong, for logs and the failure record.</param>
/// <param name="ResponseBody">What a failed in-app step said, for <c>knativeerrordata</c> (an HTTP answer's body is <see cref="ResponseData"/>).</param>
/// <remarks>
/// A result is written into orchestration history once per event and step and read again on every
/// replay after it, so a success with a reply is written as the reply alone, a JSON string; any
/// other result as an object without its default fields (see <see cref="DeliveryResultJsonConverter"/>).
/// </remarks>
[JsonConverter(typeof(DeliveryResultJsonConverter))]
public sealed record DeliveryResult(bool Succeeded, StructuredEvent? Reply, int StatusCode, bool Retryable, string? Error, string? ResponseBody)
{
    /// <summary>
    /// What a failure's <c>Retry-After</c> header asked for, as a delay from the answer; kept in the result, so that an
    /// orchestration's retry reads it from history rather than from a clock (<see cref="DeliveryPolicy.Backoff(DeliverySpec?, int, IEnumerable{DeliveryResult})"/>).
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The first bytes of the failed HTTP answer's body as they came (<see cref="Steps.StepFailedException.ResponseBytes"/>),
    /// in base64: <c>knativeerrordata</c> as the dead-letter sink gets it. Null when no answer came.
    /// </summary>
    public string? ResponseData { get; init; }

    /// <summary>
    /// True when the hop's activity sent the answer on to its flow's reply itself and the reply took
    /// it (<see cref="StepInput.ThenReply"/>); the run then sends it no further, and the answer is not carried
    /// (<see cref="Reply"/> is null; a history written before carries it, and it is not read).
    /// </summary>
    public bool Replied { get; init; }

    /// <summary>
    /// Why the flow's reply refused the answer (<see cref="Flows.ReplyGivenUpException"/>: a refusal Knative does not
    /// retry), when the hop's activity sent it on itself. It is not sent again: the reply's own activity tries the
    /// run's other answers left and then fails the run, naming it, or, with a dead-letter sink on the hop, the run dead-letters it.
    /// </summary>
    public string? ReplyGivenUp { get; init; }

    /// <summary>
    /// Beside <see cref="ReplyGivenUp"/> on a hop with a dead-letter sink, the refusal as a failed attempt (its status and
    /// body): what the sink is told of a reply refused at the hop's own try. Null otherwise, and in histories written before it.
    /// </summary>
    public DeliveryResult? ReplyRefusal { get; init; }

    /// <summary>
    /// The tries the hop's activity made at sending the answer on to its flow's reply, a Service or URI,
    /// when none took it and nothing was given up; the reply's own activity tries after them, and its
    /// failure counts both. Zero for a flow or Broker reply, whose failure counts no tries.
    /// </summary>
    public int ReplyAttempts { get; init; }

    /// <summary>
    /// True when the hop answered with an event that has nowhere to go (<see cref="Api.ManifestSet.AnswersGoNowhere"/>): the
    /// event is through and counts as delivered, but the answer is not carried (<see cref="Reply"/> is null), whatever it
    /// holds, as Knative's dispatcher reads no answer where the subscription has no reply.
    /// </summary>
    public bool AnsweredNowhere { get; init; }

    /// <summary>The reply event's structured-mode JSON, or null when there was none or it was sent on already.</summary>
    public string? Event => Reply?.Json;

    /// <summary>Success, with or without a reply (structured-mode JSON).</summary>
    public static DeliveryResult Success(string? reply) => new(true, reply is null ? null : new StructuredEvent(reply), 0, false, null, null);

    /// <summary>A failed attempt.</summary>
    public static DeliveryResult Failure(int statusCode, bool retryable, string error, string? responseBody = null) =>
        new(false, null, statusCode, retryable, error, responseBody);
}

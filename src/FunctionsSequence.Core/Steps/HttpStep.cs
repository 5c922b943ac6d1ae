using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;

namespace FunctionsSequence.Core.Steps;

/// <summary>
/// A step or service reached over HTTP: POSTs the event in binary mode, or structured when its
/// delivery's format is json (<see cref="StepContext.Format"/>), and takes a CloudEvent in a
/// 2xx response as the output; an empty 2xx, or a body that is not a CloudEvent, ends the chain. A
/// reply that claims to be a CloudEvent (a CloudEvents media type, or a <c>ce-specversion</c> of
/// 0.3 or 1.0) but is not a valid one is a failed delivery (502), refused in the ingress's words.
/// How a 2xx answer's body is read is the context's <see cref="StepContext.Answer"/>: as a step's, as a Broker
/// subscriber's (a non-empty body that is not a CloudEvent fails too, rather than ending a chain), or not at all (a
/// reply, a dead-letter sink, a source sink).
/// </summary>
/// <param name="http">The client.</param>
/// <param name="uri">The endpoint.</param>
public sealed class HttpStep(HttpClient http, Uri uri) : ISequenceStep
{
    /// <summary>The endpoint.</summary>
    public Uri Uri { get; } = uri;

    // Failure messages reach logs, answers and dead letters: the query, which may carry a key (?code=), stays out of them.
    private string Shown => ShownUri.Of(Uri);

    /// <inheritdoc />
    public async ValueTask<CloudEvent?> InvokeAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(input, context, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new StepFailedException($"POST {Shown} failed: {Why(ex)}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                byte[] error = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                throw new StepFailedException($"POST {Shown} answered {(int)response.StatusCode} {response.ReasonPhrase}", (int)response.StatusCode)
                {
                    RetryAfter = RetryAfterOf(response),
                    ResponseBytes = ErrorData(error),
                };
            }

            if (context.Answer == AnswerUse.Ignored)
            {
                return null;
            }

            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            CloudEventRead reply = CloudEventHttpWriter.ParseReply(response, body);
            if (reply.Problem is { } problem)
            {
                // As Knative's broker answers a reply it cannot read as the event it claims to be.
                throw StepFailedException.InvalidAnswer($"POST {Shown} replied with an invalid CloudEvent: {problem}", context.Answer, ErrorData(body));
            }

            if (reply.Events is null && context.Answer == AnswerUse.Subscriber && body.Length > 0)
            {
                throw StepFailedException.InvalidAnswer($"POST {Shown} replied with a body that is not a CloudEvent", context.Answer, ErrorData(body));
            }

            return reply.Events?[0];
        }
    }

    /// <summary>What of an answer's body <c>knativeerrordata</c> can hold: its first bytes, kept in the attempt's result in history.</summary>
    private static byte[] ErrorData(byte[] body) => body.Length <= StepFailedException.MaxResponseBytes ? body : body[..StepFailedException.MaxResponseBytes];

    /// <summary>
    /// A <c>Retry-After</c> header as a delay: seconds, or an HTTP date less now, as Knative's dispatcher reads it
    /// (parseRetryAfterDuration); a date already past is no delay. Which answers it counts for is the delivery's rule.
    /// </summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>
    /// The failure in words: HttpClient's own message, and the transport's beneath it when that says more ("An error
    /// occurred while sending the request." hides "Connection reset by peer").
    /// </summary>
    private static string Why(HttpRequestException exception) =>
        exception.InnerException?.Message is { Length: > 0 } inner && !exception.Message.Contains(inner, StringComparison.Ordinal)
            ? $"{exception.Message} ({inner})"
            : exception.Message;

    /// <summary>
    /// Sends the event; once more on a new connection when the first send got no answer at all, as when the
    /// server had closed its pooled connection (one that closes after each response, or idles out sooner than
    /// the pool), which the client cannot tell from a server that read the event and dropped the connection.
    /// Steps are idempotent, so such a request may come twice; a delivery attempt is counted only for what the
    /// server answered or what fails again.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(CloudEvent input, StepContext context, CancellationToken cancellationToken)
    {
        for (int send = 1; ; send++)
        {
            using HttpRequestMessage request = context.Format == DeliveryFormat.Json
                ? CloudEventHttpWriter.CreateStructuredRequest(Uri, input)
                : CloudEventHttpWriter.CreateBinaryRequest(Uri, input);
            if (context.Answer != AnswerUse.Ignored)
            {
                // As Knative's dispatcher asks the destination whose answer it reads, and not a reply or a dead-letter sink.
                request.Headers.TryAddWithoutValidation("Prefer", "reply");
            }

            if (context.SenderNamespace is { } sender)
            {
                request.Headers.TryAddWithoutValidation("Kn-Namespace", sender);
            }

            if (input[CloudEventAttributes.TraceParent] is string traceparent)
            {
                // The W3C header beside ce-traceparent, for servers that trace HTTP but not CloudEvents.
                request.Headers.TryAddWithoutValidation(CloudEventAttributes.TraceParent, traceparent);
                if (input[CloudEventAttributes.TraceState] is string tracestate)
                {
                    request.Headers.TryAddWithoutValidation(CloudEventAttributes.TraceState, tracestate);
                }
            }

            try
            {
                return await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (send == 1 && ex.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError)
            {
            }
        }
    }
}

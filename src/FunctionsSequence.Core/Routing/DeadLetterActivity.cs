using System.Diagnostics;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Broker;
using FunctionsSequence.Core.DeadLetters;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Routing;

/// <summary>
/// <see cref="TaskNames.DeadLetter"/>: sends a failed hop's input event, with Knative's error
/// extensions, to the dead-letter sink of the step, Parallel branch, Trigger or Broker, once it is
/// recorded for redrive in the <see cref="IDeadLetterStore"/> (once, however often this runs).
/// One call is one attempt within the hop's per-attempt <c>timeout</c>; the orchestration retries
/// it by the hop's <c>delivery</c>, in its <c>format</c>, as Knative's dispatcher does for a dead-letter sink.
/// </summary>
public sealed partial class DeadLetterActivity(ManifestSet manifests, EventRouter router, IDeadLetterStore store, TimeProvider time, ILogger<DeadLetterActivity> logger)
{
    /// <summary>
    /// Sends <paramref name="input"/>'s event to its sink: a sink that refuses it, or does not answer
    /// in time, is a failed result rather than an exception, classified by Knative's rules.
    /// </summary>
    public async Task<DeliveryResult> SendAsync(DeadLetterInput input, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        DeliverySpec? delivery = manifests.DeliveryOf(input.Hop);
        Destination sink = delivery?.DeadLetterSink ?? throw new InvalidOperationException($"{input.Hop} has no dead-letter sink");
        input = WithBrokerTtl(input);
        CloudEvent deadLetter = DeadLetterEvents.Create(input);
        string key = DeadLetterRecord.KeyOf(input.Hop, deadLetter);
        try
        {
            await store.RecordAsync(
                new DeadLetterRecord(
                    key, input.Hop, input.FailedDestination, input.Event, input.Failure.StatusCode, input.Failure.Error, input.Attempts, time.GetUtcNow(), DeadLetterRecord.SinkOrigin,
                    Redrives: input.Redrive is { } redrive && redrive.Record == key ? redrive.Number : 0),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store out of reach for a moment: tried again by the hop's delivery, as a sink's 503 is.
            return DeliveryResult.Failure(500, retryable: true, $"the dead letter could not be recorded for redrive: {ex.Message}");
        }

        // A child of the failed hop's input: the event's trace shows where it ended up.
        using Activity? span = EventTrace.Listening ? EventTrace.StartHop($"{input.Hop} dead letter", ActivityKind.Producer, deadLetter) : null;
        span?.SetTag("fseq.destination", sink.ToString());
        EventTrace.Write(span, deadLetter);
        DeliveryResult sent = await DeliveryAttempt.RunAsync(
            async token =>
            {
                await router.SendAsync(client, sink, [new(deadLetter)], Runs.Via($"{input.Hop} dead letter", input.Run), delivery.Format, token);
                return null;
            },
            delivery.Timeout,
            cancellationToken);
        if (sent.Succeeded)
        {
            LogDeadLetter(logger, input.OfReply ? $"{input.Hop} reply" : input.Hop.ToString(), input.FailedDestination, deadLetter.Id, input.Attempts, DeliveryLog.LastStatus(input.Failure.StatusCode), input.Failure.Error, sink);
        }
        else
        {
            span?.SetStatus(ActivityStatusCode.Error, sent.Error);
        }

        return sent;
    }

    /// <summary>A Trigger's event as Knative's Broker channel holds it, with its hop counter, for the sink and the record a redrive reads.</summary>
    private static DeadLetterInput WithBrokerTtl(DeadLetterInput input)
    {
        if (input.BrokerTtl is not { } ttl)
        {
            return input;
        }

        CloudEvent held = CloudEventJson.Decode(input.Event);
        BrokerTtl.Set(held, ttl);
        return input with { Event = CloudEventJson.Encode(held) };
    }

    // The failure's message says why without the event's data; knativeerrordata, which may quote it, is for the sink only.
    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "{Hop} ({Destination}) failed for event {EventId} after {Attempts} attempt(s) (last {Status}: {Error}): sent to dead-letter sink {Sink}")]
    private static partial void LogDeadLetter(ILogger logger, string hop, string destination, string? eventId, int attempts, string status, string? error, Destination sink);
}

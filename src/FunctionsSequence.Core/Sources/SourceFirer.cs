using System.Diagnostics;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Delivery;
using FunctionsSequence.Core.Durable;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Routing;
using FunctionsSequence.Core.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Sources;

/// <summary>
/// Fires a PingSource/CronJobSource tick: builds its event and sends it to the sink, trying a failure
/// a delivery would retry again as Knative's PingSource adapter does (mtping: 5 retries, backing off
/// exponentially from 50 ms) before it gives the event up.
/// </summary>
public sealed partial class SourceFirer(EventRouter router, IFlowObserver observer, ILogger<SourceFirer> logger)
{
    /// <summary>Sends tried again after the first.</summary>
    public const int Retries = 5;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Fires <paramref name="source"/> for the tick at <paramref name="tick"/>. A failure is reported, not thrown; so is a send
    /// <paramref name="giveUp"/> cuts short (the wake's time ran out), where <paramref name="cancellationToken"/> is the stop's.
    /// </summary>
    public async Task<bool> FireAsync(DurableTaskClient client, PingSourceResource source, DateTimeOffset tick, CancellationToken cancellationToken, CancellationToken giveUp = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        CloudEvent cloudEvent = PingSourceEvents.Create(source, tick);
        if (giveUp.IsCancellationRequested)
        {
            return GivenUp(source, cloudEvent, new OperationCanceledException(giveUp), outOfTime: true, attempts: 0); // due after the wake's time ran out: not sent
        }

        LogFired(logger, source.Kind, source.Name, cloudEvent.Id, source.Sink);

        // The root of the event's trace: a source's event has no traceparent of its own.
        using Activity? span = EventTrace.Listening ? EventTrace.StartHop($"{source.Kind} {source.Name}", ActivityKind.Producer, cloudEvent) : null;
        span?.SetTag("fseq.destination", source.Sink.ToString());
        EventTrace.Write(span, cloudEvent);
        using CancellationTokenSource sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, giveUp);
        int attempts = 0;
        try
        {
            await InProcessRetry.RunAsync(
                async () =>
                {
                    attempts++;
                    using CancellationTokenSource bound = DeliveryPolicy.DefaultBound(sending.Token);
                    await router.SendAsync(client, source.Sink, [new(CloudEventFactory.Copy(cloudEvent))], via: null, format: null, bound.Token); // a Broker writes its hop counter on what it takes
                },
                Retries,
                FirstBackoff,
                ex => DeliveryAttempt.FailureOf(ex).Retryable,
                (ex, retry) => LogRetrying(logger, source.Kind, source.Name, cloudEvent.Id, source.Sink, retry, Retries, ex.Message),
                sending.Token);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            EventTrace.Fail(span, ex.Message);
            return GivenUp(source, cloudEvent, ex, giveUp.IsCancellationRequested, attempts);
        }
    }

    /// <summary>Reports a tick given up: after its retries, or when its wake's time ran out; false, for the caller to return.</summary>
    private bool GivenUp(PingSourceResource source, CloudEvent cloudEvent, Exception exception, bool outOfTime, int attempts)
    {
        if (outOfTime)
        {
            LogOutOfTime(logger, source.Kind, source.Name, cloudEvent.Id, source.Sink);
        }
        else
        {
            LogFailed(logger, source.Kind, source.Name, cloudEvent.Id, source.Sink, attempts, exception.Message);
        }

        observer.Failed($"{source.Kind}/{source.Name} event {cloudEvent.Id} to {source.Sink}", exception);
        return false;
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "{Kind} {Source} fired event {EventId} to {Sink}")]
    private static partial void LogFired(ILogger logger, string kind, string source, string? eventId, Destination sink);

    // The reason in words, not the exception: an expected give-up is no bug, and the Functions host prints an exception's stack.
    [LoggerMessage(EventId = 1602, Level = LogLevel.Error, Message = "{Kind} {Source}: event {EventId} could not be sent to {Sink} in {Attempts} attempt(s); it is given up, as Knative's PingSource gives it up ({Error})")]
    private static partial void LogFailed(ILogger logger, string kind, string source, string? eventId, Destination sink, int attempts, string error);

    [LoggerMessage(EventId = 1604, Level = LogLevel.Error, Message = "{Kind} {Source}: event {EventId} was not confirmed sent to {Sink} within the time its wake may send for; it is given up, as after its retries")]
    private static partial void LogOutOfTime(ILogger logger, string kind, string source, string? eventId, Destination sink);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "{Kind} {Source}: event {EventId} could not be sent to {Sink} ({Error}); retry {Retry} of {Retries}")]
    private static partial void LogRetrying(ILogger logger, string kind, string source, string? eventId, Destination sink, int retry, int retries, string error);
}

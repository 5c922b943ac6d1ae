using System.Diagnostics;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Telemetry;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// One attempt at a hop whose destination takes a run's events over rather than answering them (a
/// Sequence or Parallel starts one run of them, a Broker publishes them): all in one call, so a run
/// stays a run downstream, with a span per event as <see cref="HopSpans"/> writes them. The events
/// succeed or fail together, and answer nothing.
/// </summary>
public static class HandOver
{
    /// <summary>Hands <paramref name="events"/> over with <paramref name="handOver"/> within the hop's <paramref name="timeout"/>; a result per event, in order.</summary>
    public static async Task<DeliveryResult[]> AttemptAsync(
        Hop hop, Destination destination, IReadOnlyList<CloudEvent> events, Func<CancellationToken, Task> handOver, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hop);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handOver);
        using HopSpans spans = HopSpans.Start(EventTrace.Listening ? hop.ToString() : null, ActivityKind.Producer, destination, events, static e => e);
        long started = Stopwatch.GetTimestamp();
        DeliveryResult result = await DeliveryAttempt.RunAsync(
            async token =>
            {
                await handOver(token);
                return null;
            },
            timeout,
            cancellationToken);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        foreach (CloudEvent _ in events)
        {
            FlowMetrics.HopAttempted(hop, result.Succeeded, seconds);
        }

        return [.. events.Select(_ => result)];
    }
}

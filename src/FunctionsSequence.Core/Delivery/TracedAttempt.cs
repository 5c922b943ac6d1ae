using System.Diagnostics;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Telemetry;

namespace FunctionsSequence.Core.Delivery;

/// <summary>
/// One attempt at a hop for one event (<see cref="DeliveryAttempt"/>) in the hop's span: the
/// destination gets the event with the span's <c>traceparent</c>, its answer continues the trace,
/// and the attempt's duration and outcome are recorded.
/// </summary>
public static class TracedAttempt
{
    /// <summary>Runs <paramref name="invoke"/> on <paramref name="cloudEvent"/> as hop <paramref name="hop"/> towards <paramref name="destination"/>.</summary>
    public static async Task<DeliveryResult> RunAsync(
        Hop hop, Destination destination, CloudEvent cloudEvent, Func<CloudEvent, CancellationToken, ValueTask<CloudEvent?>> invoke, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        long started = Stopwatch.GetTimestamp();
        using Activity? span = EventTrace.Listening ? EventTrace.StartHop(hop.ToString(), ActivityKind.Client, cloudEvent) : null;
        if (span is not null)
        {
            span.SetTag("fseq.destination", destination.ToString());
            EventTrace.Write(span, cloudEvent);
        }

        DeliveryResult result = await DeliveryAttempt.RunAsync(
            async token =>
            {
                CloudEvent? answer = await invoke(cloudEvent, token);
                if (span is null)
                {
                    EventTrace.Inherit(cloudEvent, answer); // no span: the answer goes on in its event's trace
                }
                else
                {
                    EventTrace.Adopt(span, answer);
                }

                return answer;
            },
            timeout,
            cancellationToken);
        if (span is not null && !result.Succeeded)
        {
            EventTrace.Fail(span, result.Error, result.StatusCode);
        }

        FlowMetrics.HopAttempted(hop, result.Succeeded, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }
}

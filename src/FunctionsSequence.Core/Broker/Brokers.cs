using System.Diagnostics;
using CloudNative.CloudEvents;
using FunctionsSequence.Core.Admission;
using FunctionsSequence.Core.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// The one way into a Broker, from outside or from a reply: applies the hop counter's rules, stamps
/// the arrival time, then publishes.
/// </summary>
public sealed partial class Brokers(IBrokerPublisher publisher, TimeProvider time, ILogger<Brokers> logger)
{
    /// <summary>
    /// Publishes <paramref name="events"/> into <paramref name="broker"/>; those whose hop counter
    /// ran out are dropped and reported. Returns how many were published.
    /// </summary>
    public async Task<int> PublishAsync(DurableTaskClient client, string broker, IReadOnlyList<RoutedEvent> events, EventOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var live = new List<CloudEvent>(events.Count);
        DateTimeOffset now = time.GetUtcNow();
        foreach (RoutedEvent routed in events)
        {
            if (BrokerTtl.TryEnter(routed, out _))
            {
                BrokerArrival.Stamp(routed.Event, now);
                live.Add(routed.Event);
            }
            else
            {
                LogTtlExhausted(logger, broker, routed.Event.Id, routed.Event.Source);
            }
        }

        if (live.Count > 0)
        {
            // The Broker's span is each event's parent on every Trigger it matches, in process or through Event Grid.
            using HopSpans spans = HopSpans.Start(EventTrace.Listening ? $"Broker {broker} publish" : null, ActivityKind.Producer, null, live, static e => e);
            await publisher.PublishAsync(client, broker, live, origin, cancellationToken);
        }

        return live.Count;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Broker {Broker}: event {EventId} from {Source} dropped: its hop counter (knativebrokerttl) ran out, which means it was looping")]
    private static partial void LogTtlExhausted(ILogger logger, string broker, string? eventId, Uri? source);
}

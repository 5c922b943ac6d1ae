using CloudNative.CloudEvents;
using FunctionsSequence.Core.Api;
using FunctionsSequence.Core.Events;
using FunctionsSequence.Core.Filtering;
using FunctionsSequence.Core.Sequences;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FunctionsSequence.Core.Broker;

/// <summary>
/// A Broker routed in-process: each Trigger whose filter matches gets a durable delivery
/// (<see cref="TaskNames.TriggerOrchestrator"/>, or a shared <see cref="TaskNames.TriggerBatchOrchestrator"/>),
/// so a slow or failing subscriber holds up no other.
/// </summary>
public sealed partial class InProcessBroker(ManifestSet manifests, RunBatcher batcher, ILogger<InProcessBroker> logger) : IBrokerPublisher
{
    /// <inheritdoc />
    public async Task PublishAsync(DurableTaskClient client, string broker, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        int ttl = BrokerTtl.Get(cloudEvent) ?? BrokerTtl.Default;
        // Subscribers don't see the hop counter; the delivery carries it to their reply.
        string forSubscriber = CloudEventJson.Encode(CloudEventFactory.Without(cloudEvent, BrokerTtl.Extension));
        TriggerResource[] matching = [.. manifests.TriggersOf(broker).Where(t => t.Filter.Matches(cloudEvent))];
        // Side by side: a busy Trigger must not hold up the others' deliveries.
        await Task.WhenAll(matching.Select(t => batcher.EnqueueTriggerAsync(client, t.Name, cloudEvent, forSubscriber, ttl, cancellationToken)));
        LogRouted(logger, broker, cloudEvent.Id, cloudEvent.Type, matching.Length);
    }

    /// <inheritdoc />
    public async Task PublishBatchAsync(DurableTaskClient client, string broker, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var deliveries = events.Select(e => (Event: e, ForSubscriber: CloudEventJson.Encode(CloudEventFactory.Without(e, BrokerTtl.Extension)), Ttl: BrokerTtl.Get(e) ?? BrokerTtl.Default)).ToList();
        int[] matched = new int[deliveries.Count];
        foreach (TriggerResource trigger in manifests.TriggersOf(broker))
        {
            var matching = new List<(CloudEvent, string, int)>();
            for (int i = 0; i < deliveries.Count; i++)
            {
                if (trigger.Filter.Matches(deliveries[i].Event))
                {
                    matching.Add(deliveries[i]);
                    matched[i]++;
                }
            }

            if (matching.Count > 0)
            {
                await batcher.StartTriggerNowAsync(client, trigger.Name, matching, cancellationToken);
            }
        }

        for (int i = 0; i < deliveries.Count; i++)
        {
            LogRouted(logger, broker, deliveries[i].Event.Id, deliveries[i].Event.Type, matched[i]);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker {Broker}: event {EventId} ({Type}) matched {Count} trigger(s)")]
    private static partial void LogRouted(ILogger logger, string broker, string? eventId, string? type, int count);
}
